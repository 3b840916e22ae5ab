using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Security;

/// <summary>
/// The hostile tree (<see cref="HostileContent"/>) built and opened in chromium, from file:// and through
/// `ge serve`: every page visited, the links of the most attacked pages clicked, the search page fed
/// vectors in its query and crafted facet parameters. No dialog ever opens, no element carries an event
/// handler attribute, every link and source uses an allowed scheme, and only the site's own scripts load.
/// </summary>
[Category("Browser")]
public sealed class XssBrowserTests : IDisposable
{
    private readonly TempDir _dir = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The query parameters a crafted link to the search page may carry.</summary>
    private static readonly string[] SearchAttacks =
    [
        "?q=%3Cscript%3Ealert('q1')%3C%2Fscript%3E",
        "?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert('q2')%3E",
        "?q=alert&..%2F..%2Fmedia%2Fevil=1",
        "?q=x&..%2F..%2F..%2Fmedia%2Fevil=x",
        "?q=x&country=%3Cimg%20src%3Dx%20onerror%3Dalert('q3')%3E",
        "?q=x&constructor=1&__proto__=1&toString=x",
        "?q=script&type=practice&type=%22%3E%3Csvg%20onload%3Dalert('q4')%3E",
        "?q=javascript:alert('q5')",
    ];

    [OneTimeSetUp]
    public async Task Build()
    {
        HostileContent.Write(_dir);
        var result = BuildPipeline.Build(new BuildOptions(_dir["content"], _dir["templates"], _dir["site"], new DateOnly(2026, 1, 1)));
        Assert.That(result.Succeeded, string.Join("\n", result.Diagnostics.Where(d => d.Severity == Severity.Error).Take(30)));
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Close()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    public void Dispose() => _dir.Dispose();

    [Test]
    public async Task No_script_runs_from_file_urls() => await VisitAll(p => Chromium.FileUrl(_dir["site"], p), "file");

    [Test]
    [Category("Process")]
    public async Task No_script_runs_through_the_preview()
    {
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--output", "served-site");
        await VisitAll(p => server.BaseUrl + p, "http");
    }

    private async Task VisitAll(Func<string, string> url, string scheme)
    {
        var pages = Directory.GetFiles(_dir["site"], "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir["site"], f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.That(pages, Has.Count.GreaterThan(100));
        var context = await _browser!.NewContextAsync();
        var alerts = new List<string>();
        var scripts = new List<string>();
        context.Page += (_, p) => p.Dialog += async (_, d) => { alerts.Add($"{p.Url}: {d.Message}"); await d.DismissAsync(); };
        // Nothing leaves the machine; every script request is recorded.
        await context.RouteAsync("**/*", async route =>
        {
            var u = route.Request.Url;
            if (route.Request.ResourceType == "script") scripts.Add(u);
            if (u.StartsWith("file:", StringComparison.Ordinal) || u.StartsWith("http://127.0.0.1", StringComparison.Ordinal)) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var p in pages)
        {
            await page.GotoAsync(url(p));
            problems.AddRange((await page.EvaluateAsync<string[]>(DomCheck)).Select(x => $"{p}: {x}"));
        }
        // Click every link of the most attacked pages (a practice, an organisation, the home page).
        foreach (var p in new[] { "index.html", "practices/guatecompras/index.html", "organisations/bid/index.html" }.Where(pages.Contains))
        {
            // The last click on the page before may still be navigating (to a refused address: chrome's error page).
            await Return(page, url(p));
            var count = await page.Locator("main a[href]").CountAsync();
            for (var i = 0; i < count; i++)
            {
                await Return(page, url(p));
                var link = page.Locator("main a[href]").Nth(i);
                if (!await link.IsVisibleAsync()) continue;
                await link.ClickAsync(new() { Timeout = 5000 });
                await page.WaitForTimeoutAsync(30);
            }
        }
        // The search page: vectors in the query and crafted facet names; then a typed query whose results carry vectors.
        foreach (var attack in SearchAttacks)
        {
            await page.GotoAsync(url("search/index.html") + attack);
            await page.WaitForTimeoutAsync(400);
            problems.AddRange((await page.EvaluateAsync<string[]>(DomCheck)).Select(x => $"search{attack}: {x}"));
        }
        await page.GotoAsync(url("search/index.html"));
        await page.FillAsync("#search-input", "alert script");
        await page.WaitForSelectorAsync("#search-results li.result");
        problems.AddRange((await page.EvaluateAsync<string[]>(DomCheck)).Select(x => $"search results: {x}"));
        await context.CloseAsync();

        Assert.That(alerts, Is.Empty, "script ran");
        Assert.That(problems, Is.Empty);
        var foreign = scripts.Distinct().Where(s => !IsOwnScript(s)).ToList();
        Assert.That(foreign, Is.Empty, "scripts loaded that the site did not write as scripts");
        TestContext.Progress.WriteLine($"XSS ({scheme}): {pages.Count} pages, {SearchAttacks.Length} crafted search URLs, {scripts.Distinct().Count()} distinct scripts loaded, 0 alerts");
    }

    /// <summary>Back to the page after a click. A click on a link out of the site is aborted (nothing leaves the
    /// machine), and the browser then shows its error page: on a busy machine that navigation can still be under way
    /// when the next one starts, which the browser reports as an interrupted navigation. The page is then asked for again.</summary>
    private static async Task Return(IPage page, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url);
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("interrupted by another navigation", StringComparison.Ordinal))
            {
                await page.WaitForTimeoutAsync(200);
            }
        }
    }

    private static bool IsOwnScript(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return System.Text.RegularExpressions.Regex.IsMatch(path, @"/assets/[a-z-]+\.js$") || path == "/__ge/reload.js" || System.Text.RegularExpressions.Regex.IsMatch(path, @"/(compare|survey)/data\.js$") || System.Text.RegularExpressions.Regex.IsMatch(path, @"/search/data/(meta|v-[a-z0-9_]+|t-\d+(-\d+)?|d-\d+|f-[a-z_]+)\.js$");
    }

    /// <summary>What may never be in a page's DOM: handler attributes, foreign schemes, frames, objects, unknown scripts.</summary>
    private const string DomCheck = """
        () => {
          const bad = [];
          const allowed = ['http:', 'https:', 'mailto:', 'file:'];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (a.name.startsWith('on')) bad.push(`${el.tagName} has ${a.name}`);
              if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(a.name)) {
                if (a.name === 'srcdoc') { bad.push(`${el.tagName} has srcdoc`); continue; }
                let u; try { u = new URL(a.value, document.baseURI); } catch { continue; }
                if (!allowed.includes(u.protocol)) bad.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
              }
            }
            if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE', 'META'].includes(el.tagName) && !(el.tagName === 'META' && !el.hasAttribute('http-equiv')))
              bad.push(`${el.tagName} element`);
            if (el.tagName === 'SCRIPT' && el.type !== 'application/ld+json' && !/(assets\/[a-z-]+\.js|__ge\/reload\.js|search\/data\/[a-z0-9_-]+\.js|(compare|survey)\/data\.js)$/.test(el.src || 'inline:' + el.textContent.slice(0, 40)))
              bad.push(`script ${el.src || el.textContent.slice(0, 60)}`);
          }
          return bad;
        }
        """;
}
