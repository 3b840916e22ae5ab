using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

public class WebConventionsTests
{
    [Test]
    public void Without_a_base_url_pages_have_no_canonical_and_there_is_no_sitemap()
    {
        var site = BuiltSite.Root;
        Assert.That(File.Exists(Path.Combine(site, "sitemap.xml")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(site, "index.html")), Does.Not.Contain("rel=\"canonical\""));
        Assert.That(File.ReadAllText(Path.Combine(site, "robots.txt")), Is.EqualTo("User-agent: *\nAllow: /\n"));
    }

    [Test]
    public void With_a_base_url_pages_have_canonical_and_opengraph_and_a_sitemap_lists_them()
    {
        using var dir = new TempDir();
        var content = dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        File.AppendAllText(Path.Combine(content, "site.yml"), "base_url: https://example.org/kb\n");
        Assert.That(BuildPipeline.Build(new BuildOptions(content, Repo.Templates, dir["site"])).Succeeded);
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(dir["site/practices/atendimento-integrado/index.html"]));
        Assert.That(doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Is.EqualTo("https://example.org/kb/practices/atendimento-integrado/"));
        Assert.That(doc.QuerySelector("meta[property='og:type']")!.GetAttribute("content"), Is.EqualTo("article"));
        Assert.That(doc.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"), Is.EqualTo("es_419"), "the interface's locale");
        using var pt = new HtmlParser().ParseDocument(File.ReadAllText(dir["site/pt/practices/atendimento-integrado/index.html"]));
        Assert.That(pt.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Is.EqualTo("https://example.org/kb/pt/practices/atendimento-integrado/"));
        Assert.That(pt.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"), Is.EqualTo("pt_BR"));
        var sitemap = XDocument.Load(dir["site/sitemap.xml"]);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.That(locs, Does.Contain("https://example.org/kb/").And.Contain("https://example.org/kb/countries/bo/"));
        Assert.That(locs, Has.None.Contain("404"));
        Assert.That(File.ReadAllText(dir["site/robots.txt"]), Does.Contain("Sitemap: https://example.org/kb/sitemap.xml"));
    }

    [Test]
    public void The_files_besides_the_pages_are_at_the_paths_a_build_keeps_them_by()
    {
        // A build whose inputs other than bodies are unchanged keeps these files by their paths, without making them.
        foreach (var baseUrl in new[] { null, "base_url: https://example.org/kb\n" })
        {
            using var dir = new TempDir();
            var contentRoot = dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
            if (baseUrl is not null) File.AppendAllText(Path.Combine(contentRoot, "site.yml"), baseUrl);
            var content = BuildPipeline.LoadAndValidate(new BuildOptions(contentRoot), new GobiernoElectronico.Diagnostics.DiagnosticBag())!;
            Assert.That(global::GobiernoElectronico.Render.WebFiles.For(content, ["index.html"]).Select(f => f.Path),
                Is.EquivalentTo(global::GobiernoElectronico.Render.WebFiles.Paths(content)), baseUrl ?? "no base URL");
            Assert.That(global::GobiernoElectronico.Render.OpenData.For(content).Select(f => f.Path),
                Is.EquivalentTo(global::GobiernoElectronico.Render.OpenData.Files));
        }
    }

    [Test]
    public void The_atom_feed_lists_every_practice_newest_first()
    {
        var feed = XDocument.Load(Path.Combine(BuiltSite.Root, "practices", "feed.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.That(entries, Has.Count.EqualTo(Directory.GetFiles(Path.Combine(Repo.Content, "practices"), "*.md").Length));
        var dates = entries.Select(e => DateTime.Parse(e.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(dates, Is.Ordered.Descending);
        foreach (var e in entries)
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, "practices", e.Element(atom + "link")!.Attribute("href")!.Value)));
    }

    [Test]
    public void Practices_carry_schema_org_json_ld()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "guatecompras", "index.html")));
        var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.That(json.GetProperty("@type").GetString(), Is.EqualTo("Article"));
        Assert.That(json.GetProperty("inLanguage").GetString(), Is.EqualTo("en"));
        Assert.That(json.GetProperty("about").GetProperty("areaServed").GetProperty("identifier").GetString(), Is.EqualTo("GT"));
    }

    [Test]
    public void Every_page_has_a_title_a_description_a_favicon_and_the_404_page_works_at_any_depth()
    {
        var parser = new HtmlParser();
        foreach (var page in Directory.GetFiles(BuiltSite.Root, "*.html", SearchOption.AllDirectories))
        {
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            Assert.That(doc.Title, Is.Not.Empty, page);
            Assert.That(doc.QuerySelector("meta[name=description]")?.GetAttribute("content"), Is.Not.Empty, page);
            Assert.That(doc.QuerySelector("link[rel=icon]"), Is.Not.Null, page);
        }
        using var notFound = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "404.html")));
        Assert.That(notFound.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).Where(h => !h!.StartsWith('#')), Has.All.StartWith("/"));
    }
}
