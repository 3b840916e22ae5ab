using System.Globalization;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Relevance;

/// <summary>
/// The relevance targets, on the judged collection: nDCG@10 of `ge search` at least 0.9, no query that finds
/// nothing while a document is relevant, and the browser's search.js (run by Jint over the exported shards)
/// returning the CLI's top ten in the same order for every query. The comparison with Pagefind and the
/// browser in chromium is the explicit RelevanceBenchmark.
/// </summary>
[Category("Relevance")]
public class RelevanceTests
{
    [Test]
    public void The_collection_meets_the_targets_and_the_browser_equals_the_cli()
    {
        var queries = RelevanceJudgments.Queries();
        Assert.That(queries, Has.Count.GreaterThanOrEqualTo(60));
        using var engine = SearchEngine.Open(RelevanceJudgments.SiteRoot);
        using var js = new JsSearch(RelevanceJudgments.SiteRoot);
        var ndcg = new List<double>();
        var zero = new List<string>();
        var differ = new List<string>();
        var lines = new List<string>();
        foreach (var q in queries)
        {
            var response = engine.Search(new SearchRequest(q.Text, new Dictionary<string, IReadOnlyList<string>>(), 10));
            var ranking = response.Hits.Select(h => RelevanceJudgments.Slug(h.Id)).ToList();
            var browser = js.Search(q.Text);
            if (!browser.Hits.Select(h => h.Doc).SequenceEqual(response.Hits.Select(h => h.DocId))) differ.Add(q.Id + " " + q.Text);
            if (response.Total == 0) zero.Add(q.Id + " " + q.Text);
            var score = RelevanceJudgments.Ndcg(q, ranking);
            ndcg.Add(score);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{q.Id} {q.Class,-14} {score:0.00}  {q.Text}"));
        }
        var mean = ndcg.Average();
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relevance: nDCG@10 {mean:0.000} over {queries.Count} queries; zero-result {zero.Count}"));
        foreach (var l in lines.Where(l => l.Contains(" 0.", StringComparison.Ordinal))) TestContext.Progress.WriteLine("  " + l);
        Assert.That(differ, Is.Empty, "browser top ten differs from the CLI's");
        Assert.That(zero, Is.Empty, "queries with relevant documents that find nothing");
        Assert.That(mean, Is.GreaterThanOrEqualTo(0.9));
    }
}
