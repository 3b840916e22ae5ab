using System.Globalization;

namespace GobiernoElectronico.Cli;

/// <summary>
/// Progress of a build on standard error. On a terminal, one line that names the running stage and is
/// rewritten in place; otherwise (a log, CI) a plain line for each stage that took longer than a second, so a
/// small build stays quiet and a long one never looks stuck.
/// </summary>
/// <param name="clock">The time source (tests give one they move by hand).</param>
internal sealed class BuildProgress(TextWriter error, bool terminal, TimeProvider? clock = null)
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time = clock ?? TimeProvider.System;
    private readonly long _start = (clock ?? TimeProvider.System).GetTimestamp();
    private int _stage;
    private bool _lineOpen;

    public void Started(string stage)
    {
        _stage++;
        if (!terminal) return;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[K  [{_stage}] {stage} … ({_time.GetElapsedTime(_start).TotalSeconds:0.0} s)"));
        _lineOpen = true;
    }

    public void Finished(string stage, TimeSpan took)
    {
        if (terminal || took < Slow) return;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ge build: {stage} done in {took.TotalSeconds:0.0} s ({_time.GetElapsedTime(_start).TotalSeconds:0.0} s so far)"));
    }

    /// <summary>Clears the progress line before the summary is written.</summary>
    public void Done()
    {
        if (!_lineOpen) return;
        error.Write("\r\u001b[K");
        _lineOpen = false;
    }
}
