using System.Diagnostics;
using System.Globalization;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// How long each stage of a build took: wall time and the CPU time of the whole process meanwhile (above the
/// wall time when a stage uses both cores). Printed by <c>ge build --timings</c> and by the benchmarks.
/// </summary>
public sealed class StageTimings
{
    /// <param name="HeapAfter">Bytes of managed heap in use when the stage ended (not collected first: an upper bound).</param>
    /// <param name="PeakSoFar">The process's peak resident memory when the stage ended (what <c>time</c> reports as its
    /// maximum): the stage that raises it is the one to look at.</param>
    /// <param name="GcPause">Time the garbage collector paused the program during the stage.</param>
    /// <param name="FullCollections">Full (gen 2) collections during the stage.</param>
    /// <param name="Allocated">Bytes the stage allocated on the managed heap, on every thread: what the collector has to clear
    /// away, and unlike the times the same on a busy machine as on an idle one.</param>
    public sealed record Entry(string Stage, TimeSpan Wall, TimeSpan Cpu, long HeapAfter = 0, long PeakSoFar = 0, TimeSpan GcPause = default,
        int FullCollections = 0, long Allocated = 0);

    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The time source of the wall times (tests give one they move by hand).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called as a stage starts (for progress on long builds).</summary>
    public Action<string>? Started { get; init; }

    /// <summary>Called as a stage ends, with its wall time (for progress on long builds).</summary>
    public Action<string, TimeSpan>? Finished { get; init; }

    public T Time<T>(string stage, Func<T> work) => Time(stage, work, notify: true);

    private T Time<T>(string stage, Func<T> work, bool notify)
    {
        Started?.Invoke(stage);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var full = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes();
        var wall = Clock.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            var elapsed = Clock.GetElapsedTime(wall);
            using var process = Process.GetCurrentProcess();
            _entries.Add(new Entry(stage, elapsed, process.TotalProcessorTime - cpu, GC.GetTotalMemory(Environment.GetEnvironmentVariable("GE_HEAP_EXACT") == "1"),
                process.PeakWorkingSet64, GC.GetTotalPauseDuration() - pause, GC.CollectionCount(2) - full, GC.GetTotalAllocatedBytes() - allocated));
            if (notify) Finished?.Invoke(stage, elapsed);
        }
    }

    /// <summary>The closing summary's second line: "load 0.4 s · validate 0.3 s · … · write 0.3 s".</summary>
    public string Summary() =>
        string.Join(" · ", _entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Stage} {e.Wall.TotalSeconds:0.0} s")));

    public void Time(string stage, Action work) => Time(stage, () => { work(); return 0; });

    /// <summary>Times <paramref name="work"/> less the stages it times itself: what is its own (the write around the
    /// stages that stream into it).</summary>
    public T Around<T>(string stage, Func<T> work)
    {
        var before = _entries.Count;
        T result;
        try
        {
            result = Time(stage, work, notify: false);
        }
        finally
        {
            var own = _entries[^1];
            var inner = _entries.Skip(before).Take(_entries.Count - 1 - before).ToList();
            _entries[^1] = own with
            {
                Wall = own.Wall - new TimeSpan(inner.Sum(e => e.Wall.Ticks)),
                Cpu = own.Cpu - new TimeSpan(inner.Sum(e => e.Cpu.Ticks)),
                GcPause = own.GcPause - new TimeSpan(inner.Sum(e => e.GcPause.Ticks)),
                FullCollections = own.FullCollections - inner.Sum(e => e.FullCollections),
                Allocated = own.Allocated - inner.Sum(e => e.Allocated),
            };
            Finished?.Invoke(stage, _entries[^1].Wall);
        }
        return result;
    }

    /// <summary>One line per stage and a total: "  render    14226 ms wall   27800 ms CPU".</summary>
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var e in _entries)
            yield return string.Create(c, $"  {e.Stage,-24} {e.Wall.TotalMilliseconds,8:0} ms wall {e.Cpu.TotalMilliseconds,8:0} ms CPU {e.HeapAfter / 1048576.0,6:0} MiB heap after {e.PeakSoFar / 1048576.0,6:0} MiB peak so far {e.GcPause.TotalMilliseconds,7:0} ms GC pause {e.FullCollections,3} full GC {e.Allocated / 1048576.0,8:0} MiB allocated");
        yield return string.Create(c, $"  {"total",-24} {_entries.Sum(e => e.Wall.TotalMilliseconds),8:0} ms wall {_entries.Sum(e => e.Cpu.TotalMilliseconds),8:0} ms CPU {_entries.Sum(e => e.Allocated) / 1048576.0,8:0} MiB allocated");
    }
}
