using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>The shipped site opened from file:// in chromium, searched as a workshop participant would.</summary>
[Category("Browser")]
public class SearchPageBrowserTests : BrowserFixture
{

    /// <summary>A page of <paramref name="site"/> (default: the shipped site) that records console errors and failed requests.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string relative, string? site = null)
    {
        var page = await Browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add("console: " + m.Text); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add("failed: " + r.Url);
        await page.GotoAsync(Chromium.FileUrl(site ?? BuiltSite.Root, relative));
        return (page, problems);
    }

    [Test]
    public async Task Typing_a_query_shows_the_expected_result_with_a_highlighted_snippet_and_a_facet_narrows()
    {
        var (page, problems) = await OpenAsync("search/index.html");
        await page.FillAsync("#search-input", "telecentros");
        await page.WaitForSelectorAsync("#search-results li.result");
        var titles = await page.Locator("#search-results li.result h3 a").AllTextContentsAsync();
        Assert.That(titles, Has.Some.Contains("Faróis do Saber").And.Some.Contains("Infocentros"));
        var marks = await page.Locator("#search-results li.result").First.Locator("mark").AllTextContentsAsync();
        Assert.That(marks, Is.Not.Empty);
        Assert.That(marks.All(m => m.StartsWith("telecentro", StringComparison.OrdinalIgnoreCase)), string.Join(", ", marks));
        var before = titles.Count;
        Assert.That(before, Is.GreaterThan(2));

        await page.Locator("#search-facets input[name=type][value=practice]").CheckAsync();
        await page.Locator("#search-facets input[name=country][value=VE]").CheckAsync();
        await Assertions.Expect(page.Locator("#search-results li.result")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#search-results li.result h3 a")).ToContainTextAsync("Infocentros");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_result_in_another_language_shows_its_summary_in_the_readers_language_marked_as_a_translation()
    {
        var (page, problems) = await OpenAsync("en/search/index.html");
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "en/search/index.html") + "?q=orcamento+participativo+belo+horizonte");
        var first = page.Locator("#search-results li.result").First;
        await Assertions.Expect(first.Locator("h3 a")).ToContainTextAsync("Belo Horizonte");
        Assert.That(await first.GetAttributeAsync("lang"), Is.EqualTo("pt"));
        var summary = first.Locator("p.summary");
        Assert.That(await summary.GetAttributeAsync("lang"), Is.EqualTo("en"));
        await Assertions.Expect(summary).ToContainTextAsync("Since 2006 Belo Horizonte's voters");
        await Assertions.Expect(summary.Locator(".translation-note")).ToHaveTextAsync("(translated summary)");

        // In the document's own language there is nothing to translate.
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "pt/search/index.html") + "?q=orcamento+participativo+belo+horizonte");
        await Assertions.Expect(page.Locator("#search-results li.result").First.Locator("h3 a")).ToContainTextAsync("Belo Horizonte");
        await Assertions.Expect(page.Locator("#search-results li.result").First.Locator("p.summary")).ToHaveCountAsync(0);
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task The_query_lives_in_the_url_and_accents_do_not_matter()
    {
        var (page, problems) = await OpenAsync("search/index.html");
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "search/index.html") + "?q=TRAMITES+EN+LINEA");
        await page.WaitForSelectorAsync("#search-results li.result");
        Assert.That(await page.InputValueAsync("#search-input"), Is.EqualTo("TRAMITES EN LINEA"));
        // Typed in capitals without accents, it finds the practice titled with them first, and the others that offer them.
        await Assertions.Expect(page.Locator("#search-results li.result h3 a").First).ToContainTextAsync("Trámites en línea");
        Assert.That(await page.Locator("#search-results li.result h3 a").AllTextContentsAsync(), Has.Some.Contains("Ciudadanía Digital"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_typo_shows_results_and_a_did_you_mean_link_that_searches_the_correction()
    {
        var (page, problems) = await OpenAsync("search/index.html");
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "search/index.html") + "?q=trasparencia");
        await page.WaitForSelectorAsync("#search-results li.result");
        var suggestion = page.Locator("#search-status a.suggestion");
        await Assertions.Expect(suggestion).ToHaveTextAsync("transparencia");
        await suggestion.ClickAsync();
        await Assertions.Expect(page.Locator("#search-input")).ToHaveValueAsync("transparencia");
        await Assertions.Expect(page.Locator("#search-status a.suggestion")).ToHaveCountAsync(0);
        Assert.That(page.Url, Does.EndWith("?q=transparencia"));
        await Assertions.Expect(page.Locator("#search-results li.result").First).ToBeVisibleAsync();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_question_in_another_language_finds_the_practice()
    {
        var (page, problems) = await OpenAsync("en/search/index.html");
        await page.FillAsync("#search-input", "how do I file my income tax return online?");
        await page.PressAsync("#search-input", "Enter");
        await page.WaitForSelectorAsync("#search-results li.result");
        var titles = await page.Locator("#search-results li.result h3 a").AllTextContentsAsync();
        Assert.That(titles.Take(3), Has.Some.Contains("Receitanet"), string.Join(" | ", titles));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Terms_in_files_of_their_own_are_loaded_on_demand_with_the_same_results()
    {
        var ownFiles = OwnFilesSite.Of(Repo.Content, BuiltSite.Root);
        Assert.That(Directory.GetFiles(Path.Combine(ownFiles, "search", "data"), "t-*-*.js"), Is.Not.Empty);
        foreach (var query in new[] { "telecentros", "compras públicas", "libraries" })
        {
            var titles = new List<IReadOnlyList<string>>();
            foreach (var site in new[] { BuiltSite.Root, ownFiles })
            {
                var (page, problems) = await OpenAsync("search/index.html", site);
                await page.GotoAsync(Chromium.FileUrl(site, "search/index.html") + "?q=" + Uri.EscapeDataString(query));
                await page.WaitForSelectorAsync("#search-results li.result");
                titles.Add(await page.Locator("#search-results li.result h3 a").AllTextContentsAsync());
                Assert.That(problems, Is.Empty);
                await page.CloseAsync();
            }
            Assert.That(titles[1], Is.EqualTo(titles[0]), query);
        }
    }

    [Test]
    public async Task The_page_equals_the_cli_where_vocabulary_shards_are_split_typos_and_typing_included()
    {
        var site = GobiernoElectronico.Tests.Relevance.RelevanceJudgments.SiteRoot;
        Assert.That(Directory.GetFiles(Path.Combine(site, "search", "data"), "v-???.js"), Is.Not.Empty, "no split vocabulary shard to test");
        using var engine = GobiernoElectronico.Search.SearchEngine.Open(site);
        var (page, problems) = await OpenAsync("search/index.html", site);
        foreach (var query in new[] { "presupusto", "prseupuesto", "trnasparencia activa", "contrataciones pubicas", "interoperabilty", "accesibility", "declaracion", "¿Qué es un dato abierto?", "open data", "dados abertos", "access to public information", "participación ciudadana", "experiencia del cliente" })
        {
            await page.GotoAsync(Chromium.FileUrl(site, "search/index.html") + "?q=" + Uri.EscapeDataString(query));
            await page.WaitForFunctionAsync("() => document.getElementById('search-status').textContent.length > 0");
            var hrefs = await page.Locator("#search-results li.result h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            var cli = engine.Search(new GobiernoElectronico.Search.SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 10));
            Assert.That(hrefs.Take(10).Select(h => h.Replace("../", "", StringComparison.Ordinal)), Is.EqualTo(cli.Hits.Select(h => h.Url)), query);
        }
        // Typing two letters completes from the whole split group: the page, loading only what it needs,
        // ranks as search.js does with every shard loaded (Jint).
        await page.GotoAsync(Chromium.FileUrl(site, "search/index.html"));
        var typed = await page.EvaluateAsync<int[]>("async () => (await GESearch.search('tr', {}, {prefix: true, limit: 10})).hits.slice(0, 10).map(h => h.doc)");
        using var all = new JsSearch(site);
        var expected = System.Text.Json.JsonSerializer.Deserialize<int[]>(all.Eval(
            "JSON.stringify(engine.searchLoaded('tr', {}, {prefix: true}).hits.slice(0, 10).map(function (h) { return h.doc; }))"))!;
        Assert.That(typed, Is.EqualTo(expected));
        Assert.That(typed, Is.Not.Empty);
        Assert.That(problems, Is.Empty);
        await page.CloseAsync();
    }

    [Test]
    public async Task The_search_page_speaks_the_interface_language()
    {
        var (page, problems) = await OpenAsync("en/search/index.html");
        await page.FillAsync("#search-input", "telecentros");
        await page.WaitForSelectorAsync("#search-facets fieldset");
        await Assertions.Expect(page.Locator("#search-status")).ToContainTextAsync("results");
        Assert.That(await page.Locator("#search-facets legend").AllTextContentsAsync(), Does.Contain("Country").And.Contain("Pillar"));
        Assert.That(await page.Locator("#search-facets label").AllTextContentsAsync(), Has.Some.StartsWith("Brazil"));
        foreach (var href in await page.Locator("#search-results li.result h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            Assert.That(href, Does.StartWith("../").And.Not.StartWith("../../"), "results link within the English pages");
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, "en", "search", href)), href);
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task The_regional_matrix_sorts_by_a_column_when_javascript_is_on()
    {
        var (page, problems) = await OpenAsync("overview/index.html");
        var names = page.Locator("table.matrix tbody th[scope=row]");
        var before = await names.AllTextContentsAsync();
        await page.ClickAsync("table.matrix thead th:nth-child(5) button"); // internet users, ascending
        await Assertions.Expect(page.Locator("table.matrix thead th:nth-child(5)")).ToHaveAttributeAsync("aria-sort", "ascending");
        var values = await page.Locator("table.matrix tbody td:nth-child(5)").EvaluateAllAsync<double[]>("cells => cells.map(c => Number(c.dataset.sort))");
        Assert.That(values, Is.Ordered.Ascending);
        Assert.That(await names.AllTextContentsAsync(), Is.EquivalentTo(before), "same rows, another order");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_country_report_prints_without_navigation()
    {
        var (page, problems) = await OpenAsync("countries/bo/index.html");
        Assert.That(await page.Locator(".site-header nav").First.IsVisibleAsync(), Is.True);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        foreach (var selector in new[] { ".site-header nav", ".languages", ".site-search", ".site-footer" })
            Assert.That(await page.Locator(selector).First.IsVisibleAsync(), Is.False, selector);
        Assert.That(await page.Locator("article h1").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("table.indicators").First.IsVisibleAsync(), Is.True);
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task The_search_form_in_every_header_leads_to_results()
    {
        var (page, problems) = await OpenAsync("practices/siaf-peru/index.html");
        await page.FillAsync("#site-q", "guatecompras");
        await page.PressAsync("#site-q", "Enter");
        await page.WaitForURLAsync("**/search/index.html?q=guatecompras");
        await page.WaitForSelectorAsync("#search-results li.result");
        Assert.That(await page.Locator("#search-results li.result h3 a").AllTextContentsAsync(), Has.Some.StartsWith("Guatecompras"));
        Assert.That(problems, Is.Empty);
    }
}
