using System.Text;
using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Index;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Render;
using GobiernoElectronico.Search;
using GobiernoElectronico.Validate;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Bench;

/// <summary>What one benchmark run measured.</summary>
public sealed record BenchReport(
    int Documents, IReadOnlyList<(string Stage, TimeSpan Time)> Stages, int Files, long SearchDataBytes, int SearchDataFiles,
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
        var stages = new List<(string, TimeSpan)>();
        var bag = new DiagnosticBag();
        var clock = Stopwatch.StartNew();
        T Time<T>(string stage, Func<T> f)
        {
            clock.Restart();
            var result = f();
            stages.Add((stage, clock.Elapsed));
            return result;
        }
        var documents = Time("load", () => ContentLoader.Load(options.ContentRoot, bag));
        var content = Time("validate", () => ContentValidator.Validate(documents, bag))
            ?? throw new InvalidOperationException("the content does not validate:\n" + string.Join('\n', bag.Sorted().Take(20)));
        content.Thesaurus = Load.ThesaurusData.Load(options.ContentRoot, bag) ?? throw new InvalidOperationException("the thesaurus does not validate:\n" + string.Join('\n', bag.Sorted().Take(20)));
        var allLabels = content.Site.InterfaceLanguages.Select(l => Labels.Load(options.TemplatesRoot, l, bag)!).ToList();
        var labels = allLabels[0];
        using var index = Time("index (Lucene)", () => SearchIndex.Build(SearchDocuments.From(content), content.Thesaurus));
        Time("search lexicon (vocabulary, families, thesaurus)", () => index.Lexicon);
        var related = Time("related practices (MoreLikeThis)", () => RelatedPractices.Find(index));
        var templates = new TemplateSet(options.TemplatesRoot, bag);
        var interfaces = allLabels.Select(l => (l.Language, l.Get("language_name"))).ToList();
        var pages = Time($"render ({allLabels.Count} interface languages)", () =>
            allLabels.SelectMany(l => new SiteRenderer(content, templates, l, related, null, interfaces).Render(bag)).ToList());
        var lucene = Time("export Lucene files", () => LuceneFilesExport.Export(index));
        var browser = Time("export browser shards", () => BrowserIndexExport.Export(index,
            allLabels.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l)),
            allLabels.ToDictionary(l => l.Language, l => l.Section("search.js"))));
        var data = Time("open data and web files", () => OpenData.For(content)
            .Concat(WebFiles.For(content, pages.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)).Select(f => f.Path))).ToList());
        var files = pages.Concat(data).Concat(lucene).Concat(browser).ToList();
        Time("write", () => SiteWriter.Write(options.OutputRoot, files, bag));
        if (bag.HasErrors) throw new InvalidOperationException(string.Join('\n', bag.Sorted().Take(20)));

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
        using (var engine = SearchEngine.Open(index))
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
                    if (w.Exclude || index.Lexicon.Occurs(w.Surface) || w.Surface.Length < 3) continue;
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
        return new BenchReport(content.DocumentCount, stages, files.Count, browser.Sum(f => (long)f.Content.Length), browser.Count,
            lucene.Sum(f => (long)f.Content.Length), firstQueries, facetPanel, Process.GetCurrentProcess().PeakWorkingSet64);
    }
}
