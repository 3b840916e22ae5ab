using System.IO.Compression;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>A fresh pack, unpacked into a temporary folder and used from file:// as a workshop participant would.</summary>
[Category("Browser")]
public class OfflineCopyBrowserTests
{
    [Test]
    public async Task Clicking_through_an_unpacked_copy_loads_everything()
    {
        using var dir = new TempDir();
        var pack = GeProcess.Run(Repo.Root, "pack", "--output-dir", dir["zip"], "--date", "2026-11-24", "--content", Repo.Content, "--templates", Repo.Templates);
        Assert.That(pack.ExitCode, Is.Zero, pack.Err);
        ZipFile.ExtractToDirectory(dir["zip/gobierno-electronico-2026-11-24.zip"], dir["usb"]);
        var root = dir["usb/gobierno-electronico-2026-11-24"];

        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.RequestFailed += (_, r) => problems.Add("failed: " + r.Url);
            page.Request += (_, r) => requests.Add(r.Url);

            await page.GotoAsync(Chromium.FileUrl(root, "index.html"));
            await page.ClickAsync("section[aria-labelledby=committee] a >> text=Bolivia");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bolivia");
            await page.ClickAsync("section[aria-labelledby=country-practices] h3 a");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ciudadanía Digital");
            await page.ClickAsync("section[aria-labelledby=related] h3 a >> nth=0");
            await Assertions.Expect(page.Locator("article.practice")).ToBeVisibleAsync();
            await page.ClickAsync("nav a >> text=Países");
            await Assertions.Expect(page.Locator("table.matrix tbody tr")).ToHaveCountAsync(Directory.GetFiles(Path.Combine(Repo.Content, "countries"), "*.md").Length);

            await page.ClickAsync("nav a >> text=Panorama regional");
            await page.ClickAsync("a >> text=Bolivia — Perú");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bolivia — Perú");
            await page.GoBackAsync();
            foreach (var link in await page.Locator(".data-links a").AllAsync())
            {
                var href = await link.GetAttributeAsync("href");
                Assert.That(File.Exists(Path.GetFullPath(Path.Combine(root, "overview", href!))), $"open-data link {href} resolves in the copy");
            }
            Assert.That(await page.Locator(".data-links a").CountAsync(), Is.EqualTo(GobiernoElectronico.Render.OpenData.Files.Count));
            await page.FillAsync("#site-q", "compras públicas");
            await page.PressAsync("#site-q", "Enter");
            await page.WaitForSelectorAsync("#search-results li.result");
            var before = await page.Locator("#search-results li.result").CountAsync();
            await page.Locator("#search-facets input[name=country][value=GT]").CheckAsync();
            await page.WaitForFunctionAsync("n => document.querySelectorAll('#search-results li.result').length < n", before);
            var metas = await page.Locator("#search-results li.result .meta").AllTextContentsAsync();
            Assert.That(metas, Has.All.Contains("Guatemala"), "the facet narrows to Guatemala");
            await page.ClickAsync("#search-results li.result h3 a >> text=/Guatecompras/");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Guatecompras");

            Assert.That(problems, Is.Empty);
            Assert.That(requests, Has.All.StartWith("file://"), "no request leaves the copy");
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
