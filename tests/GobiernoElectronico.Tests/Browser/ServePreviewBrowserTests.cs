using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>
/// The editor's preview as an editor uses it: `ge serve` opened in chromium, every navigation link of the
/// home page clicked, stylesheet and scripts loaded, a search run, and a saved edit reloading the open page.
/// </summary>
[Category("Browser")]
public class ServePreviewBrowserTests
{
    [Test]
    public async Task The_preview_works_in_a_real_browser()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        await using var server = await ServeProcess.StartAsync(dir.Path);
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") problems.Add("console: " + m.Text); };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.RequestFailed += (_, r) => problems.Add("failed: " + r.Url);
            page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"{r.Status}: {r.Url}"); };

            await page.GotoAsync(server.BaseUrl);
            // the stylesheet applies: the header is laid out by style.css, not the browser's defaults
            var styled = await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.href && s.href.endsWith('/assets/style.css') && s.cssRules.length > 10)");
            Assert.That(styled, "style.css did not load");

            var links = await page.Locator("header nav:not(.languages) a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            Assert.That(links, Has.Length.GreaterThanOrEqualTo(5));
            for (var i = 0; i < links.Length; i++)
            {
                TestContext.Progress.WriteLine($"nav {i}: {links[i]}");
                await page.GotoAsync(server.BaseUrl);
                await page.Locator("header nav:not(.languages) a").Nth(i).ClickAsync();
                await page.WaitForLoadStateAsync(LoadState.Load);
                Assert.That(await page.Locator("main h1").CountAsync(), Is.EqualTo(1), $"{links[i]} → {page.Url}");
            }

            TestContext.Progress.WriteLine("search");
            // search in the preview, through the page's own shards
            await page.GotoAsync(server.BaseUrl + "search/index.html");
            await page.FillAsync("#search-input", "telecentros");
            try
            {
                await page.WaitForSelectorAsync("#search-results li.result", new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail("no results in the preview: " + string.Join('\n', problems) + "\n" + await page.Locator("main").InnerHTMLAsync());
            }
            Assert.That(await page.Locator("#search-results li.result").CountAsync(), Is.GreaterThan(1));

            TestContext.Progress.WriteLine("edit");
            // an edit saved in the editor reloads the open page with the change
            await page.GotoAsync(server.BaseUrl + "practices/telecentro-rural/index.html");
            var file = dir["content/practices/telecentro-rural.md"];
            await page.WaitForTimeoutAsync(300); // the reload stream is connected
            File.WriteAllText(file, File.ReadAllText(file).Replace("El telecentro ofrece cursos", "El telecentro ofrece cursos de quipucamayoc", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("quipucamayoc", new() { Timeout = 20_000 });
            Assert.That(problems, Is.Empty);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
