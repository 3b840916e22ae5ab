using System.Diagnostics;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Write;

/// <summary>
/// `ge build` killed with SIGKILL at many moments of a build: the published site is always whole (the old
/// one or the new one) or, when the kill fell while an update moved its changed files in, its journal is in the build
/// cache; the next build finishes such an update, removes every temporary folder the killed one left, and puts the
/// old site back if the kill fell between the two renames of a site written whole.
/// </summary>
[Category("Process")]
public class KilledBuildTests
{
    [Test]
    public void The_site_stays_whole_and_the_next_build_leaves_no_stray_folder()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Fixture("long"), "practices"))) File.Copy(file, dir[$"content/practices/{Path.GetFileName(file)}"]);
        dir.CopyFrom(Repo.Templates, "templates");

        Assert.That(GeProcess.Run(dir.Path, "build").ExitCode, Is.Zero);
        var before = SiteSnapshot.Take(dir["site"]);
        var edited = dir["content/practices/telecentro-rural.md"];
        File.AppendAllText(edited, "\nUna frase añadida: quipucamayoc.\n");
        Assert.That(GeProcess.Run(dir.Path, "build", "--output", "reference").ExitCode, Is.Zero);
        var after = SiteSnapshot.Take(dir["reference"]);
        Assert.That(after, Is.Not.EqualTo(before));

        var outcomes = new List<string>();
        foreach (var delay in new[] { 150, 400, 700, 900, 1100, 1300, 1500, 1700, 2000, 2500 })
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Repo.CliDll);
            start.ArgumentList.Add("build");
            using var build = Process.Start(start)!;
            Thread.Sleep(delay);
            if (!build.HasExited) build.Kill(); // SIGKILL
            build.WaitForExit();
            var site = SiteSnapshot.Take(dir["site"]);
            var state = SameFiles(site, before) ? "old" : SameFiles(site, after) ? "new" : site.Count == 0 && OldSiteKept(dir.Path, before) ? "between renames"
                : File.Exists(dir[".site.cache/publish-journal"]) ? "update being applied" : "BROKEN";
            outcomes.Add($"{delay} ms: {state}");
            Assert.That(state, Is.Not.EqualTo("BROKEN"), string.Join("; ", outcomes));
            if (state == "new") break;
        }
        var leftByKills = Directory.GetFileSystemEntries(dir.Path, ".site.*").Select(Path.GetFileName).Where(n => n != ".site.cache").ToList();
        TestContext.Progress.WriteLine("kill -9 during build: " + string.Join("; ", outcomes) + $"; left behind: {string.Join(", ", leftByKills)}");
        // Whatever the timing left, a half-written folder of each kind is there for the next build to clear.
        dir.Write(".site.tmp-0123456789abcdef0123456789abcdef/index.html", "half written");
        dir.Write(".site.old-0123456789abcdef0123456789abcdef/index.html", "an older site");

        var next = GeProcess.Run(dir.Path, "build");
        Assert.That(next.ExitCode, Is.Zero, next.Err);
        Assert.That(SameFiles(SiteSnapshot.Take(dir["site"]), after));
        var stray = Directory.GetFileSystemEntries(dir.Path, ".site*").Select(Path.GetFileName).Where(n => n != ".site.cache").ToList();
        Assert.That(stray, Is.Empty, "left by killed builds");
    }

    /// <summary>The marker file differs in nothing; compare every file.</summary>
    private static bool SameFiles(SortedDictionary<string, string> a, SortedDictionary<string, string> b) => a.Count > 0 && a.SequenceEqual(b);

    private static bool OldSiteKept(string root, SortedDictionary<string, string> before) =>
        Directory.GetDirectories(root, ".site.old-*").Any(d => SameFiles(SiteSnapshot.Take(d), before));
}
