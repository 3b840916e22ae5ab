using AngleSharp.Html.Parser;
using GobiernoElectronico.Bench;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Render;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>
/// Lists at region scale come in pages. Before, a list of 5,000 practices was one page that Scriban cut at
/// 1 MiB characters in the middle of a tag ("&lt;li c..."), and a country's list of 1,820 showed no practice at all.
/// </summary>
public class ListPagingTests
{
    private static readonly string Content = RunFolders.Folder("paging-content");

    private static readonly BuiltSite Large = new("paging", () =>
    {
        if (Directory.Exists(Content)) Directory.Delete(Content, true);
        SyntheticCorpus.Write(Repo.Content, Content, 170, seed: 7);
        return Content;
    });

    private static readonly HtmlParser Parser = new();

    /// <summary>The practice slugs listed on every page of a list, following its pager's "next" links from the first page.</summary>
    private static List<string> FollowPages(string first, out int pages)
    {
        var slugs = new List<string>();
        pages = 0;
        for (var page = first; page is not null; pages++)
        {
            using var doc = Parser.ParseDocument(File.ReadAllText(page));
            Assert.That(doc.QuerySelectorAll("ul.cards > li"), Has.Length.InRange(1, SiteRenderer.ListPageSize), page);
            slugs.AddRange(doc.QuerySelectorAll("ul.cards .card-title a").Select(a => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, a.GetAttribute("href")!))))!));
            foreach (var link in doc.QuerySelectorAll(".pager a"))
                Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(page)!, link.GetAttribute("href")!)), $"{page}: {link.GetAttribute("href")}");
            var next = doc.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
            page = next is null ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, next));
        }
        return slugs;
    }

    [Test]
    public void Every_practice_is_on_exactly_one_page_of_the_list_and_the_pager_links_them_all()
    {
        var practices = Directory.GetFiles(Path.Combine(Large.Folder, "practices"), "index.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Large.Folder, "practices"), Path.GetDirectoryName(f)!))
            .Where(d => !d.Contains(Path.DirectorySeparatorChar) && d != ".").ToList();
        Assert.That(practices, Has.Count.GreaterThanOrEqualTo(170));
        var listed = FollowPages(Path.Combine(Large.Folder, "practices", "index.html"), out var pages);
        Assert.That(listed, Is.EquivalentTo(practices), "each practice once, none missing");
        Assert.That(pages, Is.EqualTo((practices.Count + SiteRenderer.ListPageSize - 1) / SiteRenderer.ListPageSize));
        using var last = Parser.ParseDocument(File.ReadAllText(Path.Combine(Large.Folder, "practices", "page", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), "index.html")));
        Assert.That(last.QuerySelector(".pager p")!.TextContent, Does.EndWith($"de {practices.Count}"));
        Assert.That(last.Title, Does.Contain($"Página {pages} de {pages}"));
    }

    [Test]
    public void A_filtered_list_is_paged_too_and_its_filters_count_the_whole_list()
    {
        _ = Large.Folder;
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Content, Repo.Templates), new Diagnostics.DiagnosticBag())!;
        var biggest = content.Practices.GroupBy(p => p.GovernmentLevel).OrderByDescending(g => g.Count()).First();
        Assert.That(biggest.Count(), Is.GreaterThan(SiteRenderer.ListPageSize), "the fixture has a level of government with more than one page");
        var first = Path.Combine(Large.Folder, "practices", "level", biggest.Key, "index.html");
        Assert.That(FollowPages(first, out _), Is.EquivalentTo(biggest.Select(p => p.Slug)));
        using var doc = Parser.ParseDocument(File.ReadAllText(first));
        var current = doc.QuerySelector(".filters [aria-current]")!.TextContent;
        Assert.That(current, Does.EndWith($"({biggest.Count()})"));
    }

    [Test]
    public void Home_and_country_pages_show_a_few_practices_and_link_to_the_whole_list()
    {
        using var home = Parser.ParseDocument(File.ReadAllText(Path.Combine(Large.Folder, "index.html")));
        Assert.That(home.QuerySelectorAll("#practices ~ ul.cards > li, section[aria-labelledby=practices] ul.cards > li"), Has.Length.EqualTo(SiteRenderer.HomePractices));
        Assert.That(home.QuerySelector("section[aria-labelledby=practices] .more a")!.GetAttribute("href"), Is.EqualTo("practices/index.html"));
        var countries = Directory.GetDirectories(Path.Combine(Large.Folder, "countries"));
        var checkedOne = false;
        foreach (var country in countries)
        {
            using var doc = Parser.ParseDocument(File.ReadAllText(Path.Combine(country, "index.html")));
            var cards = doc.QuerySelectorAll("section[aria-labelledby=country-practices] ul.cards > li").Length;
            Assert.That(cards, Is.LessThanOrEqualTo(SiteRenderer.CountryPractices), country);
            if (doc.QuerySelector("section[aria-labelledby=country-practices] .more a") is not { } more) continue;
            Assert.That(cards, Is.EqualTo(SiteRenderer.CountryPractices));
            Assert.That(File.Exists(Path.Combine(country, more.GetAttribute("href")!)), more.GetAttribute("href"));
            checkedOne = true;
        }
        Assert.That(checkedOne, "some country has more practices than its page shows");
    }

    [Test]
    public void No_page_is_truncated_by_the_template_engine()
    {
        foreach (var page in Directory.GetFiles(Large.Folder, "*.html", SearchOption.AllDirectories))
            Assert.That(File.ReadAllText(page).TrimEnd(), Does.EndWith("</html>"), page);
    }
}
