using System.Globalization;
using System.Text;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Relevance;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Benchmarks;

/// <summary>
/// Relevance of three engines over the judged collection, in one run, printed as a table: `ge search` (the
/// CLI's engine over the built site's Lucene index), the site's search page in chromium opened from file://
/// (the query in the page's URL, the result links read from the page), and Pagefind (npm package
/// <c>pagefind</c>) indexing the same built site, queried with its own pagefind.js in chromium over loopback.
/// Run it with <c>tests/relevance/benchmark</c>, which installs Pagefind and chromium first.
/// </summary>
[Explicit("benchmark: run on demand (tests/relevance/benchmark)")]
[Category("Benchmark")]
public class RelevanceBenchmark
{
    private sealed record Run(string Engine, IReadOnlyList<IReadOnlyList<string>> Rankings, IReadOnlyList<int> Totals);

    [Test]
    public async Task Ge_browser_and_pagefind_on_the_judged_collection()
    {
        var pagefind = Environment.GetEnvironmentVariable("GE_PAGEFIND") is { Length: > 0 } p ? p
            : Path.Combine(Repo.Root, "tests", "relevance", ".tools", "node_modules", ".bin", "pagefind");
        if (!File.Exists(pagefind)) Assert.Fail($"Pagefind is not installed at {pagefind}: run tests/relevance/benchmark (it installs it from npm)");
        var queries = RelevanceJudgments.Queries();
        var site = RelevanceJudgments.SiteRoot;
        var runs = new List<Run> { Cli(site, queries) };

        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            runs.Add(await Browser(browser, site, queries));
            foreach (var (name, glob) in new[] { ("Pagefind (document pages)", "{practices,countries}/*/index.html"), ("Pagefind (whole site)", "**/*.html") })
            {
                using var copy = new TempDir();
                CopyTree(site, copy.Path);
                var (code, output) = NodeTools.Run(pagefind, $"--site \"{copy.Path}\" --glob \"{glob}\"", copy.Path);
                Assert.That(code, Is.EqualTo(0), output);
                using var server = new StaticServer(copy.Path);
                runs.Add(await Pagefind(browser, server, name, queries));
            }
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }

        var report = Report(queries, runs);
        TestContext.Progress.WriteLine(report);
        var reportFile = Path.Combine(Path.GetTempPath(), "ge-relevance-benchmark.md");
        File.WriteAllText(reportFile, report);
        TestContext.Progress.WriteLine($"(also written to {reportFile})");
        Assert.That(runs.All(r => r.Rankings.Count == queries.Count));
    }

    private static Run Cli(string site, IReadOnlyList<JudgedQuery> queries)
    {
        using var engine = SearchEngine.Open(site);
        var rankings = new List<IReadOnlyList<string>>();
        var totals = new List<int>();
        foreach (var q in queries)
        {
            var r = engine.Search(new SearchRequest(q.Text, new Dictionary<string, IReadOnlyList<string>>(), 10));
            rankings.Add(r.Hits.Select(h => RelevanceJudgments.Slug(h.Id)).ToList());
            totals.Add(r.Total);
        }
        return new Run("ge search (CLI)", rankings, totals);
    }

    private static async Task<Run> Browser(IBrowser browser, string site, IReadOnlyList<JudgedQuery> queries)
    {
        var rankings = new List<IReadOnlyList<string>>();
        var totals = new List<int>();
        var page = await browser.NewPageAsync();
        foreach (var q in queries)
        {
            await page.GotoAsync(Chromium.FileUrl(site, "search/index.html") + "?q=" + Uri.EscapeDataString(q.Text));
            await page.WaitForFunctionAsync("() => document.getElementById('search-status').textContent.length > 0");
            var hrefs = await page.Locator("#search-results li.result h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            rankings.Add(hrefs.Take(10).Select(RelevanceJudgments.Slug).ToList());
            totals.Add(hrefs.Length);
        }
        await page.CloseAsync();
        return new Run("search page in chromium (file://)", rankings, totals);
    }

    private static async Task<Run> Pagefind(IBrowser browser, StaticServer server, string name, IReadOnlyList<JudgedQuery> queries)
    {
        var rankings = new List<IReadOnlyList<string>>();
        var totals = new List<int>();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.Url("index.html"));
        await page.EvaluateAsync("async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }");
        foreach (var q in queries)
        {
            var result = await page.EvaluateAsync<string[]>(
                "async q => { const r = await window.pf.search(q); const top = await Promise.all(r.results.slice(0, 10).map(x => x.data())); return [String(r.results.length)].concat(top.map(d => d.url)); }",
                q.Text);
            totals.Add(int.Parse(result[0], CultureInfo.InvariantCulture));
            rankings.Add(result.Skip(1).Select(RelevanceJudgments.Slug).ToList());
        }
        await page.CloseAsync();
        return new Run(name, rankings, totals);
    }

    private static string Report(IReadOnlyList<JudgedQuery> queries, IReadOnlyList<Run> runs)
    {
        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var cli = runs[0];
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Relevance collection: {queries.Count} judged queries, {Directory.GetFiles(Path.Combine(Repo.Fixture("relevance"), "content", "practices")).Length} documents (es, pt, en)");
        sb.AppendLine();
        sb.AppendLine("| engine | nDCG@10 | MRR | queries with no result | top ten equal to the CLI's |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var run in runs)
        {
            var ndcg = queries.Select((q, i) => RelevanceJudgments.Ndcg(q, run.Rankings[i])).Average();
            var mrr = queries.Select((q, i) => RelevanceJudgments.ReciprocalRank(q, run.Rankings[i])).Average();
            var zero = run.Totals.Count(t => t == 0);
            var same = queries.Select((q, i) => run.Rankings[i].SequenceEqual(cli.Rankings[i])).Count(x => x);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {run.Engine} | {F(ndcg)} | {F(mrr)} | {zero} | {same}/{queries.Count} |");
        }
        sb.AppendLine();
        var classes = queries.Select(q => q.Class).Distinct().Order(StringComparer.Ordinal).ToList();
        sb.AppendLine("| nDCG@10 by class | queries | " + string.Join(" | ", runs.Select(r => r.Engine)) + " |");
        sb.AppendLine("|---|---|" + string.Concat(runs.Select(_ => "---|")));
        foreach (var c in classes)
        {
            var idx = queries.Select((q, i) => (q, i)).Where(x => x.q.Class == c).ToList();
            var cells = string.Join(" | ", runs.Select(r => F(idx.Average(x => RelevanceJudgments.Ndcg(x.q, r.Rankings[x.i])))));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {c} | {idx.Count} | {cells} |");
        }
        return sb.ToString();
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
