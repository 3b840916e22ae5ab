using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GobiernoElectronico.Site;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace GobiernoElectronico.Index;

/// <summary>
/// Writes what the browser needs to search offline, read from the Lucene index itself (terms, postings,
/// frequencies, norms, statistics), as small script files under <c>search/data/</c> that register
/// themselves with <c>GESearch.add(name, data)</c>: scripts load from <c>file://</c>, where fetch does not.
/// A query loads only the shards it touches:
/// <list type="bullet">
/// <item><c>meta</c>: field statistics (avgdl), BM25 parameters, the 256-entry norm table, stop words, facet labels.</item>
/// <item><c>v-xx</c>: vocabulary by the first two letters of a surface form: surface → indexed term per language.</item>
/// <item><c>t-n</c>: terms by hash: per field, [idf as Lucene computes it, docFreq, postings as varints (doc delta, freq, norm byte)]; and the surface forms of the term, for highlighting.</item>
/// <item><c>f-facet</c>: one per facet: value → document ids (delta list or bitset).</item>
/// <item><c>d-n</c>: one document's title, url, summary (and its translations, <c>summaries</c>) and text for the snippet.</item>
/// </list>
/// Everything is sorted, so the same index gives the same bytes. The format is written down in
/// docs/search-index-format.md and versioned (<see cref="FormatVersion"/>).
/// </summary>
public static class BrowserIndexExport
{
    public const string Folder = "search/data/";

    /// <summary>The format of the files below, written into <c>meta</c>; <c>search.js</c> reads only this format
    /// (its <c>FORMAT</c>) and says so otherwise. Change both, and docs/search-index-format.md, when the format changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Target size of a term shard, in bytes of postings (before the script wrapper).</summary>
    public const int TermShardTarget = 4_000;

    /// <summary>A vocabulary shard larger than this (characters) is split by the words' third letter.</summary>
    public const int VocabularyShardTarget = 6_000;

    /// <summary>A term's entry longer than this (characters of JSON) is written to a file of its own.</summary>
    public const int OwnFileFrom = 2_000;

    /// <summary>Characters of body text kept per document for snippets.</summary>
    public const int SnippetTextLength = 1_500;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="facetLabels">Per interface language: facet → value → label.</param>
    /// <param name="strings">Per interface language: the search page's strings.</param>
    /// <param name="ownFileFrom">entries longer than this get a file of their own (<see cref="OwnFileFrom"/>; tests use less)</param>
    public static IReadOnlyList<OutputFile> Export(SearchIndex index,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> facetLabels,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings, int ownFileFrom = OwnFileFrom)
    {
        var reader = index.Reader;
        var atomic = reader.Leaves.Count == 1 ? reader.Leaves[0].AtomicReader : throw new InvalidOperationException("the index must have one segment");
        var maxDoc = reader.MaxDoc;
        var files = new List<OutputFile>();

        // Vocabulary: the lexicon's surface forms → Lucene's term per language (content, inflections, thesaurus).
        var lexicon = index.Lexicon;
        var languages = Schema.Vocabulary.Languages;
        var surfacesOfTerm = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var surface in lexicon.ContentSurfaces)
            foreach (var t in lexicon.Vocabulary[surface].OfType<string>().Distinct())
                (surfacesOfTerm.TryGetValue(t, out var set) ? set : surfacesOfTerm[t] = new SortedSet<string>(StringComparer.Ordinal)).Add(surface);
        var vocabulary = lexicon.Vocabulary;

        // Vocabulary shards by the first two letters; a large one is split by the next letter, again while
        // large, up to four letters, so that a query loads a few KB per word. The keys go to meta as one
        // string ("ab,tra,trab,…"): the browser takes a word's longest listed key, and reads every key of a
        // two-letter group to correct an unknown word, or every key under a prefix to complete it.
        var parts = new List<(string Key, List<(string Surface, string Entry)> Entries)>();
        void Emit(string key, int length, List<(string Surface, string Entry)> entries)
        {
            var size = entries.Sum(e => e.Surface.Length + e.Entry.Length + 6);
            if (size <= VocabularyShardTarget || length >= ShardNames.MaxVocabularyKey || key.EndsWith('_'))
            {
                parts.Add((key, entries));
                return;
            }
            foreach (var part in entries.GroupBy(e => ShardNames.VocabularyKey(e.Surface, length + 1)).OrderBy(g => g.Key, StringComparer.Ordinal))
                Emit(part.Key, length + 1, part.ToList());
        }
        foreach (var group in vocabulary.GroupBy(v => ShardNames.Vocabulary(v.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            Emit(group.Key, group.Key.Length - 2, group.Select(v => (v.Key, lexicon.Encode(v.Key))).ToList());
        var shardOfSurface = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entries) in parts)
            foreach (var (surface, _) in entries) shardOfSurface[surface] = key;
        // The thesaurus travels with the vocabulary, under the key "" of the shards whose words can begin a phrase.
        var phrases = lexicon.PhrasesByShard(surface => shardOfSurface[surface]);
        var vocabularyKeys = new List<string>();
        foreach (var (key, entries) in parts)
        {
            vocabularyKeys.Add(key);
            var data = new JsonObject();
            if (phrases.TryGetValue(key, out var carried)) data[""] = carried;
            foreach (var (surface, entry) in entries) data[surface] = entry;
            files.Add(Script(key, data));
        }
        var vocabularyShards = FrontCoded(vocabularyKeys.Select(k => k[2..]).ToList());

        // Terms: per term, per physical field, [idf, doc delta, freq, norm, …].
        var fields = new JsonArray();
        var postingsByTerm = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var field in SearchFields.PhysicalTextFields)
        {
            var stats = index.Searcher.CollectionStatistics(field);
            var avgdl = stats.SumTotalTermFreq <= 0 ? 1f : (float)(stats.SumTotalTermFreq / (double)stats.MaxDoc);
            var (logical, language) = SearchFields.Split(field)!.Value;
            fields.Add(new JsonObject { ["name"] = field, ["field"] = logical, ["lang"] = language, ["boost"] = SearchFields.BoostOf(logical), ["avgdl"] = (double)avgdl });
            var terms = atomic.GetTerms(field);
            if (terms is null) continue;
            var norms = atomic.GetNormValues(field);
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                var term = termsEnum.Term.Utf8ToString();
                var idf = Idf(termsEnum.DocFreq, maxDoc);
                docs = termsEnum.Docs(atomic.LiveDocs, docs, DocsFlags.FREQS);
                var encoded = new StringBuilder();
                var previous = 0;
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    CompactEncoding.AppendVarint(encoded, doc - previous);
                    CompactEncoding.AppendVarint(encoded, docs.Freq);
                    CompactEncoding.AppendVarint(encoded, (sbyte)norms.Get(doc) & 0xFF);
                    previous = doc;
                }
                var list = new JsonArray { (double)idf, termsEnum.DocFreq, encoded.ToString() };
                if (!postingsByTerm.TryGetValue(term, out var entry))
                {
                    entry = new JsonObject { ["s"] = new JsonArray(surfacesOfTerm.GetValueOrDefault(term)?.Select(s => (JsonNode)s).ToArray() ?? []), ["f"] = new JsonObject() };
                    postingsByTerm[term] = entry;
                }
                ((JsonObject)entry["f"]!)[field] = list;
            }
        }
        var totalBytes = postingsByTerm.Sum(p => p.Key.Length + p.Value.ToJsonString(Json).Length);
        var termShards = Math.Max(1, (int)Math.Ceiling(totalBytes / (double)TermShardTarget));
        var byShard = postingsByTerm.ToLookup(p => ShardNames.Term(p.Key, termShards));
        for (var i = 0; i < termShards; i++)
        {
            // Every term shard is written, even an empty one, so the browser never asks for a missing file.
            // A term whose postings are large gets a file of its own, which the shard names ({"r": …}): a
            // query that needs a small term of the shard does not pay for a big one's postings.
            var name = $"t-{i}";
            var data = new JsonObject();
            var own = 0;
            foreach (var (term, entry) in byShard[name].OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (entry.ToJsonString(Json).Length <= ownFileFrom) { data[term] = entry.DeepClone(); continue; }
                var file = $"{name}-{own++}";
                data[term] = new JsonObject { ["r"] = file };
                files.Add(Script(file, entry.DeepClone()));
            }
            files.Add(Script(name, data));
        }

        // Facets: one shard per facet; value → doc-id set (CompactEncoding.DocSet).
        foreach (var facet in SearchFields.Facets)
        {
            var values = new JsonObject();
            var terms = atomic.GetTerms(facet);
            if (terms is not null)
            {
                var termsEnum = terms.GetEnumerator();
                DocsEnum? docs = null;
                while (termsEnum.MoveNext())
                {
                    var ids = new List<int>();
                    docs = termsEnum.Docs(atomic.LiveDocs, docs, DocsFlags.NONE);
                    int doc;
                    while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) ids.Add(doc);
                    values[termsEnum.Term.Utf8ToString()] = CompactEncoding.DocSet(ids, maxDoc);
                }
            }
            files.Add(Script("f-" + facet, values));
        }

        // One fragment per document: what a result shows.
        for (var id = 0; id < index.Documents.Count; id++)
        {
            var d = index.Documents[id];
            var facetValues = new JsonObject();
            foreach (var (k, v) in d.Facets.OrderBy(f => f.Key, StringComparer.Ordinal)) facetValues[k] = new JsonArray(v.Select(x => (JsonNode)x).ToArray());
            var fragment = new JsonObject
            {
                ["id"] = d.Id, ["type"] = d.Type, ["url"] = d.Url, ["title"] = d.Title, ["lang"] = d.Language,
                ["summary"] = d.Summary, ["text"] = Truncate(d.Body, SnippetTextLength), ["facets"] = facetValues,
            };
            if (d.SummaryTranslations.Count > 0)
                fragment["summaries"] = new JsonObject(d.SummaryTranslations.OrderBy(t => t.Key, StringComparer.Ordinal)
                    .Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
            files.Add(Script(ShardNames.Document(id), fragment));
        }

        // Metadata last: it names how many term shards there are. (The norm table, 1 / f² of Lucene's
        // SmallFloat byte315 decoding, is computed by search.js from the same bits.)
        var labels = new JsonObject();
        foreach (var (language, facets) in facetLabels.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var perLanguage = new JsonObject();
            foreach (var (facet, map) in facets.OrderBy(f => f.Key, StringComparer.Ordinal))
                perLanguage[facet] = new JsonObject(map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
            labels[language] = perLanguage;
        }
        files.Add(Script("meta", new JsonObject
        {
            ["version"] = FormatVersion,
            ["maxDoc"] = maxDoc,
            ["k1"] = (double)SearchIndex.Similarity.K1,
            ["b"] = (double)SearchIndex.Similarity.B,
            ["fields"] = fields,
            ["languages"] = new JsonArray(languages.Select(l => (JsonNode)l).ToArray()),
            ["termShards"] = termShards,
            ["vocabularyShards"] = vocabularyShards,
            ["questionWords"] = new JsonArray(QueryLexicon.QuestionWords.Select(w => (JsonNode)w).ToArray()),
            ["stopWords"] = new JsonArray(SearchAnalysis.StopWords.Select(w => w.ToString()!).Order(StringComparer.Ordinal).Select(w => (JsonNode)w).ToArray()),
            ["facets"] = new JsonArray(SearchFields.Facets.Select(f => (JsonNode)f).ToArray()),
            ["labels"] = labels,
            ["strings"] = new JsonObject(strings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => KeyValuePair.Create(s.Key,
                (JsonNode?)new JsonObject(s.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)))))),
        }));
        return files;
    }

    /// <summary>
    /// Sorted keys as one string, each written as the length of the prefix it shares with the one before
    /// ('A' + length: keys are lower case) and the rest, separated by commas: "Aab,Cc,Bd" is ab, abc, ad.
    /// </summary>
    public static string FrontCoded(IReadOnlyList<string> keys)
    {
        var sb = new StringBuilder();
        var previous = "";
        foreach (var key in keys)
        {
            var shared = 0;
            while (shared < key.Length && shared < previous.Length && key[shared] == previous[shared]) shared++;
            if (sb.Length > 0) sb.Append(',');
            sb.Append((char)('A' + shared)).Append(key, shared, key.Length - shared);
            previous = key;
        }
        return sb.ToString();
    }

    /// <summary>BM25's idf exactly as Lucene.Net 4.8 computes it (<c>BM25Similarity.Idf</c>, with maxDoc).</summary>
    public static float Idf(long docFreq, long maxDoc) => (float)Math.Log(1 + (maxDoc - docFreq + 0.5D) / (docFreq + 0.5D));

    private static OutputFile Script(string name, JsonNode data) =>
        new(Folder + name + ".js", Encoding.UTF8.GetBytes($"GESearch.add({JsonSerializer.Serialize(name)},{data.ToJsonString(Json)});\n"));

    private static string Truncate(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)] + " …";
    }
}
