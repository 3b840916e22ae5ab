using System.Globalization;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Benchmarks;

/// <summary>
/// Query time of the offline search in chromium, from file://. Not part of the test run: run it with
/// <c>GE_BENCH_SITE=/path/to/site dotnet test --filter Category=Benchmark</c> (default: the shipped content),
/// after <c>ge bench --documents 10000 --output /path/to/site</c> for the synthetic corpus.
/// </summary>
[Explicit("benchmark: run on demand")]
[Category("Benchmark")]
public class BrowserSearchBenchmark
{
    private static readonly string[] Queries = ["telecentros", "trámites en línea", "municipal transparency", "banda larga", "servicios ciudadanos", "xylophone"];

    [Test]
    public async Task Query_times_in_chromium()
    {
        var site = Environment.GetEnvironmentVariable("GE_BENCH_SITE") is { Length: > 0 } s ? s : BuiltSite.Root;
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var report = new List<string>();
            foreach (var query in Queries)
            {
                // A fresh page per query: the first search pays for loading its shards, as a visitor's would.
                var page = await browser.NewPageAsync();
                await page.GotoAsync(Chromium.FileUrl(site, "search/index.html"));
                await page.WaitForFunctionAsync("() => window.GESearch && !GESearch.shards.meta"); // nothing loaded yet
                var cold = await page.EvaluateAsync<double[]>(
                    "async q => { const t = performance.now(); const r = await GESearch.search(q, {}, {limit: 10}); return [performance.now() - t, r.total]; }", query);
                var warm = new List<double>();
                for (var i = 0; i < 20; i++)
                    warm.Add(await page.EvaluateAsync<double>(
                        "async q => { const t = performance.now(); await GESearch.search(q, {}, {limit: 10}); return performance.now() - t; }", query));
                warm.Sort();
                report.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{query,-24} hits {cold[1],6}  first query {cold[0],7:0.0} ms  repeated (median of 20) {warm[10],6:0.0} ms"));
                await page.CloseAsync();
            }
            TestContext.Progress.WriteLine($"site: {site}");
            foreach (var line in report) TestContext.Progress.WriteLine(line);
            Assert.That(report, Has.Count.EqualTo(Queries.Length));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
