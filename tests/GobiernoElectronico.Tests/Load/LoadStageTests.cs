using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Load;

/// <summary>
/// The load stage of a builder that lives on, told which files a watcher saw change: it looks only at those, and walks
/// the tree again whenever the list could be wrong (a file added, removed, or not among the documents it read).
/// </summary>
public class LoadStageTests
{
    private static (TempDir Dir, LoadStage Stage, IReadOnlyList<GobiernoElectronico.Load.SourceDocument> First) Start()
    {
        var dir = new TempDir();
        var content = dir.CopyFrom(System.IO.Path.Combine(Repo.Fixture("mini"), "content"), "content");
        var stage = new LoadStage(new BuildOptions(content, Repo.Templates, dir["site"]), remember: true);
        var first = stage.Run(new DiagnosticBag())!.Documents;
        return (dir, stage, first);
    }

    private static void Touch(string file, string text)
    {
        var before = File.GetLastWriteTimeUtc(file);
        File.WriteAllText(file, text);
        if (File.GetLastWriteTimeUtc(file) <= before) File.SetLastWriteTimeUtc(file, before.AddSeconds(1));
    }

    [Test]
    public void A_changed_file_named_by_the_watcher_is_read_again_and_every_other_document_is_the_same_object()
    {
        var (dir, stage, first) = Start();
        using var _ = dir;
        var practice = Directory.GetFiles(dir["content/practices"], "*.md").Order(StringComparer.Ordinal).First();
        Touch(practice, File.ReadAllText(practice) + "\nzqwatched\n");
        var next = stage.Run(new DiagnosticBag(), [practice])!.Documents;
        Assert.That(next.Select(d => d.Path), Is.EqualTo(first.Select(d => d.Path)));
        var changed = next.Where((d, i) => !ReferenceEquals(d, first[i])).ToList();
        Assert.That(changed, Has.Count.EqualTo(1));
        Assert.That(changed[0].Body.Text, Does.Contain("zqwatched"));
    }

    [Test]
    public void A_file_the_watcher_did_not_name_is_not_looked_at_but_a_full_run_finds_it()
    {
        var (dir, stage, first) = Start();
        using var _ = dir;
        var files = Directory.GetFiles(dir["content/practices"], "*.md").Order(StringComparer.Ordinal).ToList();
        Touch(files[0], File.ReadAllText(files[0]) + "\nzqunnamed\n");
        var hinted = stage.Run(new DiagnosticBag(), [files[^1]])!.Documents;
        Assert.That(hinted.Any(d => d.Body.Text.Contains("zqunnamed", StringComparison.Ordinal)), Is.False, "only the named file is looked at");
        var full = stage.Run(new DiagnosticBag())!.Documents;
        Assert.That(full.Any(d => d.Body.Text.Contains("zqunnamed", StringComparison.Ordinal)), "without a list every file is looked at");
    }

    [Test]
    public void A_new_or_deleted_file_makes_the_stage_walk_the_tree_again()
    {
        var (dir, stage, first) = Start();
        using var _ = dir;
        var files = Directory.GetFiles(dir["content/practices"], "*.md").Order(StringComparer.Ordinal).ToList();
        var copy = dir["content/practices/zz-added-practice.md"];
        File.Copy(files[0], copy);
        var added = stage.Run(new DiagnosticBag(), [copy])!.Documents;
        Assert.That(added.Select(d => d.Path), Has.Some.EndsWith("zz-added-practice.md"));
        Assert.That(added, Has.Count.EqualTo(first.Count + 1));

        File.Delete(copy);
        var removed = stage.Run(new DiagnosticBag(), [copy])!.Documents;
        Assert.That(removed.Select(d => d.Path), Is.EqualTo(first.Select(d => d.Path)));
    }

    [Test]
    public void A_changed_template_or_data_file_does_not_make_the_stage_read_documents()
    {
        var (dir, stage, first) = Start();
        using var _ = dir;
        var next = stage.Run(new DiagnosticBag(), [System.IO.Path.Combine(Repo.Templates, "layout.html")])!.Documents;
        Assert.That(next.Select((d, i) => ReferenceEquals(d, first[i])), Is.All.True);
    }
}
