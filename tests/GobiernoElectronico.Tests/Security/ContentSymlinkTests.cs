using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Security;

/// <summary>
/// Links in content/ never publish what lies outside it: a linked media file, a linked folder and a linked
/// Markdown document are each a located GE0006 error in `build` and `check`, and the canary text of the
/// outside files reaches no byte of anything.
/// </summary>
public class ContentSymlinkTests
{
    private const string Canary = "CANARY-OUTSIDE-CONTENT-7f3a";

    private static TempDir TreeWithLinks(out string outside)
    {
        var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        outside = dir.Write("outside/secret.txt", Canary);
        dir.Write("outside/folder/inner.txt", Canary);
        var practice = File.ReadAllText(dir["content/practices/telecentros-municipales.md"]).Replace("Telecentros", Canary, StringComparison.Ordinal);
        dir.Write("outside/stolen.md", practice);
        Directory.CreateDirectory(dir["content/media"]);
        File.CreateSymbolicLink(dir["content/media/passwd"], "/etc/passwd");
        File.CreateSymbolicLink(dir["content/media/secret.txt"], dir["outside/secret.txt"]);
        Directory.CreateSymbolicLink(dir["content/media/folder"], dir["outside/folder"]);
        File.CreateSymbolicLink(dir["content/practices/stolen.md"], dir["outside/stolen.md"]);
        return dir;
    }

    [Test]
    public void Every_link_is_a_located_error_and_nothing_is_published()
    {
        using var dir = TreeWithLinks(out _);
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], dir["templates"], dir["site"], new DateOnly(2026, 1, 1)));
        Assert.That(result.Succeeded, Is.False);
        var linked = result.Diagnostics.Where(d => d.Code == ErrorCodes.LinkedFile).Select(d => Path.GetFileName(d.Path)).Order().ToList();
        Assert.That(linked, Is.EqualTo(new[] { "folder", "passwd", "secret.txt", "stolen.md" }));
        Assert.That(Directory.Exists(dir["site"]), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Check_reports_them_too()
    {
        using var dir = TreeWithLinks(out _);
        var r = GeProcess.Run(dir.Path, "check");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("content/practices/stolen.md(1,1): error GE0006: this is a symbolic link"));
        Assert.That(r.Out, Does.Contain("content/media/folder(1,1): error GE0006"));
        Assert.That(r.Out, Does.Not.Contain(Canary));
    }

    [Test]
    public void Without_the_links_the_same_tree_builds_and_holds_no_canary()
    {
        using var dir = TreeWithLinks(out _);
        foreach (var link in new[] { "content/media/passwd", "content/media/secret.txt", "content/practices/stolen.md" }) File.Delete(dir[link]);
        Directory.Delete(dir["content/media/folder"]);
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], dir["templates"], dir["site"], new DateOnly(2026, 1, 1)));
        Assert.That(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.That(SiteSnapshot.FilesContaining(dir["site"], Canary), Is.Empty);
    }
}
