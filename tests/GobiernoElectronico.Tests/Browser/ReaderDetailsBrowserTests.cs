using AngleSharp.Html.Parser;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>
/// Small things a reader meets on the shipped site opened from file://: Back after a facet, the 404 page from a
/// USB stick, sources on paper, the wording of data links and references.
/// </summary>
[Category("Browser")]
public class ReaderDetailsBrowserTests : BrowserFixture
{

    [Test]
    public async Task Back_after_a_facet_undoes_the_facet_instead_of_leaving_the_search()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "search/index.html") + "?q=telecentros");
        await page.WaitForSelectorAsync("#search-results li.result");
        var all = await page.Locator("#search-results li.result").CountAsync();
        await page.Locator("#search-facets input[name=country][value=VE]").CheckAsync();
        await Assertions.Expect(page.Locator("#search-results li.result")).Not.ToHaveCountAsync(all);
        Assert.That(page.Url, Does.Contain("country=VE"));

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#search-results li.result")).ToHaveCountAsync(all);
        Assert.That(page.Url, Does.Contain("search/index.html?q=telecentros").And.Not.Contain("country="));
        Assert.That(await page.Locator("#search-input").InputValueAsync(), Is.EqualTo("telecentros"));
        Assert.That(await page.Locator("#search-facets input[name=country][value=VE]").IsCheckedAsync(), Is.False);
    }

    [Test]
    public async Task The_404_page_opened_from_a_folder_is_styled()
    {
        var page = await Browser.NewPageAsync();
        var failed = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "404.html"));
        var rules = await page.EvaluateAsync<int>("() => Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.That(rules, Is.GreaterThan(20), "the stylesheet applies");
        var width = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).maxWidth");
        Assert.That(width, Is.Not.EqualTo("none"), "the layout's width comes from the stylesheet");
        Assert.That(failed.Where(u => u.EndsWith(".css", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task On_paper_a_source_shows_its_address()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "practices/chileatiende/index.html"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var after = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.references a[href^=\"http\"]'), '::after').content");
        Assert.That(after, Does.Contain("https://"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        after = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.references a[href^=\"http\"]'), '::after').content");
        Assert.That(after, Is.EqualTo("none").Or.EqualTo("normal"));
    }

    [Test]
    public void Data_links_and_references_read_as_sentences()
    {
        var parser = new HtmlParser();
        using var overview = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "overview", "index.html")));
        Assert.That(overview.QuerySelector(".data-links")!.TextContent, Does.StartWith("Datos abiertos: countries.csv · countries.json · "));
        using var home = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "index.html")));
        var founding = home.QuerySelectorAll(".references li").Select(li => li.TextContent).ToList();
        Assert.That(founding, Has.Some.EndsWith("28 de noviembre de 2000."), string.Join(" | ", founding));
        Assert.That(founding, Has.None.Contains("2000, 2000"));
    }

    [Test]
    public void Pages_below_a_section_show_where_they_are_and_long_pages_what_they_hold()
    {
        var parser = new HtmlParser();
        using var practice = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "chileatiende", "index.html")));
        var crumbs = practice.QuerySelectorAll("nav.breadcrumbs li").Select(li => li.TextContent).ToList();
        Assert.That(crumbs, Has.Count.EqualTo(3));
        Assert.That(crumbs[0], Is.EqualTo("Inicio"));
        Assert.That(crumbs[1], Is.EqualTo("Buenas prácticas"));
        Assert.That(crumbs[2], Does.StartWith("ChileAtiende"));
        Assert.That(practice.QuerySelector("nav.breadcrumbs li:last-child")!.GetAttribute("aria-current"), Is.EqualTo("page"));
        Assert.That(practice.QuerySelector("nav.breadcrumbs a[href='../../practices/index.html']")?.TextContent, Is.EqualTo("Buenas prácticas"));

        using var home = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "index.html")));
        Assert.That(home.QuerySelector("nav.breadcrumbs"), Is.Null, "the home page is where the trail starts");

        using var country = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "countries", "bo", "index.html")));
        var targets = country.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.That(targets, Has.Count.GreaterThanOrEqualTo(5));
        foreach (var target in targets)
            Assert.That(country.GetElementById(target.TrimStart('#')), Is.Not.Null, $"{target} points to a section of the page");
    }

    [Test]
    public void The_home_page_leads_with_the_region_at_a_glance_before_the_prose()
    {
        using var home = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "index.html")));
        var sections = home.QuerySelectorAll("main section h2").Select(h => h.Id).ToList();
        Assert.That(sections.IndexOf("glance"), Is.EqualTo(0));
        Assert.That(sections.IndexOf("practices"), Is.LessThan(sections.IndexOf("programme")), "the latest practices come before the programme text");
        var stats = home.QuerySelectorAll(".glance .stats strong").Select(s => int.Parse(s.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(stats[0], Is.EqualTo(33), "countries assessed");
        Assert.That(stats[1], Is.GreaterThanOrEqualTo(40), "distinct practices");
        Assert.That(stats[2], Is.GreaterThanOrEqualTo(20).And.LessThan(stats[1]), "local or regional practices");
        foreach (var row in home.QuerySelectorAll(".glance table.stages tbody tr"))
            Assert.That(row.QuerySelectorAll("td").Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(33),
                $"{row.QuerySelector("th")!.TextContent}: every country at one stage");
    }
}
