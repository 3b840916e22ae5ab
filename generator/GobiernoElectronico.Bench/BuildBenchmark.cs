using System.Diagnostics;
using System.Text;
using GobiernoElectronico.Index;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Bench;

/// <summary>What one benchmark run measured.</summary>
public sealed record BenchReport(
    int Documents, IReadOnlyList<StageTimings.Entry> Stages, int Files, long SearchDataBytes, int SearchDataFiles,
    long LuceneBytes, IReadOnlyList<(string Query, long Bytes, int Requests, string Breakdown)> FirstQueries, long FacetPanelBytes, long PeakWorkingSet);

/// <summary>
/// Builds a content tree stage by stage, timing each, then measures the browser export: total size and,
/// for a few queries, the bytes a first query loads before its results show (meta, the vocabulary and term
/// shards it needs and the top-ten document fragments: what search.js requests), and the facet shards the
/// filter panel loads next.
/// </summary>
public static class BuildBenchmark
{
    public static readonly string[] Queries = ["telecentros", "trámites en línea", "municipal transparency", "banda larga", "xylophone"];

    public static BenchReport Run(BuildOptions options)
    {
        // The real build (`ge build`), its stages timed, as a first build makes it (no build cache left by an earlier
        // run into the same output); then the export is measured from the written site.
        var cache = GobiernoElectronico.Write.SiteWriter.CacheFolder(options.OutputRoot);
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        var timings = new StageTimings();
        var result = BuildPipeline.Build(options, timings);
        if (!result.Succeeded) throw new InvalidOperationException("the content does not build:\n" + string.Join('\n', result.Diagnostics.Take(20)));
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var stages = timings.Entries;
        var site = options.OutputRoot;
        var browser = Directory.EnumerateFiles(Path.Combine(site, BrowserIndexExport.Folder))
            .Select(f => new OutputFile(BrowserIndexExport.Folder + Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        var luceneBytes = Directory.EnumerateFiles(Path.Combine(site, LuceneFilesExport.Folder)).Sum(f => new FileInfo(f).Length);
        var files = result.Files;
        var sizes = browser.ToDictionary(f => f.Path[BrowserIndexExport.Folder.Length..^3], f => (long)f.Content.Length, StringComparer.Ordinal);
        var termShards = browser.Count(f => System.Text.RegularExpressions.Regex.IsMatch(f.Path, @"/t-\d+\.js$"));
        // A term with a file of its own is named in its shard as {"r": "t-N-K"}.
        var ownFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in browser.Where(f => System.Text.RegularExpressions.Regex.IsMatch(f.Path, @"/t-\d+\.js$")))
        {
            var text = Encoding.UTF8.GetString(f.Content);
            var json = System.Text.Json.Nodes.JsonNode.Parse(text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..text.LastIndexOf(')')])!.AsObject();
            foreach (var (term, entry) in json)
                if (entry is System.Text.Json.Nodes.JsonObject o && o["r"] is { } r) ownFiles[term] = r.GetValue<string>();
        }
        var firstQueries = new List<(string, long, int, string)>();
        using (var engine = SearchEngine.Open(site))
        {
            foreach (var q in Queries)
            {
                // What search.js loads: meta, the query words' vocabulary shards, then the term shards of
                // every planned term (thesaurus names, corrections and families included), then the fragments.
                var needed = new SortedSet<string>(StringComparer.Ordinal) { "meta" };
                var words = SimpleQuery.Parse(q) ?? [];
                foreach (var w in words.Where(w => !SearchAnalysis.StopWords.Contains(w.Surface)))
                {
                    // As search.js does: the word's longest listed key; a whole two-letter group to correct an
                    // unknown word; every key under a three-letter unknown word to complete it.
                    var key = w.Surface.Length < 2 ? ShardNames.Vocabulary(w.Surface) : Enumerable.Range(2, ShardNames.MaxVocabularyKey - 1).Reverse()
                        .Select(l => ShardNames.VocabularyKey(w.Surface, l)).FirstOrDefault(sizes.ContainsKey);
                    if (key is not null) needed.Add(key);
                    if (w.Exclude || engine.Planner.Lexicon.Occurs(w.Surface) || w.Surface.Length < 3) continue;
                    var under = w.Surface.Length >= 4 ? ShardNames.Vocabulary(w.Surface) : ShardNames.VocabularyKey(w.Surface, 3);
                    foreach (var k in sizes.Keys.Where(k => k.StartsWith(under, StringComparison.Ordinal))) needed.Add(k);
                }
                foreach (var unit in engine.Planner.Plan(words).Units)
                    foreach (var alternative in unit.Alternatives)
                        foreach (var word in alternative.Words)
                            foreach (var t in word.Terms)
                            {
                                needed.Add(ShardNames.Term(t.Term, termShards));
                                if (ownFiles.TryGetValue(t.Term, out var own)) needed.Add(own);
                            }
                foreach (var hit in engine.Search(new SearchRequest(q, new Dictionary<string, IReadOnlyList<string>>(), 10)).Hits)
                    needed.Add(ShardNames.Document(hit.DocId));
                var present = needed.Where(sizes.ContainsKey).ToList();
                var kinds = present.GroupBy(n => n == "meta" ? "meta" : n[..1] switch { "v" => "vocabulary", "t" => "terms", "d" => "documents", _ => "other" })
                    .Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}: {g.Sum(n => sizes[n]) / 1024.0:0.0} KiB"));
                firstQueries.Add((q, present.Sum(n => sizes[n]), present.Count, string.Join(", ", kinds)));
            }
        }
        var facetPanel = sizes.Where(s => s.Key.StartsWith("f-", StringComparison.Ordinal)).Sum(s => s.Value);
        return new BenchReport(result.Documents, stages, files, browser.Sum(f => (long)f.Content.Length), browser.Count,
            luceneBytes, firstQueries, facetPanel, peak);
    }
}
