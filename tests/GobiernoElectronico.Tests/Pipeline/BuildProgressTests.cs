using GobiernoElectronico.Cli;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>Progress of <c>ge build</c> on standard error: a rewritten line on a terminal, plain lines for slow stages otherwise.</summary>
public class BuildProgressTests
{
    [Test]
    public void In_a_log_only_stages_slower_than_a_second_get_a_line()
    {
        var error = new StringWriter();
        var progress = new BuildProgress(error, terminal: false);
        var stages = new StageTimings { Started = progress.Started, Finished = progress.Finished };
        stages.Time("load", () => { });
        stages.Time("render", () => Thread.Sleep(1100));
        progress.Done();
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), error.ToString());
        Assert.That(lines[0], Does.Match(@"^ge build: render done in 1\.\d s \(1\.\d s so far\)$"));
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
        var stages = new StageTimings();
        stages.Around("write", () => stages.Time("render", () => { Thread.Sleep(300); return 0; }));
        var summary = stages.Summary();
        Assert.That(summary, Does.Match(@"^render 0\.\d s · write 0\.\d s$"));
        Assert.That(stages.Entries.Single(e => e.Stage == "write").Wall, Is.LessThan(TimeSpan.FromMilliseconds(250)));
    }
}
