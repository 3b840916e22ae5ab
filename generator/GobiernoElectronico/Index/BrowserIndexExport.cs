using System.Buffers;
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
        var files = new List<OutputFile>();
        Export(index, facetLabels, strings, file =>
        {
            lock (files) files.Add(file);
        }, ownFileFrom);
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Exports as above, handing each file to <paramref name="emit"/> as soon as it is made (<c>ge build</c>
    /// writes it at once) instead of keeping them all: the same files. The vocabulary shards and the documents'
    /// fragments are made on both cores, so <paramref name="emit"/> may be called from two threads at once, in no
    /// particular order. <paramref name="bodiesRead"/> is called once the documents' bodies have been read for the last
    /// time (the caller may release them: <see cref="SearchIndex.ReleaseBodies"/>). <paramref name="keepFragment"/>, given a
    /// document's id and the path of its fragment, says whether the caller kept that file as the site holds it (made from
    /// the same document): the fragment is then not made, nor its body read. <paramref name="fragmentsMade"/>: the caller made
    /// the fragments already (<see cref="Fragments"/>), before the lexicon.</summary>
    public static void Export(SearchIndex index,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> facetLabels,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings, Action<OutputFile> emit, int ownFileFrom = OwnFileFrom,
        Action? bodiesRead = null, Func<int, string, bool>? keepFragment = null, TermShardUpdate? termUpdate = null,
        Action<TermShardState>? termShardsMade = null, VocabularyUpdate? vocabularyUpdate = null, Action<VocabularyState>? vocabularyMade = null,
        bool fragmentsMade = false)
    {
        var reader = index.Reader;
        if (reader.HasDeletions) throw new InvalidOperationException("the index must have no deleted documents");
        var maxDoc = reader.MaxDoc;

        // One fragment per document: what a result shows. Made first, so that the documents' bodies, needed no more once
        // the lexicon and the fragments are made, are let go (bodiesRead) before the vocabulary's and the terms' shards are.
        if (!fragmentsMade) Fragments(index, emit, keepFragment);
        bodiesRead?.Invoke();

        // Vocabulary: the lexicon's surface forms → Lucene's term per language (content, inflections, thesaurus).
        var lexicon = index.Lexicon;
        var languages = Schema.Vocabulary.Languages;
        // Each term's surfaces in order: the surfaces are taken in order, so each list is made sorted (at 20,107 documents, a
        // sorted set per term was 100,000 trees). Those of every term; after an edit that left the lexicon as it was (its key is
        // the last export's), only those of the term shards made again (SurfacesOf below): the others' are the last export's.
        var surfacesOfTerm = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IEnumerable<string> contentSurfaces = lexicon.ContentSurfaces switch
        {
            SortedWords words => words,
            SortedSet<string> sorted when ReferenceEquals(sorted.Comparer, StringComparer.Ordinal) => sorted,
            var other => new SortedSet<string>(other, StringComparer.Ordinal),
        };
        void SurfacesOf(bool[]? shards)
        {
            surfacesOfTerm.Clear();
            foreach (var surface in contentSurfaces)
            {
                var terms = lexicon.Vocabulary[surface];
                for (var l = 0; l < terms.Length; l++)
                {
                    if (terms[l] is not { } t || Array.IndexOf(terms, t, 0, l) >= 0) continue; // a term once per surface
                    if (shards is not null && !shards[ShardNames.TermShard(t, shards.Length)]) continue;
                    ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(surfacesOfTerm, t, out _);
                    (list ??= new List<string>(1)).Add(surface);
                }
            }
        }
        var sameLexicon = vocabularyUpdate is { } lastVocabulary && lastVocabulary.Holds(lexicon);
        var updatesTerms = termUpdate is { Last: { Count: > 0 } lastTerms } && lastTerms.Sizes.Length == lastTerms.Count && lastTerms.Surfaces.Length == lastTerms.Count;
        if (!(sameLexicon && updatesTerms)) SurfacesOf(null);

        // After an edit (vocabularyUpdate), a lexicon with the last one's key has the same vocabulary shards: they are kept as the
        // site holds them. Else (or when the site no longer holds one of them) every shard is made, but those kept.
        var keptShards = new HashSet<string>(StringComparer.Ordinal);
        var keptAll = vocabularyUpdate is { } update && update.Holds(lexicon) && KeepAll(update);
        var vocabularyKeys = keptAll ? [.. vocabularyUpdate!.Last.ShardKeys] : MakeVocabularyShards();
        if (lexicon.OutputKey is { } outputKey)
            vocabularyMade?.Invoke(new VocabularyState(outputKey, vocabularyKeys, keptAll, lexicon.InputKey, lexicon.IsOutline));
        bool KeepAll(VocabularyUpdate update)
        {
            foreach (var key in update.Last.ShardKeys)
                if (update.Keep(Folder + key + ".js")) keptShards.Add(Folder + key + ".js");
            return keptShards.Count == update.Last.ShardKeys.Count;
        }
        List<string> MakeVocabularyShards()
        {
            // Vocabulary shards by the first two letters; a large one is split by the next letter, again while
            // large, up to four letters, so that a query loads a few KB per word. The keys go to meta as one
            // string ("ab,tra,trab,…"): the browser takes a word's longest listed key, and reads every key of a
            // two-letter group to correct an unknown word, or every key under a prefix to complete it.
            var shards = new VocabularyShards(lexicon.Entries);
            var parts = shards.Parts;
            // The thesaurus travels with the vocabulary, under the key "" of the shards whose words can begin a phrase.
            var phrases = lexicon.PhrasesByShard(shards.ShardOf());
            var keys = parts.Select(p => p.Key).ToList();
            // Each shard's JSON written straight to its bytes, as a tree of its entries would be written (the same encoder).
            Parallel.ForEach(parts, part =>
            {
                var json = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = Json.Encoder }))
                {
                    writer.WriteStartObject();
                    if (phrases.TryGetValue(part.Key, out var carried))
                    {
                        writer.WritePropertyName("");
                        carried.WriteTo(writer, Json);
                    }
                    foreach (var (surface, entry) in shards.Entries(part)) writer.WriteString(surface, entry);
                    writer.WriteEndObject();
                }
                if (!keptShards.Contains(Folder + part.Key + ".js")) emit(Script(part.Key, json.WrittenSpan.ToArray()));
            });
            return keys;
        }
        var vocabularyShards = FrontCoded(vocabularyKeys.Select(k => k[2..]).ToList());

        // Terms: per term, per physical field, [idf, doc delta, freq, norm, …]. Each term's entry is kept as its JSON
        // text (UTF-8) rather than as a JSON tree: at 20,000 documents the trees of every term were hundreds of MB.
        var fields = new JsonArray();
        var termEntries = new Dictionary<string, TermEntry>(StringComparer.Ordinal);
        using var json = new JsonText();
        var textFields = new List<(string Field, byte[] Name, Dictionary<AtomicReader, NumericDocValues> Norms)>();
        foreach (var field in SearchFields.PhysicalTextFields)
        {
            var stats = index.Searcher.CollectionStatistics(field);
            var avgdl = LuceneBm25.AverageFieldLength(stats.SumTotalTermFreq, stats.MaxDoc);
            var (logical, language) = SearchFields.Split(field)!.Value;
            fields.Add(new JsonObject { ["name"] = field, ["field"] = logical, ["lang"] = language, ["boost"] = SearchFields.BoostOf(logical), ["avgdl"] = (double)avgdl });
            var normsOf = new Dictionary<AtomicReader, NumericDocValues>(ReferenceEqualityComparer.Instance);
            foreach (var leaf in reader.Leaves)
                if (leaf.AtomicReader.GetNormValues(field) is { } values) normsOf[leaf.AtomicReader] = values;
            textFields.Add((field, json.PropertyName(field), normsOf));
        }
        // The entries of the terms of the shards wanted (of every term without them), field by field. Each segment skips the terms
        // of the other shards on its own, each term's shard found from its characters, decoded into one buffer: after an edit at
        // 20,107 documents the shards wanted are a few dozen, and merging every term of the twenty segments in order to keep theirs
        // was half of the export's time after the lexicon.
        var chars = new char[256];
        void Walk(bool[]? wanted)
        {
            foreach (var (field, fieldName, normsOf) in textFields)
            {
                // The segments in order (consecutive runs of documents): a term's postings are each segment's, its document ids
                // moved by the segment's first, and its document frequency their sum.
                var encoded = new StringBuilder();
                var docsOf = new Dictionary<AtomicReader, DocsEnum>(ReferenceEqualityComparer.Instance); // reused within a segment
                SegmentTerms.Walk(reader, field, (bytes, holders) =>
                {
                    var term = bytes.Utf8ToString();
                    encoded.Clear();
                    var previous = 0;
                    var docFreq = 0;
                    foreach (var holder in holders)
                    {
                        docFreq += holder.Terms.DocFreq;
                        var norms = normsOf[holder.Reader];
                        var docs = docsOf[holder.Reader] = holder.Terms.Docs(null, docsOf.GetValueOrDefault(holder.Reader), DocsFlags.FREQS);
                        int doc;
                        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                        {
                            var id = holder.DocBase + doc;
                            CompactEncoding.AppendVarint(encoded, id - previous);
                            CompactEncoding.AppendVarint(encoded, docs.Freq);
                            CompactEncoding.AppendVarint(encoded, (sbyte)norms.Get(doc) & 0xFF);
                            previous = id;
                        }
                    }
                    if (!termEntries.TryGetValue(term, out var entry))
                        termEntries[term] = entry = new TermEntry(json.Array(surfacesOfTerm.GetValueOrDefault(term) ?? []));
                    entry.Add(fieldName, json.Postings(LuceneBm25.Idf(docFreq, maxDoc), docFreq, encoded));
                }, wanted is null ? null : bytes =>
                {
                    return wanted[ShardNames.TermShard(SegmentTerms.Decode(bytes, ref chars), wanted.Length)];
                });
            }
        }

        // After an edit (termUpdate), only the shards of the terms whose postings or surfaces changed are made again, and the
        // others kept as the site holds them, while the count of shards (made from the size of every entry) is the last
        // export's: the unchanged shards' sizes are the last export's, the others' are measured now. Else every shard is made.
        bool[]? make = null;
        long[]? sizes = null;
        ulong[]? surfaces = null;
        var termShards = 0;
        var keptFiles = new HashSet<string>(StringComparer.Ordinal);
        // What a term and its entry add to its shard's size (from which the count of shards is made).
        static long SizeOf(KeyValuePair<string, TermEntry> term) => term.Key.Length + term.Value.JsonLength;
        void AddSizes(long[] into)
        {
            foreach (var term in termEntries) into[ShardNames.TermShard(term.Key, into.Length)] += SizeOf(term);
        }
        if (updatesTerms && termUpdate is { Last: var last })
        {
            var count = last.Count;
            // The same lexicon gives every term the surfaces it had: the shards' hashes of them are the last export's.
            surfaces = sameLexicon ? (ulong[])last.Surfaces.Clone() : TermShardState.SurfaceHashes(surfacesOfTerm, count);
            var changed = new bool[count];
            for (var i = 0; i < count; i++) changed[i] = surfaces[i] != last.Surfaces[i];
            foreach (var term in termUpdate.ChangedTerms) changed[ShardNames.TermShard(term, count)] = true;
            if (sameLexicon) SurfacesOf(changed);
            Walk(changed);
            var measured = (long[])last.Sizes.Clone();
            for (var i = 0; i < count; i++)
                if (changed[i]) measured[i] = 0;
            AddSizes(measured);
            if (TermShardState.CountFor(measured.Sum()) == count)
            {
                // The unchanged shards' files kept; a shard the site no longer holds whole is made again too (its files that are
                // still there are kept: the same bytes).
                var lastFiles = TermFilesOf(termUpdate.LastFiles);
                var remake = new bool[count];
                var remade = false;
                for (var i = 0; i < count; i++)
                {
                    if (changed[i]) continue;
                    foreach (var path in lastFiles.GetValueOrDefault(i) ?? [Folder + $"t-{i}.js"])
                        if (termUpdate.Keep(path)) keptFiles.Add(path);
                        else remake[i] = remade = true;
                }
                if (remade && sameLexicon) SurfacesOf(remake);
                if (remade) Walk(remake);
                for (var i = 0; i < count; i++) changed[i] |= remake[i];
                (make, sizes, termShards) = (changed, measured, count);
            }
            else termEntries.Clear(); // the count moves: every shard is made
        }
        if (make is null)
        {
            if (sameLexicon) SurfacesOf(null);
            Walk(null);
            termShards = TermShardState.CountFor(termEntries.Sum(SizeOf));
            AddSizes(sizes = new long[termShards]);
            surfaces = null; // hashed for the last export's count, which moved
        }
        var sortedTerms = termEntries.Keys.ToArray();
        Array.Sort(sortedTerms, StringComparer.Ordinal);
        var byShard = sortedTerms.ToLookup(term => ShardNames.TermShard(term, termShards));
        var made = 0;
        for (var i = 0; i < termShards; i++)
        {
            if (make is not null && !make[i]) continue;
            made++;
            // Every term shard is written, even an empty one, so the browser never asks for a missing file.
            // A term whose postings are large gets a file of its own, which the shard names ({"r": …}): a
            // query that needs a small term of the shard does not pay for a big one's postings.
            var name = $"t-{i}";
            var data = new List<(byte[] Key, byte[] Value)>();
            var own = 0;
            foreach (var term in byShard[i])
            {
                var entry = termEntries[term];
                termEntries.Remove(term); // what is written is let go as the shards are made
                var bytes = entry.ToJson();
                if (entry.JsonLength <= ownFileFrom) { data.Add((json.PropertyName(term), bytes)); continue; }
                var file = $"{name}-{own++}";
                data.Add((json.PropertyName(term), Encoding.UTF8.GetBytes($"{{\"r\":{JsonSerializer.Serialize(file, Json)}}}")));
                if (!keptFiles.Contains(Folder + file + ".js")) emit(Script(file, bytes));
            }
            if (!keptFiles.Contains(Folder + name + ".js")) emit(Script(name, JsonText.Object(data)));
        }
        termShardsMade?.Invoke(new TermShardState(termShards, sizes!, surfaces ?? TermShardState.SurfaceHashes(surfacesOfTerm, termShards), made));

        // Facets: one shard per facet; value → doc-id set (CompactEncoding.DocSet).
        foreach (var facet in SearchFields.Facets)
        {
            // Each value's documents over the segments, moved by each segment's first; the values in the index's order of terms.
            var values = new JsonObject();
            var docsOf = new Dictionary<AtomicReader, DocsEnum>(ReferenceEqualityComparer.Instance); // reused within a segment
            SegmentTerms.Walk(reader, facet, (value, holders) =>
            {
                var ids = new List<int>();
                foreach (var holder in holders)
                {
                    var docs = docsOf[holder.Reader] = holder.Terms.Docs(null, docsOf.GetValueOrDefault(holder.Reader), DocsFlags.NONE);
                    int doc;
                    while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) ids.Add(holder.DocBase + doc);
                }
                values[value.Utf8ToString()] = CompactEncoding.DocSet(ids, maxDoc);
            });
            emit(Script("f-" + facet, values));
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
        emit(Script("meta", new JsonObject
        {
            ["version"] = FormatVersion,
            ["maxDoc"] = maxDoc,
            ["k1"] = (double)LuceneBm25.K1,
            ["b"] = (double)LuceneBm25.B,
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
    }

    /// <summary>The term shards' files among an export's paths, by shard: <c>t-n.js</c> and its terms' own files <c>t-n-k.js</c>.</summary>
    private static Dictionary<int, List<string>> TermFilesOf(IEnumerable<string> paths)
    {
        var byShard = new Dictionary<int, List<string>>();
        foreach (var path in paths)
        {
            if (!path.StartsWith(Folder + "t-", StringComparison.Ordinal) || !path.EndsWith(".js", StringComparison.Ordinal)) continue;
            var name = path.AsSpan((Folder + "t-").Length, path.Length - (Folder + "t-").Length - ".js".Length);
            var dash = name.IndexOf('-');
            if (!int.TryParse(dash < 0 ? name : name[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shard)) continue;
            if (!byShard.TryGetValue(shard, out var files)) byShard[shard] = files = [];
            files.Add(path);
        }
        return byShard;
    }

    /// <summary>Each document's fragment, handed to <paramref name="emit"/> (on both cores), but those
    /// <paramref name="keepFragment"/> keeps. In a frame of its own: the list of documents read here (every body) is then
    /// held by no temporary of the export's once the bodies are let go.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Fragments(SearchIndex index, Action<OutputFile> emit, Func<int, string, bool>? keepFragment = null)
    {
        Parallel.For(0, index.Documents.Count, id =>
        {
            if (keepFragment is not null && keepFragment(id, Folder + ShardNames.Document(id) + ".js")) return;
            var d = index.Documents[id];
            var facetValues = new JsonObject();
            foreach (var (k, v) in d.Facets.OrderBy(f => f.Key, StringComparer.Ordinal)) facetValues[k] = new JsonArray(v.Select(x => (JsonNode)x).ToArray());
            var fragment = new JsonObject
            {
                ["id"] = d.Id, ["type"] = d.Type, ["url"] = d.Url, ["title"] = d.Title, ["lang"] = d.Language,
                ["summary"] = d.Summary, ["text"] = Truncate(d.BodyStart(SnippetTextLength + 1), SnippetTextLength), ["facets"] = facetValues,
            };
            if (d.SummaryTranslations.Count > 0)
                fragment["summaries"] = new JsonObject(d.SummaryTranslations.OrderBy(t => t.Key, StringComparer.Ordinal)
                    .Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
            emit(Script(ShardNames.Document(id), fragment));
        });
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

    private static OutputFile Script(string name, JsonNode data) =>
        new(Folder + name + ".js", Encoding.UTF8.GetBytes($"GESearch.add({JsonSerializer.Serialize(name)},{data.ToJsonString(Json)});\n"));

    /// <summary>The same script around JSON already written (UTF-8).</summary>
    private static OutputFile Script(string name, byte[] json)
    {
        var head = Encoding.UTF8.GetBytes($"GESearch.add({JsonSerializer.Serialize(name)},");
        var bytes = new byte[head.Length + json.Length + 3];
        head.CopyTo(bytes, 0);
        json.CopyTo(bytes, head.Length);
        ");\n"u8.CopyTo(bytes.AsSpan(head.Length + json.Length));
        return new(Folder + name + ".js", bytes);
    }

    /// <summary>One term's entry, <c>{"s":[surfaces],"f":{field:[idf,docFreq,postings],…}}</c>, kept as JSON text: the
    /// surfaces' array and each field's postings, in the order of the fields.</summary>
    private sealed class TermEntry(byte[] surfaces)
    {
        private readonly List<(byte[] Field, byte[] Postings)> _fields = new(1);

        /// <summary>Characters of the entry's JSON (as a string's length: what the shard sizes were always counted in).</summary>
        public int JsonLength { get; private set; } = "{\"s\":,\"f\":{}}".Length + Encoding.UTF8.GetCharCount(surfaces);

        public void Add(byte[] field, byte[] postings)
        {
            JsonLength += (_fields.Count > 0 ? 1 : 0) + Encoding.UTF8.GetCharCount(field) + 1 + postings.Length;
            _fields.Add((field, postings));
        }

        public byte[] ToJson()
        {
            var json = new ArrayBufferWriter<byte>();
            json.Write("{\"s\":"u8);
            json.Write(surfaces);
            json.Write(",\"f\":"u8);
            JsonText.WriteObject(json, _fields);
            json.Write("}"u8);
            return json.WrittenSpan.ToArray();
        }
    }

    /// <summary>JSON pieces written as <see cref="JsonNode.ToJsonString"/> writes them with <see cref="Json"/>'s encoder.</summary>
    private sealed class JsonText : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly Utf8JsonWriter _writer;

        public JsonText() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Json.Encoder });

        private byte[] Take()
        {
            _writer.Flush();
            var bytes = _buffer.WrittenSpan.ToArray();
            _buffer.Clear();
            _writer.Reset(_buffer);
            return bytes;
        }

        public void Dispose() => _writer.Dispose();

        /// <summary>A string as a property name, quoted and escaped, without the colon.</summary>
        public byte[] PropertyName(string name)
        {
            _writer.WriteStringValue(name);
            return Take();
        }

        public byte[] Array(IEnumerable<string> values)
        {
            _writer.WriteStartArray();
            foreach (var v in values) _writer.WriteStringValue(v);
            _writer.WriteEndArray();
            return Take();
        }

        public byte[] Postings(float idf, int docFreq, StringBuilder encoded)
        {
            _writer.WriteStartArray();
            _writer.WriteNumberValue((double)idf);
            _writer.WriteNumberValue(docFreq);
            _writer.WriteStringValue(encoded.ToString());
            _writer.WriteEndArray();
            return Take();
        }

        /// <summary>An object of properties already written: <c>{key:value,…}</c>.</summary>
        public static byte[] Object(List<(byte[] Key, byte[] Value)> properties)
        {
            var json = new ArrayBufferWriter<byte>();
            WriteObject(json, properties);
            return json.WrittenSpan.ToArray();
        }

        /// <summary>Writes <c>{key:value,…}</c> of properties already written into <paramref name="json"/>.</summary>
        public static void WriteObject(ArrayBufferWriter<byte> json, List<(byte[] Key, byte[] Value)> properties)
        {
            json.Write("{"u8);
            for (var i = 0; i < properties.Count; i++)
            {
                if (i > 0) json.Write(","u8);
                json.Write(properties[i].Key);
                json.Write(":"u8);
                json.Write(properties[i].Value);
            }
            json.Write("}"u8);
        }
    }

    private static string Truncate(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)] + " …";
    }
}
