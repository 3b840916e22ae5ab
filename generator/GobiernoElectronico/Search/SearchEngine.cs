using System.Globalization;
using GobiernoElectronico.Index;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;

namespace GobiernoElectronico.Search;

/// <summary>
/// Searches the prebuilt Lucene index of a built site (<c>site/search/lucene/</c>): the CLI's <c>search</c>
/// and the server's <c>/api/search</c>. Results are ranked by BM25, ties by document id, exactly as the
/// browser search ranks them; facets are counted over all matches.
/// </summary>
public sealed class SearchEngine : IDisposable
{
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>[] _facetsByDoc;
    private readonly IReadOnlyDictionary<(string Facet, string Lower), string> _facetValues;

    static SearchEngine() => DeterministicCodec.Register();

    private readonly QueryPlanner _planner;

    private SearchEngine(DirectoryReader reader, EngineParts parts)
    {
        if (parts.Facets.Length != reader.MaxDoc)
            throw new InvalidOperationException($"facets of {parts.Facets.Length} documents for an index of {reader.MaxDoc}");
        _reader = reader;
        _planner = parts.Planner;
        _facetsByDoc = parts.Facets;
        _facetValues = parts.Values;
        _searcher = new IndexSearcher(reader) { Similarity = SearchIndex.Similarity };
        _live = MultiFields.GetLiveDocs(reader);
    }

    /// <summary>Which documents are not deleted (null: none is); an index updated after an edit has deleted ones.</summary>
    private readonly Lucene.Net.Util.IBits? _live;

    /// <summary>Opens the index of the site at <paramref name="siteRoot"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">no index there (the site was not built)</exception>
    public static SearchEngine Open(string siteRoot)
    {
        var folder = Path.Combine(siteRoot, LuceneFilesExport.Folder);
        if (!System.IO.Directory.Exists(folder) || !DirectoryReader.IndexExists(FSDirectory.Open(folder)))
            throw new DirectoryNotFoundException($"no search index in {folder}; run 'ge build' first");
        var lexicon = Path.Combine(folder, LuceneFilesExport.LexiconFile);
        if (!File.Exists(lexicon)) throw new DirectoryNotFoundException($"no search lexicon in {folder}; run 'ge build' again");
        var reader = DirectoryReader.Open(FSDirectory.Open(folder));
        return new SearchEngine(reader, EngineParts.Read(reader, QueryLexicon.FromJson(File.ReadAllBytes(lexicon))));
    }

    /// <summary>Opens an index already in memory (the build, <c>serve</c>, tests).</summary>
    public static SearchEngine Open(SearchIndex index) => new(DirectoryReader.Open(index.Directory), EngineParts.Of(index));

    /// <summary>The planner of simple queries (shared with the browser's search.js).</summary>
    public QueryPlanner Planner => _planner;

    /// <summary>The indexed value of a facet typed in any case, or null.</summary>
    public string? FacetValue(string facet, string typed) => _facetValues.GetValueOrDefault((facet, typed.ToLowerInvariant()));

    /// <summary>The Lucene query for <paramref name="text"/>: the simple language, or the full classic syntax.</summary>
    public Query Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new MatchAllDocsQuery();
        var simple = SimpleQuery.Parse(text);
        var normalised = simple is null ? text : string.Join(' ', simple.Select(w =>
            (w.Exclude ? "-" : "") + (w.Field is null ? "" : w.Field + ":") + QueryParserBase.Escape(w.Surface)));
        try
        {
            var parser = new SearchQueryParser(FacetValue);
            return parser.Parse(normalised) ?? new BooleanQuery();
        }
        catch (ParseException e)
        {
            throw new InvalidQueryException(CleanMessage(e.Message));
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new InvalidQueryException("the query expands to too many terms; make wildcards or fuzzy terms more specific");
        }
    }

    public SearchResponse Search(SearchRequest request)
    {
        Query query;
        ScoreDoc[] all;
        string? suggestion = null;
        if (SimpleQuery.Parse(request.Query) is { } words)
        {
            var plan = _planner.Plan(words);
            (all, query) = Match(plan);
            suggestion = plan.Suggestion(Documents);
        }
        else
        {
            query = Parse(request.Query);
            all = _searcher.Search(query, Math.Max(1, _reader.MaxDoc)).ScoreDocs; // score desc, doc id asc
        }
        var filters = request.Filters.Where(f => f.Value.Count > 0)
            .ToDictionary(f => f.Key, f => f.Value.Select(v => FacetValue(f.Key, v) ?? v).ToHashSet(StringComparer.Ordinal));

        bool Passes(int doc, string? except) =>
            filters.All(f => f.Key == except || _facetsByDoc[doc][f.Key].Any(f.Value.Contains));

        var matching = all.Where(s => Passes(s.Doc, null)).ToList();
        var counts = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var facet in SearchFields.Facets)
        {
            var c = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in all)
                if (Passes(s.Doc, facet))
                    foreach (var v in _facetsByDoc[s.Doc][facet]) c[v] = c.GetValueOrDefault(v) + 1;
            counts[facet] = c;
        }

        var hits = matching.Skip(request.Offset).Take(request.Limit).Select((s, i) => Hit(request.Offset + i + 1, s, query)).ToList();
        return new SearchResponse(request.Query, query.ToString(), matching.Count, hits, counts) { Suggestion = suggestion };
    }

    /// <summary>How many documents a planned word matches: those holding any of its terms (as <c>search.js</c> counts them).</summary>
    private int Documents(PlannedWord word) => _searcher.Search(Disjunction(word), 1).TotalHits;

    /// <summary>A planned word as Lucene's disjunction of its terms (SHOULD clauses, each with its boost).</summary>
    private static BooleanQuery Disjunction(PlannedWord word)
    {
        var q = new BooleanQuery(disableCoord: true);
        foreach (var t in word.Terms) q.Add(new TermQuery(new Term(t.Field, t.Term)) { Boost = t.Boost }, Occur.SHOULD);
        return q;
    }

    /// <summary>
    /// Scores a planned query exactly as search.js does: each word is Lucene's disjunction of its terms
    /// (a BooleanQuery of SHOULD clauses, BM25); an alternative needs all its words and sums them (float, in
    /// order); a unit takes its best alternative (most query words covered, then score); a document's rank is
    /// the number of query words its units cover, then the number covered in its title (every word of an
    /// alternative in a title field), then the float sum of the units' scores in unit order, then its id. Also returns the query used for snippets.
    /// </summary>
    private (ScoreDoc[] Ranked, Query Highlight) Match(QueryPlan plan)
    {
        var highlight = new BooleanQuery(disableCoord: true);
        if (!plan.HadWords)
            return (Enumerable.Range(0, _reader.MaxDoc).Where(d => _live is null || _live.Get(d)).Select(d => new ScoreDoc(d, 1f)).ToArray(), new MatchAllDocsQuery());
        var wordCache = new Dictionary<PlannedWord, (Dictionary<int, float> Scores, HashSet<int> Titled)>(ReferenceEqualityComparer.Instance);
        (Dictionary<int, float> Scores, HashSet<int> Titled) Word(PlannedWord word)
        {
            if (wordCache.TryGetValue(word, out var cached)) return cached;
            var q = Disjunction(word);
            var titleQuery = new BooleanQuery(disableCoord: true);
            foreach (var t in word.Terms)
                if (SearchFields.IsTitle(t.Field)) titleQuery.Add(new TermQuery(new Term(t.Field, t.Term)), Occur.SHOULD);
            var scores = new Dictionary<int, float>();
            foreach (var s in _searcher.Search(q, Math.Max(1, _reader.MaxDoc)).ScoreDocs) scores[s.Doc] = s.Score;
            var titled = new HashSet<int>();
            if (titleQuery.Clauses.Count > 0)
                foreach (var s in _searcher.Search(titleQuery, Math.Max(1, _reader.MaxDoc)).ScoreDocs) titled.Add(s.Doc);
            return wordCache[word] = (scores, titled);
        }
        // Per document: the coverage and score of the unit's best alternative (coverage first), and the
        // largest coverage of an alternative matched entirely in a title field.
        Dictionary<int, (int Coverage, float Score, int Titled)> Unit(PlannedUnit unit)
        {
            var best = new Dictionary<int, (int Coverage, float Score, int Titled)>();
            foreach (var alternative in unit.Alternatives)
            {
                var maps = alternative.Words.Select(Word).ToList();
                foreach (var (doc, first) in maps[0].Scores)
                {
                    var score = 0f;
                    var all = true;
                    var inTitle = true;
                    foreach (var m in maps)
                    {
                        if (!m.Scores.TryGetValue(doc, out var s)) { all = false; break; }
                        score += s;
                        inTitle &= m.Titled.Contains(doc);
                    }
                    if (!all) continue;
                    var titled = inTitle ? alternative.Coverage : 0;
                    if (!best.TryGetValue(doc, out var previous)) best[doc] = (alternative.Coverage, score, titled);
                    else
                    {
                        var better = alternative.Coverage > previous.Coverage || alternative.Coverage == previous.Coverage && score > previous.Score;
                        best[doc] = better ? (alternative.Coverage, score, Math.Max(titled, previous.Titled)) : previous with { Titled = Math.Max(titled, previous.Titled) };
                    }
                }
            }
            return best;
        }

        var included = plan.Units.Where(u => !u.Exclude).ToList();
        if (included.Count == 0) return ([], highlight);
        var matched = new Dictionary<int, (int Coverage, int Titled, float Score)>();
        foreach (var unit in included)
        {
            foreach (var alternative in unit.Alternatives)
                foreach (var word in alternative.Words)
                    foreach (var t in word.Terms) highlight.Add(new TermQuery(new Term(t.Field, t.Term)), Occur.SHOULD);
            foreach (var (doc, u) in Unit(unit))
                matched[doc] = matched.TryGetValue(doc, out var acc) ? (acc.Coverage + u.Coverage, acc.Titled + u.Titled, acc.Score + u.Score) : (u.Coverage, u.Titled, u.Score);
        }
        foreach (var unit in plan.Units.Where(u => u.Exclude))
            foreach (var doc in Unit(unit).Keys) matched.Remove(doc);
        var ranked = matched.OrderByDescending(m => m.Value.Coverage).ThenByDescending(m => m.Value.Titled).ThenByDescending(m => m.Value.Score).ThenBy(m => m.Key)
            .Select(m => new ScoreDoc(m.Key, m.Value.Score)).ToArray();
        return (ranked, highlight);
    }

    private SearchHit Hit(int rank, ScoreDoc score, Query query)
    {
        var doc = _reader.Document(score.Doc);
        var language = doc.Get("language", CultureInfo.InvariantCulture) ?? "es";
        var body = doc.Get(SearchFields.For("body", language), CultureInfo.InvariantCulture) ?? "";
        var summary = doc.Get(SearchFields.DisplaySummary, CultureInfo.InvariantCulture) ?? "";
        return new SearchHit(rank, score.Doc, doc.Get(SearchFields.Id, CultureInfo.InvariantCulture), doc.Get("type", CultureInfo.InvariantCulture), doc.Get(SearchFields.DisplayTitle, CultureInfo.InvariantCulture),
            doc.Get(SearchFields.Url, CultureInfo.InvariantCulture), language, score.Score, Snippet(query, language, summary, body), _facetsByDoc[score.Doc]);
    }

    /// <summary>The best fragment of the summary or body with matched words marked; the summary when nothing matches.</summary>
    private static string Snippet(Query query, string language, string summary, string body)
    {
        var encoder = new MinimalHtmlEncoder();
        foreach (var (field, text) in new[] { ("body", body), ("summary", summary) })
        {
            var physical = SearchFields.For(field, language);
            var scorer = new QueryScorer(query, physical);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, 180), // must share the highlighter's scorer
            };
            var fragment = highlighter.GetBestFragment(SearchAnalysis.For(language), physical, text);
            if (!string.IsNullOrEmpty(fragment)) return fragment.Trim();
        }
        return encoder.EncodeText(summary.Length > 220 ? summary[..220] + " …" : summary);
    }

    /// <summary>Escapes the five HTML-significant characters only, so accents stay readable in snippets.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => Render.Html.Encode(originalText);
    }

    private static string CleanMessage(string message)
    {
        var first = message.Split('\n')[0].Trim();
        return first.StartsWith("Cannot parse", StringComparison.Ordinal) && first.Contains(": ", StringComparison.Ordinal)
            ? first[(first.IndexOf(": ", StringComparison.Ordinal) + 2)..]
            : first;
    }

    public void Dispose() => _reader.Dispose();
}
