using GobiernoElectronico.Cli;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>Progress of <c>ge build</c> on standard error: a rewritten line on a terminal, plain lines for slow stages otherwise.</summary>
public class BuildProgressTests
{
    /// <summary>A clock the test moves: a stage "takes" exactly what the test says, without sleeping.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    [Test]
    public void In_a_log_only_stages_slower_than_a_second_get_a_line()
    {
        var error = new StringWriter();
        var clock = new ManualClock();
        var progress = new BuildProgress(error, terminal: false, clock);
        var stages = new StageTimings { Started = progress.Started, Finished = progress.Finished, Clock = clock };
        stages.Time("load", () => clock.Advance(TimeSpan.FromMilliseconds(900)));
        stages.Time("render", () => clock.Advance(TimeSpan.FromMilliseconds(1100)));
        progress.Done();
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), error.ToString());
        Assert.That(lines[0], Is.EqualTo("ge build: render done in 1.1 s (2.0 s so far)"));
        Assert.That(error.ToString().IndexOf('\u001b', StringComparison.Ordinal), Is.EqualTo(-1), "no terminal codes in a log");
    }

    [Test]
    public void On_a_terminal_one_line_names_the_running_stage_and_is_cleared_at_the_end()
    {
        var error = new StringWriter();
        var progress = new BuildProgress(error, terminal: true);
        var stages = new StageTimings { Started = progress.Started, Finished = progress.Finished };
        stages.Time("load", () => { });
        stages.Around("write", () => stages.Time("render", () => 0));
        progress.Done();
        var text = error.ToString();
        Assert.That(text, Does.Contain("[1] load …").And.Contain("[2] write …").And.Contain("[3] render …"));
        Assert.That(text.IndexOf('\n', StringComparison.Ordinal), Is.EqualTo(-1), "the line is rewritten in place, not repeated");
        Assert.That(text.EndsWith("\r\u001b[K", StringComparison.Ordinal), "cleared before the summary");
    }

    [Test]
    public void The_summary_names_each_stage_with_its_time_and_the_write_counts_only_its_own()
    {
        var clock = new ManualClock();
        var stages = new StageTimings { Clock = clock };
        stages.Around("write", () =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            return stages.Time("render", () => { clock.Advance(TimeSpan.FromMilliseconds(300)); return 0; });
        });
        Assert.That(stages.Summary(), Is.EqualTo("render 0.3 s · write 0.2 s"));
        Assert.That(stages.Entries.Single(e => e.Stage == "write").Wall, Is.EqualTo(TimeSpan.FromMilliseconds(200)), "the write counts only its own time");
    }

    [Test]
    public void Each_stage_reports_what_it_allocated_and_the_write_only_its_own()
    {
        var stages = new StageTimings();
        byte[]? kept = null;
        stages.Around("write", () =>
        {
            kept = new byte[4 << 20];
            return stages.Time("render", () => (kept = new byte[16 << 20]).Length);
        });
        GC.KeepAlive(kept);
        var render = stages.Entries.Single(e => e.Stage == "render").Allocated;
        var write = stages.Entries.Single(e => e.Stage == "write").Allocated;
        Assert.That(render, Is.InRange(16L << 20, 17L << 20));
        Assert.That(write, Is.InRange(4L << 20, 5L << 20), "the write counts only its own");
        Assert.That(stages.Lines().First(l => l.TrimStart().StartsWith("render", StringComparison.Ordinal)), Does.EndWith("16 MiB allocated"));
    }
}
