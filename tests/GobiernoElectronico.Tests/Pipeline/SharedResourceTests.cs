using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>An index replaced while a search reads it is closed when the search ends, never under it.</summary>
public class SharedResourceTests
{
    private sealed class Resource : IDisposable
    {
        public int InUse;
        public int Disposals;
        public bool DisposedInUse;

        public void Dispose()
        {
            if (Volatile.Read(ref InUse) > 0) DisposedInUse = true;
            Interlocked.Increment(ref Disposals);
        }
    }

    [Test]
    public void Retired_while_leased_it_is_disposed_when_the_last_lease_ends()
    {
        var resource = new Resource();
        var after = 0;
        var shared = new SharedResource<Resource>(resource, () => after++);
        Assert.That(shared.TryAcquire(), Is.True);
        shared.Retire();
        Assert.That(resource.Disposals, Is.Zero, "a reader still holds it");
        Assert.That(shared.TryAcquire(), Is.False, "no new lease once retired");
        shared.Release();
        Assert.That((resource.Disposals, after), Is.EqualTo((1, 1)));
        shared.Retire();
        Assert.That(resource.Disposals, Is.EqualTo(1), "once");
    }

    /// <summary>The race it guards against is rare (once in 20,000 rounds here, before the leases and the retirement were one
    /// number): 2,000 rounds, about a second, catch it often enough to notice.</summary>
    [Test]
    public void Under_contention_it_is_disposed_once_and_never_while_read()
    {
        for (var round = 0; round < 2_000; round++)
        {
            var resource = new Resource();
            var shared = new SharedResource<Resource>(resource);
            using var start = new Barrier(5);
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 2_000; i++)
                {
                    if (!shared.TryAcquire()) continue;
                    Interlocked.Increment(ref resource.InUse);
                    Interlocked.Decrement(ref resource.InUse);
                    shared.Release();
                }
            })).ToArray();
            start.SignalAndWait();
            shared.Retire();
            Task.WaitAll(readers);
            Assert.That(resource.Disposals, Is.EqualTo(1));
            Assert.That(resource.DisposedInUse, Is.False);
        }
    }
}
