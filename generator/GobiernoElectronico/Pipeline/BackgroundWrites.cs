namespace GobiernoElectronico.Pipeline;

/// <summary>
/// Files a build writes beside its work (the build cache's parses and lexicon words), each on a thread of its own rather
/// than the pool's, whose threads the stages' parallel loops wait for. <see cref="Wait"/> ends them before the build
/// returns; disposing waits too, so that no write outlives the build that started it, even one that failed.
/// </summary>
public sealed class BackgroundWrites : IDisposable
{
    private readonly List<Task> _writes = [];

    /// <summary>Starts <paramref name="write"/> on a thread of its own.</summary>
    public void Start(Action write)
    {
        lock (_writes) _writes.Add(Task.Factory.StartNew(write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    /// <summary>Waits for every write started; a write that failed other than as <c>Save</c> allows throws here.</summary>
    public void Wait()
    {
        Task[] writes;
        lock (_writes)
        {
            writes = [.. _writes];
            _writes.Clear();
        }
        foreach (var write in writes) write.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Task[] writes;
        lock (_writes) writes = [.. _writes];
        Task.WaitAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
    }
}
