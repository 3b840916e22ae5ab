using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>The build cache's files written beside the build: none outlives the build, and a failure is not lost.</summary>
public class BackgroundWritesTests
{
    [Test]
    public void Wait_returns_once_every_write_ended_and_throws_what_one_threw()
    {
        var written = 0;
        using var release = new ManualResetEventSlim();
        var writes = new BackgroundWrites();
        writes.Start(() =>
        {
            release.Wait();
            Interlocked.Increment(ref written);
        });
        writes.Start(() => Interlocked.Increment(ref written));
        var waiting = Task.Run(writes.Wait);
        Assert.That(waiting.Wait(200), Is.False, "a write is still going on");
        release.Set();
        waiting.GetAwaiter().GetResult();
        Assert.That(written, Is.EqualTo(2));

        writes.Start(() => throw new InvalidOperationException("disk on fire"));
        Assert.That(writes.Wait, Throws.InvalidOperationException.With.Message.EqualTo("disk on fire"));
        writes.Dispose();
    }

    [Test]
    public void Disposing_waits_for_writes_even_failed_ones_without_throwing()
    {
        var ended = false;
        var writes = new BackgroundWrites();
        writes.Start(() => throw new IOException("full"));
        writes.Start(() =>
        {
            Thread.Sleep(100);
            ended = true;
        });
        Assert.That(writes.Dispose, Throws.Nothing);
        Assert.That(ended, Is.True, "the build does not end before its writes");
    }
}
