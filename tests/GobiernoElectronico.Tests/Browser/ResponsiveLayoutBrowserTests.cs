using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>
/// Every page type at a phone's width (390 px) and a laptop's (1280 px), opened from file:// as on a USB
/// stick: nothing scrolls sideways, and on a phone the menu folds behind a button a keyboard can use.
/// With GE_SCREENSHOTS=DIR each page's first screen is also saved as DIR/&lt;width&gt;-&lt;page&gt;.jpg, to look at
/// (docs/screenshots/ holds the latest set).
/// </summary>
[Category("Browser")]
public class ResponsiveLayoutBrowserTests : BrowserFixture
{

    private static readonly string[] Pages =
    [
        "index.html", "countries/index.html", "countries/bo/index.html", "practices/index.html",
        "practices/chileatiende/index.html", "overview/index.html", "compare/bo-pe/index.html", "timeline/index.html",
        "telecentres/index.html", "workshops/index.html", "organisations/index.html", "directory/index.html",
        "search/index.html?q=telecentros", "compare/index.html?c=bo,br,pe", "404.html", "pt/countries/br/index.html", "en/practices/ttconnect/index.html",
        "pt/survey/index.html",
    ];

    [TestCase(390)]
    [TestCase(1280)]
    public async Task No_page_scrolls_sideways(int width)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var shots = Environment.GetEnvironmentVariable("GE_SCREENSHOTS");
        var wide = new List<string>();
        foreach (var relative in Pages)
        {
            var parts = relative.Split('?');
            await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, parts[0]) + (parts.Length > 1 ? "?" + parts[1] : ""));
            if (relative.StartsWith("search/", StringComparison.Ordinal)) await page.WaitForSelectorAsync("#search-results li.result");
            if (relative.StartsWith("compare/index.html", StringComparison.Ordinal)) await page.WaitForSelectorAsync("#compare-result table");
            if (relative.Contains("survey/", StringComparison.Ordinal)) await page.WaitForSelectorAsync("#survey .survey-save");
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scroll > width) wide.Add($"{relative}: {scroll} px");
            if (!string.IsNullOrEmpty(shots))
            {
                Directory.CreateDirectory(shots);
                var name = relative.Replace("/index.html", "").Replace('/', '_').Replace('?', '_').Replace('=', '-').Replace(',', '-');
                // The first screen, as a reader meets the page; JPEG keeps a full set small enough to keep in the repository.
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{width}-{name}.jpg"), Type = ScreenshotType.Jpeg, Quality = 70 });
            }
        }
        Assert.That(wide, Is.Empty, $"wider than {width} px");
    }

    [Test]
    public async Task On_a_phone_the_menu_folds_and_opens_from_the_keyboard()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 800 } });
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "countries/bo/index.html"));
        var button = page.Locator(".menu-button");
        var menu = page.Locator("#site-menu");
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToBeHiddenAsync();
        var header = await page.EvaluateAsync<int>("() => document.querySelector('.site-header').getBoundingClientRect().height");
        Assert.That(header, Is.LessThan(120), "the folded header leaves the page to the content");

        await page.Keyboard.PressAsync("Tab"); // skip link
        await page.Keyboard.PressAsync("Tab"); // site title
        await page.Keyboard.PressAsync("Tab"); // menu button
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.className"), Is.EqualTo("menu-button"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        Assert.That(await button.GetAttributeAsync("aria-expanded"), Is.EqualTo("true"));
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.textContent"), Is.EqualTo("Inicio"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.className"), Is.EqualTo("menu-button"));

        // On a laptop there is no button: the menu is always there.
        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(button).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-menu nav").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task Without_javascript_the_menu_is_open()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 390, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "index.html"));
        await Assertions.Expect(page.Locator(".menu-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-menu nav").First).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [Test]
    public async Task On_a_phone_a_table_of_figures_labels_each_value_and_shows_the_source()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 800 } });
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "countries/bo/index.html"));
        var source = page.Locator("table.indicators td[data-label]").Nth(3);
        var box = await source.BoundingBoxAsync();
        Assert.That(box, Is.Not.Null);
        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(390), "the source column is not cut off");
        var label = await source.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
        Assert.That(label, Does.Contain("Fuente"));
    }
}

/// <summary>The comparison chooser, from file:// as on a USB stick: three countries side by side, four at most.</summary>
[Category("Browser")]
public class CompareChooserBrowserTests : BrowserFixture
{

    [TestCase(390)]
    [TestCase(1280)]
    public async Task Three_countries_chosen_from_file_show_levels_narratives_figures_and_practices(int width)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add("console: " + m.Text); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        await page.RouteAsync("http*://**", route => { problems.Add("network: " + route.Request.Url); return route.AbortAsync(); });
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "en/compare/index.html"));
        await Assertions.Expect(page.Locator("#compare-status")).ToHaveTextAsync("Choose at least two countries.");
        foreach (var code in new[] { "bo", "pe", "br" }) await page.Locator($"#compare-{code}").CheckAsync();

        var table = page.Locator("#compare-result table.compare-table");
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(3);
        await Assertions.Expect(table.Locator("thead th").Nth(0)).ToContainTextAsync("Bolivia");
        await Assertions.Expect(table.Locator("thead th").Nth(1)).ToContainTextAsync("Brazil"); // in the list's order
        await Assertions.Expect(table.Locator("thead th").Nth(2)).ToContainTextAsync("Peru");
        Assert.That(await table.Locator("tbody tr").CountAsync(), Is.EqualTo(3 + 3 + 1), "three pillars, three key figures, the practices");
        Assert.That(await table.Locator("tbody tr").First.Locator(".narrative").First.TextContentAsync(), Is.Not.Empty);
        Assert.That(await table.Locator("tbody tr").Last.Locator("a").CountAsync(), Is.GreaterThan(3), "each country's practices are linked");
        Assert.That(page.Url, Does.EndWith("?c=bo,br,pe"), "the choice can be shared");
        var charts = page.Locator("#compare-result svg.compare-bars");
        await Assertions.Expect(charts).ToHaveCountAsync(3); // one chart per key indicator
        Assert.That(await charts.First.Locator("rect").CountAsync(), Is.EqualTo(3), "a bar per chosen country");
        Assert.That(await charts.First.Locator("text").AllTextContentsAsync(), Has.Some.EqualTo("Bolivia").And.Some.Match(@"\(\d{4}\)$"));

        // A fourth is allowed, a fifth is not.
        await page.Locator("#compare-cu").CheckAsync();
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(4);
        Assert.That(await page.Locator("#compare-ve").IsDisabledAsync(), Is.True);
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(width), "the table scrolls inside its box, not the page");

        // Opened with the choice in the URL, the page shows it at once.
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "compare/index.html") + "?c=uy,cl");
        await Assertions.Expect(page.Locator("#compare-result table thead th")).ToHaveCountAsync(2);
        Assert.That(await page.Locator("#compare-uy").IsCheckedAsync(), Is.True);
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Without_javascript_the_committee_pairs_are_there()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Chromium.FileUrl(BuiltSite.Root, "compare/index.html"));
        await Assertions.Expect(page.Locator("#compare-chooser")).ToBeHiddenAsync();
        Assert.That(await page.Locator("ul.pairs a").CountAsync(), Is.EqualTo(36), "every pair of the nine committee countries");
        await context.CloseAsync();
    }
}
