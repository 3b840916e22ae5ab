using GobiernoElectronico.Hashing;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Index;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>The search index of one state of the searchable text, and the files exported from it.</summary>
/// <param name="Key">Hash of everything the index and its export are made from.</param>
/// <param name="Files">The Lucene files and the browser's shards, to go into the site (empty when a one-shot build
/// streamed them to its sink, or when the stage holds no file's bytes).</param>
/// <param name="Paths">The paths of those files, when the stage holds no file's bytes (<c>ge serve</c>): the site on
/// disk holds them as the export wrote them.</param>
public sealed record SearchProducts(string Key, SearchIndex Index, IReadOnlyList<OutputFile> Files, IReadOnlyList<string>? Paths = null);

/// <summary>
/// Stage 3, index: the Lucene index of every published document, and its export (the query lexicon, the Lucene
/// files and the browser's shards). Its cache: the last index, reused as it is while the searchable text, the
/// facet labels, the search page's strings and the thesaurus are unchanged (<c>ge serve</c>); for <c>ge build</c>, the
/// build cache's search record, with which the published search files are kept under the same condition
/// (<see cref="Keep"/>). BM25 statistics are corpus-wide, so a change to the text rebuilds the index as a whole, which
/// keeps every build's output exact.
/// </summary>
/// <param name="remember">False for a one-shot build: no key is computed for a next build that will not come, and
/// the exported files go straight to the sink instead of being kept.</param>
/// <param name="holdFiles">For a builder that lives on: whether it keeps the exported files' bytes for the next build
/// (tests, <c>ge pack</c>), or only their paths (<c>ge serve</c>, whose site on disk holds them: at 20,107 documents,
/// 95 MB of search files), then kept in the sink as they are (<see cref="IFileSink.TryKeep"/>) while the key holds.</param>
public sealed class IndexStage(bool remember, bool holdFiles = true) : IDisposable
{
    private SearchProducts? _committed;
    private SharedResource<SearchIndex>? _served;

    /// <summary>The index of the last successful build (for <c>/api/search</c>).</summary>
    public SearchProducts? Committed => _committed;

    /// <summary>The committed index, for readers that may outlive the next commit (<c>ge serve</c>'s search): take a lease.</summary>
    public SharedResource<SearchIndex>? Served => _served;

    /// <summary>The search products for <paramref name="content"/>: the last ones if nothing searchable changed
    /// (<c>Fresh</c> false), else new ones, timed as "search documents", "index" and "search export".</summary>
    /// <param name="sink">Where a one-shot build puts the exported files at once.</param>
    /// <param name="built">Called with a new index as soon as it is built, before its export (<c>ge serve</c> searches it at once).</param>
    /// <param name="cancel">Checked while the search documents and their key are made, between the documents of the index
    /// and once it is built: a build nobody waits for any more stops before its export (an index built stays served, or
    /// is closed when nobody is served it).</param>
    /// <param name="bodiesReleased">Called during the export once the new index's documents have let go of their bodies
    /// (<see cref="SearchIndex.ReleaseBodies"/>): <c>ge serve</c> collects the heap there.</param>
    public (SearchProducts Search, bool Fresh) Run(ContentSet content, IReadOnlyList<Labels> languages, StageTimings timings, IFileSink sink,
        Action<SearchIndex>? built = null, Action? bodiesReleased = null, CancellationToken cancel = default)
    {
        var input = _input ?? Input(content, languages, timings, cancel);
        var (facetLabels, strings, key, documentKeys) = (input.Labels, input.Strings, input.Key, input.DocumentKeys);
        // What the last build's related practices were found with, for the lists of this index (a one-shot build with its record).
        RelatedHistory = _record is { Queries: { Queries.Count: > 0 } queries } record && documentKeys is not null
            ? new RelatedPractices.History(record.Documents, queries, documentKeys) : null;
        var alreadyKept = _kept;
        _input = null;
        _kept = null;
        // Reused only while it is still the index served: one served early by a build that then failed replaced it.
        if (remember && _committed is { } last && last.Key == key && ReferenceEquals(_served?.Value, last.Index))
        {
            if (last.Paths is not { } paths) return (last, false);
            if (_filesForgotten) paths = []; // not the site the last export wrote into: every file is written again
            // The site holds the files as the last export wrote them, unless one was lost or changed there since: then the
            // index is built again and exported, writing every file but those kept before it (the same bytes).
            alreadyKept = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in paths)
                if (!sink.TryKeep(path) || !alreadyKept.Add(path)) break;
            if (paths.Count > 0 && alreadyKept.Count == paths.Count) return (last, false);
        }
        _filesForgotten = false;
        // The lexicon's cache is read while the index is built, and is there when the export makes the lexicon. A builder
        // that lives on (ge serve) keeps no runs of the index between builds (it keeps the whole index), and builds it as
        // one segment: with twenty, its peak over edits made while a settling build ran was 1,100 MiB against 934 MiB at
        // 20,107 documents (ge bench --edits 5). Its Lucene files are then one segment where ge build's are runs; the
        // browser's files and every score are the same (IndexPartitionsTests).
        var words = _lexicon is { } lexicon ? Task.Run(lexicon.Last, CancellationToken.None) : null;
        var index = timings.Time("index", () => BuildIndex(input, content.Thesaurus, words, cancel));
        built?.Invoke(index);
        if (cancel.IsCancellationRequested)
        {
            if (!ReferenceEquals(_served?.Value, index)) index.Dispose();
            cancel.ThrowIfCancellationRequested();
        }
        var files = timings.Time("search export", () =>
        {
            // A one-shot build writes each file as it is made (noting its path for the build cache's record); one that
            // lives on keeps them for the next build, or, when it holds no file's bytes, writes them and keeps their paths.
            var kept = remember && holdFiles ? new List<OutputFile>() : null;
            var paths = _persist is not null || (remember && !holdFiles) ? new List<string>() : null;
            Action<OutputFile> emit = sink.Add;
            if (kept is not null)
                emit = file =>
                {
                    lock (kept) kept.Add(file); // the export emits from both cores
                };
            else if (paths is not null)
                emit = file =>
                {
                    lock (paths) paths.Add(file.Path);
                    if (alreadyKept?.Contains(file.Path) != true) sink.Add(file);
                };
            // The lexicon's files (lexicon.json, the vocabulary shards) the last publish wrote are kept when the lexicon has the same key.
            VocabularyUpdate? vocabularyUpdate = null;
            if (paths is not null && _record is { Vocabulary: { } lastVocabulary }) vocabularyUpdate = new VocabularyUpdate(lastVocabulary, KeepFile);
            // The lexicon is made only as the outline of the last one when it has the last one's input and the site keeps the
            // last one's files (lexicon.json and every vocabulary shard), which are kept then as files kept before the export
            // are (alreadyKept): the export keeps them again without asking the site, or, for a lexicon made whole because one
            // was lost, makes them and writes only that one. Written on this thread while the lexicon is made, after the
            // fragments and before the rest of the export reads it on both cores.
            _outline = vocabularyUpdate is { Last: { InputKey: { } lastInput } last }
                ? inputKey => inputKey == lastInput && KeepLexiconFiles(last) ? last.Key : null
                : null;
            bool KeepLexiconFiles(VocabularyState last)
            {
                var keptBefore = alreadyKept ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var path in last.ShardKeys.Select(shard => BrowserIndexExport.Folder + shard + ".js").Prepend(LuceneFilesExport.Folder + LuceneFilesExport.LexiconFile))
                    if (!keptBefore.Contains(path) && !(sink.TryKeep(path) && keptBefore.Add(path))) return false;
                return true;
            }
            // A fragment the last publish wrote from a document of the same key at the same id is kept as the site holds it.
            Func<int, string, bool>? keepFragment = null;
            if (_record is { Documents: { Count: > 0 } lastDocuments } && documentKeys is not null)
                keepFragment = (id, path) => id < lastDocuments.Count && lastDocuments[id] == documentKeys[id] && KeepFile(path);
            // A one-shot build makes the documents' fragments first, and lets the bodies go as soon as the lexicon has read the
            // documents' words: the rest of the lexicon, where a first build's memory peaks, is made without them (about 60 MB
            // at 20,107 documents). A builder that lives on collects its heap once they are let go, after the lexicon (below).
            var fragmentsFirst = !remember;
            if (fragmentsFirst)
            {
                BrowserIndexExport.Fragments(index, emit, keepFragment);
                index.ReleaseBodiesOnceTheLexiconReadsThem();
            }
            foreach (var file in LuceneFilesExport.Export(index, vocabularyUpdate)) emit(file);
            // The lexicon is made (lexicon.json is its last file): the cache now holds what it read of each document.
            if (words is not null) KeepLexiconCache(Interlocked.Exchange(ref words, null)!);
            // A file of the last publish kept in the site as it holds it (already kept before the export, or kept now), and noted
            // among this export's paths; false when the site no longer holds it as that publish wrote it.
            bool KeepFile(string path)
            {
                if (alreadyKept?.Contains(path) != true && !sink.TryKeep(path)) return false;
                if (paths is not null)
                    lock (paths) paths.Add(path);
                return true;
            }
            // The term shards the last publish wrote are kept, and only those of the terms whose postings or surfaces changed are
            // made again, when the documents keep their ids (as many as then: SearchIndex.ChangedTerms).
            TermShardUpdate? termUpdate = null;
            if (paths is not null && _record is { Terms: { } lastTerms } termRecord && documentKeys is not null
                && termRecord.Documents.Count == documentKeys.Count && index.ChangedTerms is { } changedTerms)
                termUpdate = new TermShardUpdate(lastTerms, changedTerms, termRecord.Files, KeepFile);
            TermShardState? termShards = null;
            VocabularyState? vocabulary = null;
            BrowserIndexExport.Export(index, facetLabels, strings, emit, bodiesRead: () =>
            {
                index.ReleaseBodies();
                bodiesReleased?.Invoke();
            }, keepFragment: keepFragment, termUpdate: termUpdate, termShardsMade: made => termShards = made,
                vocabularyUpdate: vocabularyUpdate, vocabularyMade: made => vocabulary = made, fragmentsMade: fragmentsFirst);
            _outline = null;
            TermShards = termShards;
            Vocabulary = vocabulary;
            if (paths is not null && _persist is not null) _exported = (key, paths, documentKeys ?? [], termShards, vocabulary);
            return (Files: kept is null ? [] : (IReadOnlyList<OutputFile>)[.. kept.OrderBy(f => f.Path, StringComparer.Ordinal)],
                Paths: remember && paths is not null ? (IReadOnlyList<string>)[.. paths.Order(StringComparer.Ordinal)] : null);
        });
        return (new SearchProducts(key, index, files.Files, files.Paths), true);
    }

    /// <summary>What the index is made from, and its key: the search documents (timed as "search documents"), the facets'
    /// labels and the search page's strings per language. The key is made by a builder that lives on, and by a one-shot
    /// build that keeps a search record (<see cref="Persist"/>); otherwise it is empty.</summary>
    private SearchInput Input(ContentSet content, IReadOnlyList<Labels> languages, StageTimings timings, CancellationToken cancel)
    {
        // With the build cache, a body is made when first read: the index, the lexicon and the fragments read only those of
        // the documents whose runs, entries and fragments the cache does not hold.
        var documents = timings.Time("search documents", () => SearchDocuments.From(content, bodiesOnRead: _partitions is not null, cancel: cancel));
        var facetLabels = languages.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l), StringComparer.Ordinal);
        var strings = languages.ToDictionary(l => l.Language, l => l.Section("search.js"), StringComparer.Ordinal);
        var (key, documentKeys) = remember || _persist is not null
            ? timings.Time("search key", () => Key(documents, facetLabels, strings, content.Thesaurus, cancel)) : ("", null);
        return new(documents, facetLabels, strings, key, documentKeys);
    }

    /// <summary>What <see cref="Input"/> makes: the search documents, per language the facets' labels and the search page's
    /// strings, and their key. The documents are taken out once (<see cref="TakeDocuments"/>), by the index built of them.</summary>
    private sealed class SearchInput(IReadOnlyList<SearchDocument> documents,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> labels,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> strings, string key, IReadOnlyList<string>? documentKeys)
    {
        private IReadOnlyList<SearchDocument>? _documents = documents;
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Labels => labels;
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Strings => strings;
        public string Key => key;
        public IReadOnlyList<string>? DocumentKeys => documentKeys;

        /// <summary>The documents, once: this input holds them no more.</summary>
        public IReadOnlyList<SearchDocument> TakeDocuments() =>
            Interlocked.Exchange(ref _documents, null) ?? throw new InvalidOperationException("the search documents were taken already");
    }

    /// <summary>
    /// The index of <paramref name="input"/>'s documents, which it takes: from then on the index alone holds them, and lets go
    /// of their bodies once its export has read them (<see cref="SearchIndex.ReleaseBodies"/>). In a frame of its own, like
    /// <see cref="KeepLexiconCache"/>: when <see cref="Run"/> took the documents into a variable of its own, a temporary of the
    /// JIT's kept the list with every body (about 60 MB at 20,107 documents) through the whole export, whatever the variable
    /// was set to after.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private SearchIndex BuildIndex(SearchInput input, Thesaurus? thesaurus, Task<LexiconCache>? words, CancellationToken cancel) =>
        SearchIndex.Build(input.TakeDocuments(), thesaurus, words is null ? null : () => words.GetAwaiter().GetResult(), _partitions,
            input.DocumentKeys, remember ? int.MaxValue : SearchIndex.PartitionSize, lastKeys: _partitions is null ? null : _record?.Documents,
            outline: _record is { Vocabulary.InputKey: not null } ? inputKey => _outline?.Invoke(inputKey) : null, cancel: cancel);

    /// <summary>While an export after an edit runs: given the lexicon's input key, the last lexicon's output key when the lexicon
    /// may be made only as its outline (<see cref="QueryLexicon.IsOutline"/>), having kept its files; null otherwise.</summary>
    private Func<string, string?>? _outline;

    /// <summary>The key of everything an index and its export are made from: each document's key (<see cref="SearchDocument.Key"/>,
    /// on both cores), then the hash of those with the labels, strings and thesaurus.</summary>
    private static (string Key, string[] Documents) Key(IReadOnlyList<SearchDocument> documents, object labels, object strings, Thesaurus? thesaurus,
        CancellationToken cancel)
    {
        var hashes = new string[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancel }, i => hashes[i] = documents[i].Key());
        return (ContentHash.OfJson(new { documents = hashes, labels, strings, thesaurus }, cancel: cancel), hashes);
    }

    /// <summary>For a one-shot build with the build cache: the index's runs kept by earlier builds (<see cref="IndexPartitions"/>).</summary>
    private IndexPartitions? _partitions;

    /// <summary>Makes a one-shot build (<c>ge build</c>) take the index's runs whose documents are unchanged from
    /// <paramref name="partitions"/>, and keep there the ones it indexes.</summary>
    public void PersistPartitions(IndexPartitions partitions) => _partitions = partitions;

    /// <summary>
    /// Hands the lexicon's cache to where the build keeps it (<see cref="PersistLexicon"/>), which writes it on a thread of its own
    /// and then lets it go. In a frame of its own: the export's code, which the browser's files are made in after this, kept the
    /// cache alive to its end in a temporary of the JIT's (hundreds of MB at 20,000 documents, with the words' analyses), even
    /// once the variable that held it was cleared.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void KeepLexiconCache(Task<LexiconCache> words) => _lexicon!.Value.Keep(words.GetAwaiter().GetResult());

    /// <summary>For a one-shot build with the build cache: the lexicon's cache the last build left, and where this build's goes
    /// once its lexicon is made.</summary>
    private (Func<LexiconCache> Last, Action<LexiconCache> Keep)? _lexicon;

    /// <summary>Makes a one-shot build (<c>ge build</c>) make its lexicon with the cache <paramref name="last"/> gives (read while
    /// the index is built), and hand it to <paramref name="keep"/> once the lexicon is made (<see cref="LexiconCache"/>: what it
    /// keeps depends on the text alone, so keeping it is right whatever the rest of the build does).</summary>
    public void PersistLexicon(Func<LexiconCache> last, Action<LexiconCache> keep) => _lexicon = (last, keep);

    /// <summary>Set by <see cref="ForgetFiles"/> until the next export.</summary>
    private bool _filesForgotten;

    /// <summary>For a stage that keeps only its files' paths: the site the next build writes into is not the one the last
    /// export wrote into (another build published there since), so its files are not kept from it; the index is built and
    /// exported again.</summary>
    public void ForgetFiles() => _filesForgotten = true;

    /// <summary>What <see cref="Input"/> made for <see cref="Run"/> when <see cref="Keep"/> could not keep the search files.</summary>
    private SearchInput? _input;

    /// <summary>The search record of the build that published the site, read when asked (a one-shot build with the build cache).</summary>
    private Func<SearchRecord>? _persist;

    /// <summary>The key, the files and the documents' keys of this build's export, for its record.</summary>
    private (string Key, List<string> Files, IReadOnlyList<string> Documents, TermShardState? Terms, VocabularyState? Vocabulary)? _exported;

    /// <summary>The lexicon's files of the last export (<c>ge build</c> with its build cache): their key, and whether they were kept.</summary>
    public VocabularyState? Vocabulary { get; private set; }

    /// <summary>The term shards of the last export: how many, and how many it made rather than kept.</summary>
    public TermShardState? TermShards { get; private set; }

    /// <summary>The search record of the publication being updated, once <see cref="Keep"/> read it.</summary>
    private SearchRecord? _record;

    /// <summary>Makes a one-shot build (<c>ge build</c>) start from the search record <paramref name="last"/> gives (that of the
    /// build that published the site: <see cref="Keep"/>), and make a record of its own (<see cref="Recorded"/>).</summary>
    public void Persist(Func<SearchRecord> last) => _persist = last;

    /// <summary>
    /// For a one-shot build with a search record (<see cref="Persist"/>): when the searchable input has the key the record
    /// was made for, and the site still holds every file of the record as the last publish wrote it, those files are kept
    /// in <paramref name="sink"/> as they are (timed as "search kept"), and the record's related practices are returned:
    /// the index they were made from is the one this input would build, byte for byte. Null otherwise, and <see cref="Run"/>
    /// then builds the index from what this call made.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Keep(ContentSet content, IReadOnlyList<Labels> languages, StageTimings timings, IFileSink sink,
        CancellationToken cancel = default)
    {
        if (_persist is not { } persist) return null;
        var input = Input(content, languages, timings, cancel);
        var record = _record = persist();
        // A file the site lost (or that was changed by hand since) stops the keeping: the index is built and exported, and
        // the export writes every file but those kept before it (the same bytes: the key is the same).
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (record.Key != input.Key || record.Files.Count == 0
            || !timings.Time("search kept", () => record.Files.All(path => sink.TryKeep(path) && kept.Add(path))))
        {
            _input = input;
            _kept = kept;
            return null;
        }
        _exported = (record.Key, [.. record.Files], record.Documents, record.Terms, record.Vocabulary);
        _keptQueries = record.Queries;
        return record.Related;
    }

    /// <summary>For the related practices of the index <see cref="Run"/> builds: what the last build's lists were found with
    /// (its search record), null when there is none.</summary>
    public RelatedPractices.History? RelatedHistory { get; private set; }

    /// <summary>The files <see cref="Keep"/> kept before it found one it could not keep: the export does not write them again.</summary>
    private HashSet<string>? _kept;

    /// <summary>The search record of this build, for the next (<see cref="Persist"/>): its key, the files exported or kept, and
    /// <paramref name="related"/>, the related practices of its index; null when the stage keeps none.</summary>
    /// <param name="queries">The related practices' queries and the fields' average lengths (<see cref="RelatedPractices.Job"/>),
    /// when found in a new index; those of the record kept otherwise.</param>
    public SearchRecord? Recorded(string site, IReadOnlyDictionary<string, IReadOnlyList<string>> related,
        RelatedPractices.QuerySet? queries = null) =>
        _exported is { } exported
            ? new SearchRecord(site, exported.Key, exported.Files, related, exported.Documents, queries ?? _keptQueries, exported.Terms, exported.Vocabulary)
            : null;

    /// <summary>The related practices' queries of the search record kept whole (<see cref="Keep"/>).</summary>
    private RelatedPractices.QuerySet? _keptQueries;

    /// <summary>
    /// Serves the index served now with <paramref name="edited"/> put in place of their earlier versions
    /// (<see cref="SearchIndex.Updated"/>): <c>ge serve</c> finds an edit's words in a fraction of a second, while the
    /// settling build makes the exact index. Nothing is committed: the next build starts from the last committed one.
    /// </summary>
    /// <returns>False when there is nothing to do: no index served, or the documents index as they did.</returns>
    public bool ServeUpdate(IReadOnlyCollection<SearchDocument> edited)
    {
        if (_served is not { Disposed: false } served || edited.Count == 0) return false;
        var current = served.Value;
        var last = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        foreach (var d in current.Documents) last[d.Id] = d; // the later version of an id updated before wins
        // An exported index keeps the hash of a body, not its text (SearchIndex.ReleaseBodies).
        var changed = edited.Where(d => !last.TryGetValue(d.Id, out var was)
            || !(d.Body == was.Body ? d : d.WithBodyHash()).SameAs(was)).ToList();
        if (changed.Count == 0) return false;
        var updated = current.Updated(changed);
        Search.EngineParts.Prepare(updated); // extended from the served index's parts, which go when it is closed
        Serve(updated);
        return true;
    }

    /// <summary>After a successful build: <paramref name="search"/> becomes the index served; the one it replaces
    /// is closed once no reader can still be using it.</summary>
    public void Commit(SearchProducts search)
    {
        if (ReferenceEquals(search, _committed)) return;
        _committed = search;
        Serve(search.Index);
    }

    /// <summary>Serves <paramref name="index"/> from now on (a new index, before the rest of its build is done); the one
    /// it replaces is closed once no reader can still be using it.</summary>
    public void Serve(SearchIndex index)
    {
        if (_served is { } served && ReferenceEquals(served.Value, index)) return;
        _served?.Retire();
        _served = new SharedResource<SearchIndex>(index);
    }

    /// <summary>After a failed build: a fresh index nobody uses is closed at once (one already served is closed when
    /// it is replaced).</summary>
    public void Abandon(SearchProducts search)
    {
        if (!ReferenceEquals(search, _committed) && !ReferenceEquals(_served?.Value, search.Index)) search.Index.Dispose();
    }

    public void Dispose() => _served?.Retire();
}
