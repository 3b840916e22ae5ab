using AngleSharp.Html.Parser;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Pipeline;

public class BuildOutputTests
{
    private const string DraftMarker = "DRAFT-MARKER-c1e9";

    [Category("Process")]
    [Test]
    public void Readme_build_command_with_defaults_builds_every_page()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        var result = GeProcess.Run(dir.Path, "build");
        Assert.That(result.ExitCode, Is.Zero, result.Err);
        var lines = result.Out.Trim().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2), result.Out);
        Assert.That(lines[0], Does.Match(@"^Built \d+ documents into \d+ pages \(\d+ files\) in \d+\.\d\d s\.$"));
        // The closing summary names the time of every stage, in pipeline order.
        Assert.That(lines[1], Does.Match(@"^  load \d+\.\d s · input key \d+\.\d s · validate \d+\.\d s · search documents \d+\.\d s · search key \d+\.\d s · index \d+\.\d s · search export \d+\.\d s · related \d+\.\d s · render \d+\.\d s · assemble \d+\.\d s · write \d+\.\d s$"));
        Assert.That(File.Exists(dir["site/index.html"]));
        foreach (var country in Directory.GetFiles(dir["content/countries"], "*.md"))
            Assert.That(File.Exists(dir[$"site/countries/{Path.GetFileNameWithoutExtension(country)}/index.html"]), country);
        foreach (var practice in Directory.GetFiles(dir["content/practices"], "*.md"))
            Assert.That(File.Exists(dir[$"site/practices/{Path.GetFileNameWithoutExtension(practice)}/index.html"]), practice);

        // The next build, after an edit, starts from the build cache the first one left, and says so.
        File.AppendAllText(dir["content/practices/boti-buenos-aires.md"], "\nOtra frase sobre la yupana.\n");
        var again = GeProcess.Run(dir.Path, "build", "--timings");
        Assert.That(again.ExitCode, Is.Zero, again.Err);
        var againLines = again.Out.Trim().Split('\n');
        Assert.That(againLines[0],
            Does.Match(@"^Built \d+ documents into \d+ pages \(\d+ files\) in \d+\.\d\d s\. \d+ page\(s\) rendered, the others kept from the build cache\.$"));
        // --timings ends with the collector ge runs, as its project configures it: the benchmark's figures depend on it.
        // A one-shot build's full collections are blocking (no background collection: its peak is lower).
        Assert.That(againLines[^1], Is.EqualTo("  collector: server (blocking), young generation bounded at 16 MiB per heap"));
        // Before it, what the JIT compiled while the build ran (the rest was compiled ahead of time, when published).
        Assert.That(againLines[^2], Does.Match(@"^  JIT: \d+ methods compiled in \d+ ms$"));
        Assert.That(File.ReadAllText(dir["site/practices/boti-buenos-aires/index.html"]), Does.Contain("yupana"));

        // A template edit changes nothing a search reads: the search files are kept (the build cache's search record).
        File.AppendAllText(dir["templates/pages/practice.html"], "\n<!-- edited -->\n");
        var kept = GeProcess.Run(dir.Path, "build");
        Assert.That(kept.ExitCode, Is.Zero, kept.Err);
        Assert.That(kept.Out.Trim().Split('\n')[1], Does.Match(@"^  load .* · search key \d+\.\d s · search kept \d+\.\d s · render .*$").And.Not.Contain("index"));
        Assert.That(File.ReadAllText(dir["site/practices/boti-buenos-aires/index.html"]), Does.Contain("<!-- edited -->"));
    }

    [Test]
    public void Drafts_appear_in_no_output_byte()
    {
        using var dir = new TempDir();
        var result = BuildPipeline.Build(new BuildOptions(Path.Combine(Repo.Fixture("mini"), "content"), Repo.Templates, dir["site"]));
        Assert.That(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.That(SiteSnapshot.FilesContaining(dir["site"], DraftMarker), Is.Empty);
        Assert.That(SiteSnapshot.FilesContaining(Path.Combine(Repo.Fixture("mini"), "content"), DraftMarker), Is.Not.Empty, "the marker is really in the fixture");
        Assert.That(Directory.Exists(dir["site/countries/cl"]), Is.False);
        Assert.That(Directory.Exists(dir["site/practices/draft-practice"]), Is.False);
    }

    [Test]
    public void The_same_content_builds_to_the_same_bytes()
    {
        using var dir = new TempDir();
        var content = Path.Combine(Repo.Fixture("mini"), "content");
        Assert.That(BuildPipeline.Build(new BuildOptions(content, Repo.Templates, dir["a"])).Succeeded);
        Assert.That(BuildPipeline.Build(new BuildOptions(content, Repo.Templates, dir["b"])).Succeeded);
        Assert.That(SiteSnapshot.Take(dir["a"]), Is.EqualTo(SiteSnapshot.Take(dir["b"])));
    }

    [Category("Process")]
    [Test]
    public void Same_bytes_whatever_the_thread_count_and_the_time_of_the_build()
    {
        using var dir = new TempDir();
        var content = Path.Combine(Repo.Fixture("search"), "content");
        var one = GeProcess.RunWith(dir.Path, new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" },
            "build", "--content", content, "--templates", Repo.Templates, "--output", "one");
        Thread.Sleep(1100); // Lucene's segment diagnostics carry a timestamp in seconds unless the codec drops it
        var many = GeProcess.RunWith(dir.Path, new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "4" },
            "build", "--content", content, "--templates", Repo.Templates, "--output", "many");
        Assert.That(one.ExitCode + many.ExitCode, Is.Zero, one.Err + many.Err);
        var a = SiteSnapshot.Take(dir["one"]);
        Assert.That(a.Keys, Has.Some.StartsWith("search/lucene/"));
        Assert.That(SiteSnapshot.Take(dir["many"]), Is.EqualTo(a));
    }

    [Test]
    public void Every_link_and_source_in_the_shipped_site_resolves_to_a_file()
    {
        var site = BuiltSite.Root;
        var parser = new HtmlParser();
        var broken = new List<string>();
        var pages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories);
        Assert.That(pages, Has.Length.GreaterThan(10));
        foreach (var page in pages.Where(p => Path.GetFileName(p) != "404.html")) // served at any depth: links from the base path
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            var urls = doc.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!)
                .Concat(doc.QuerySelectorAll("[src]").Select(e => e.GetAttribute("src")!));
            foreach (var url in urls)
            {
                if (url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.Ordinal))
                    continue;
                var path = url.Split('#', '?')[0];
                if (path.Length == 0) continue; // same-page anchor
                Assert.That(path, Does.Not.StartWith("/"), $"{page}: absolute link {url} breaks file://");
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)));
                if (!File.Exists(target)) broken.Add($"{Path.GetRelativePath(site, page)} → {url}");
            }
        }
        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Same_page_anchors_point_at_existing_ids()
    {
        var parser = new HtmlParser();
        foreach (var page in Directory.GetFiles(BuiltSite.Root, "*.html", SearchOption.AllDirectories))
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            foreach (var a in doc.QuerySelectorAll("a[href^='#']"))
                Assert.That(doc.GetElementById(a.GetAttribute("href")![1..]), Is.Not.Null, $"{page}: {a.OuterHtml}");
        }
    }
}
