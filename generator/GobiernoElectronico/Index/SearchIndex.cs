using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GobiernoElectronico.Index;

/// <summary>
/// Stage 3, index: the Lucene index of every published document, built in memory in one segment so that
/// document ids follow the order of <see cref="SearchDocuments.From"/>. The render stage asks it for related
/// practices; the export writes its files and the browser's shards into the site.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    /// <summary>The similarity of every search: BM25 with Lucene's defaults (k1 = 1.2, b = 0.75).</summary>
    public static readonly BM25Similarity Similarity = new();

    static SearchIndex() => DeterministicCodec.Register();

    /// <param name="lexicon">Makes the lexicon of this index, on first use.</param>
    private SearchIndex(LuceneDirectory directory, DirectoryReader reader, IReadOnlyList<SearchDocument> documents, Func<SearchIndex, QueryLexicon> lexicon)
    {
        if (documents.Count != reader.MaxDoc) throw new InvalidOperationException($"{documents.Count} documents for an index of {reader.MaxDoc}");
        _lexicon = new Lazy<QueryLexicon>(() => lexicon(this));
        _directory = directory;
        Documents = documents;
        _reader = reader;
        _searcher = new IndexSearcher(reader) { Similarity = Similarity };
        Segments = reader.Leaves.ToDictionary(l => ((SegmentReader)l.AtomicReader).SegmentName, l => (l.DocBase, l.AtomicReader.MaxDoc), StringComparer.Ordinal);
    }

    /// <summary>Each segment's first document id and number of documents, by the segment's name (one segment for a
    /// built index; an updated one has a segment per update, less those whose documents were all updated again).</summary>
    public IReadOnlyDictionary<string, (int Start, int Count)> Segments { get; }

    /// <summary>Null once the index is closed: the lexicon of an index nobody can search any more is let go with it.</summary>
    private Lazy<QueryLexicon>? _lexicon;

    /// <summary>The index's files (in memory). Like <see cref="Reader"/> and <see cref="Searcher"/>, not there once the index
    /// is closed: a closed reader still refers to every file it read (the index of 20,000 documents is 30 MB, and <c>ge
    /// serve</c> refers to its last committed index while it settles an edit).</summary>
    public LuceneDirectory Directory => _directory ?? throw ClosedError();

    private LuceneDirectory? _directory;

    /// <summary>The vocabulary, thesaurus and question words every engine plans queries with (made on first use).</summary>
    public QueryLexicon Lexicon => (_lexicon ?? throw ClosedError()).Value;

    /// <summary>The indexed documents; the position in this list is the Lucene document id.</summary>
    public IReadOnlyList<SearchDocument> Documents { get; private set; }

    /// <summary>
    /// Once the lexicon is made, the documents' body text is needed no more (the index has it): each body is
    /// replaced by its hash, enough to tell whether a document changed. At 20,107 documents the plain text of
    /// the bodies is about 60 MB as UTF-8. Once only (<see cref="ReleaseBodiesOnceTheLexiconReadsThem"/>).
    /// </summary>
    public void ReleaseBodies()
    {
        _ = Lexicon;
        LetBodiesGo();
    }

    /// <summary>
    /// For an index whose documents' fragments are made (a one-shot build's export makes them first): the bodies are let go
    /// (<see cref="ReleaseBodies"/>) as soon as the lexicon has read the documents' words, rather than once it is made. Its
    /// likely inflections, families and entries, where a first build's memory peaks, are then made without them. Nothing
    /// when the lexicon is made already.
    /// </summary>
    public void ReleaseBodiesOnceTheLexiconReadsThem() => Volatile.Write(ref _releaseOnRead, true);

    private bool _releaseOnRead;

    /// <summary>Called by the lexicon once it has read the documents' words.</summary>
    private void LexiconReadDocuments()
    {
        if (Volatile.Read(ref _releaseOnRead)) LetBodiesGo();
    }

    private int _bodiesReleased;

    private void LetBodiesGo()
    {
        if (Interlocked.Exchange(ref _bodiesReleased, 1) == 0) Documents = Documents.Select(d => d.WithBodyHash()).ToList();
    }

    public DirectoryReader Reader => _reader ?? throw ClosedError();

    private DirectoryReader? _reader;

    /// <summary>For an index built from runs, given the keys of the documents of the last published build (<see cref="Build"/>):
    /// every term whose postings differ from that build's index. Those are the terms of the runs whose documents are not that
    /// build's at their place, each compared with that build's run as the cache holds it (<see cref="RunDifference"/>), while
    /// the documents are as many as then (every other document then keeps its id). Null when that is not known.</summary>
    internal IReadOnlySet<string>? ChangedTerms { get; private init; }

    /// <summary>How many documents <see cref="Build"/> indexed, rather than finding their runs in the build cache: what building
    /// the index left to collect (the analysed tokens, Lucene's buffers of postings) grows with it.</summary>
    public int DocumentsIndexed { get; private init; }

    /// <summary>The index this one was made from by <see cref="Updated"/> (not kept alive by it); null for a built one.</summary>
    public WeakReference<SearchIndex>? UpdatedFrom { get; private init; }

    public IndexSearcher Searcher => _searcher ?? throw ClosedError();

    private IndexSearcher? _searcher;

    private static ObjectDisposedException ClosedError() => new(nameof(SearchIndex), "the index is closed");

    /// <summary>
    /// Builds the index of <paramref name="documents"/> in memory, as consecutive runs of documents (<see cref="PartitionsOf"/>),
    /// each indexed on its own into one segment and then joined in order (<c>IndexWriter.AddIndexes</c>): document ids still
    /// follow the order of the documents, and the searcher sums the statistics of the segments, so every score and every
    /// file exported from the index is what one segment gives. A run whose documents are unchanged is taken as it is from
    /// <paramref name="partitions"/> (the build cache), so that a build after an edit indexes only the edited document's run.
    /// The joined index is the same byte for byte whichever runs came from the cache.
    /// </summary>
    /// <param name="words">Gives, when the lexicon is made, what earlier lexicons read of the documents
    /// (<see cref="LexiconCache"/>); null: the lexicon reads every document.</param>
    /// <param name="partitions">Runs indexed by earlier builds, by the key of their documents, and where this build's go.</param>
    /// <param name="keys">A key of each document's whole input to the index (with <paramref name="partitions"/>).</param>
    /// <param name="partitionSize">How many documents a run holds on average (<see cref="PartitionSize"/>; tests use less).</param>
    /// <param name="cancel">Checked between documents: a build nobody waits for any more stops (nothing is kept).</param>
    /// <param name="lastKeys">With <paramref name="partitions"/>: the keys of the last build's documents, whose runs the cache
    /// holds, for <see cref="ChangedTerms"/>.</param>
    /// <param name="outline">For the lexicon (<see cref="QueryLexicon.Build"/>): the last lexicon's output key when it had the
    /// same input and the site keeps its files; the lexicon is then only its outline.</param>
    public static SearchIndex Build(IReadOnlyList<SearchDocument> documents, Model.Thesaurus? thesaurus = null, Func<LexiconCache>? words = null,
        IndexPartitions? partitions = null, IReadOnlyList<string>? keys = null, int partitionSize = PartitionSize, IReadOnlyList<string>? lastKeys = null,
        Func<string, string?>? outline = null, CancellationToken cancel = default)
    {
        if (partitions is not null && keys?.Count != documents.Count) throw new ArgumentException("a key for each document", nameof(keys));
        var runs = PartitionsOf(documents, partitionSize);
        var directories = new LuceneDirectory[runs.Count];
        var runKeys = partitions is null ? null : runs.Select(r => IndexPartitions.KeyOf(keys!.Skip(r.Start).Take(r.Count))).ToArray();
        try
        {
            var toIndex = new List<int>();
            for (var i = 0; i < runs.Count; i++)
                if (runKeys is not null && partitions!.Find(runKeys[i]) is { } kept) directories[i] = kept;
                else toIndex.Add(i);
            // Each run is indexed by a writer and an analyser of its own (two threads): one run at a time per pair of cores.
            try
            {
                // Bodies made on read (ge build with its cache) are made first, on every core, as the search documents make
                // theirs: the analyser would make them one after another.
                var unmade = toIndex.SelectMany(i => Enumerable.Range(runs[i].Start, runs[i].Count)).Where(d => !documents[d].BodyMade).ToList();
                if (unmade.Count > 0)
                    Parallel.ForEach(unmade, new ParallelOptions { CancellationToken = cancel }, d => documents[d].MakeBody());
                Parallel.ForEach(toIndex, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) },
                    i => directories[i] = IndexRun(documents, runs[i].Start, runs[i].Count, cancel));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1 || cancel.IsCancellationRequested)
            {
                cancel.ThrowIfCancellationRequested();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            // The terms whose postings changed since the last build's documents (lastKeys): in each run whose documents are not
            // those of the run at its place then, compared with that run as the cache holds it (before the cache lets it go).
            // Every such run, whether indexed again or found in the cache: a build stopped after the index stage left its runs
            // there, and the next finds them. When the documents are as many as then, the other runs' documents keep their ids.
            HashSet<string>? changed = null;
            if (runKeys is not null && lastKeys is not null && lastKeys.Count == keys!.Count)
            {
                changed = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < runs.Count && changed is not null; i++)
                {
                    var lastKey = IndexPartitions.KeyOf(lastKeys.Skip(runs[i].Start).Take(runs[i].Count));
                    if (lastKey == runKeys[i]) continue;
                    using var before = partitions!.Find(lastKey, reusing: false);
                    if (before is null || !RunDifference.Collect(before, directories[i], changed)) changed = null;
                }
            }
            if (runKeys is not null)
            {
                foreach (var i in toIndex) partitions!.Keep(runKeys[i], directories[i]);
                partitions!.Used(runKeys);
            }
            // One run is the index itself, in memory (a run kept in the cache is read from its file there, which a later build
            // replaces); more are joined into one.
            var directory = runs.Count > 1 ? Join(directories) : directories[0] is RAMDirectory ram ? ram : new RAMDirectory(directories[0], IOContext.DEFAULT);
            foreach (var d in directories)
                if (!ReferenceEquals(d, directory)) d.Dispose();
            return new SearchIndex(directory, DirectoryReader.Open(directory), documents, index => QueryLexicon.Build(index, thesaurus ?? Model.Thesaurus.Empty, words?.Invoke(), index.LexiconReadDocuments, outline))
            {
                ChangedTerms = changed,
                DocumentsIndexed = toIndex.Sum(i => runs[i].Count),
            };
        }
        catch
        {
            foreach (var d in directories) d?.Dispose();
            throw;
        }
    }

    /// <summary>How many documents a run of the index holds on average: an edit indexes its run again (at 20,000 documents,
    /// about 0.1–0.2 s for a run of this size, against 3–4 s for the whole index), and each run is a segment that the export,
    /// the lexicon and related practices read through (tens of milliseconds each).</summary>
    public const int PartitionSize = 1024;

    /// <summary>
    /// The documents cut into consecutive runs (start, count), a run ending after each document whose id hashes to 0 modulo
    /// <paramref name="size"/> (and after the last): where the cuts fall depends on the ids alone, so an edit, an insertion or a
    /// removal changes one run and leaves the others as they were. A size of <see cref="int.MaxValue"/> is one run (the
    /// whole index in one segment, as <c>ge serve</c> builds it), whatever the ids hash to.
    /// </summary>
    public static List<(int Start, int Count)> PartitionsOf(IReadOnlyList<SearchDocument> documents, int size)
    {
        if (size == int.MaxValue) return [(0, documents.Count)];
        var runs = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var h = ShardNames.Hash(documents[i].Id);
            if ((h ^ (h >> 16)) % (uint)size != 0 && i < documents.Count - 1) continue;
            runs.Add((start, i + 1 - start));
            start = i + 1;
        }
        if (runs.Count == 0) runs.Add((0, 0));
        return runs;
    }

    /// <summary>The runs' segments, in order, in one index (their files copied under new names: the same bytes every time).</summary>
    private static RAMDirectory Join(LuceneDirectory[] runs)
    {
        var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, WriterConfig(OpenMode.CREATE));
        writer.AddIndexes(runs);
        writer.Commit();
        return directory;
    }

    /// <summary>The index of <paramref name="count"/> documents from <paramref name="start"/>, in one segment.</summary>
    /// <remarks>The writer takes the documents in order on this thread while another analyses the ones that come next
    /// (<see cref="RecordedTokens"/>), a bounded number ahead: at 20,000 documents the writer alone kept one core busy for
    /// seconds while the other had nothing to do. The index is the same byte for byte.</remarks>
    private static RAMDirectory IndexRun(IReadOnlyList<SearchDocument> all, int start, int count, CancellationToken cancel)
    {
        var documents = new ArraySegment<SearchDocument>([.. all.Skip(start).Take(count)]);
        var directory = new RAMDirectory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var analysed = new System.Collections.Concurrent.BlockingCollection<(Document Lucene, SearchDocument Source)>(boundedCapacity: AnalysedAhead);
        // A thread of its own (not one of the pool's, which a build may be using up while this one waits for it).
        var analysis = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var d in documents)
                {
                    if (stop.IsCancellationRequested) return;
                    analysed.Add((ToLucene(d, recorded: true, facets: false), d), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the writer stopped first
            }
            finally
            {
                analysed.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using (var writer = new IndexWriter(directory, WriterConfig(OpenMode.CREATE)))
            {
                // The facets' fields are added here, from fields kept for the next document: a field makes its token stream
                // once (Lucene's StringTokenStream, whose attributes are looked up by reflection), and a new field per
                // value was a fifth of the writer's time at 20,000 documents. The index is the same byte for byte.
                var facetFields = new Dictionary<string, List<StringField>>(StringComparer.Ordinal);
                StringField FacetField(string facet, int nth, string value)
                {
                    if (!facetFields.TryGetValue(facet, out var fields)) facetFields[facet] = fields = [];
                    if (nth == fields.Count) fields.Add(new StringField(facet, value, Field.Store.YES));
                    else fields[nth].SetStringValue(value);
                    return fields[nth];
                }
                foreach (var (doc, source) in analysed.GetConsumingEnumerable(CancellationToken.None)) // the analysis ends its adding when stopped
                {
                    if (cancel.IsCancellationRequested) break;
                    AddFacets(doc, source, FacetField);
                    writer.AddDocument(doc);
                }
                analysis.GetAwaiter().GetResult(); // an analyser's failure is the build's
                if (cancel.IsCancellationRequested)
                {
                    writer.Rollback();
                    directory.Dispose();
                    cancel.ThrowIfCancellationRequested();
                }
                writer.ForceMerge(1);
                writer.Commit();
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                analysis.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // reported above when the writer got that far; otherwise the writer's own failure is the one to report
            }
        }
        return directory;
    }

    /// <summary>How many analysed documents may wait for the writer (their tokens are held until written).</summary>
    private const int AnalysedAhead = 64;

    private static IndexWriterConfig WriterConfig(OpenMode mode) => new(SearchAnalysis.Version, SearchAnalysis.PerField())
    {
        Similarity = Similarity,
        OpenMode = mode,
        UseCompoundFile = true,
        MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
        RAMBufferSizeMB = 512,
        MergePolicy = NoMergePolicy.COMPOUND_FILES,
        Codec = new DeterministicCodec(),
    };

    /// <summary>
    /// A copy of this index with <paramref name="changed"/> put in place of the documents of the same ids
    /// (<c>IndexWriter.UpdateDocument</c>), for <c>ge serve</c> to search an edit at once: the old versions are
    /// deleted and the new ones appended in a segment of their own, so their document ids follow this index's
    /// (<see cref="Documents"/> is this index's list and the changed documents after it). Corpus-wide figures
    /// (BM25's document frequencies, the lexicon's common words and written forms) are this index's until the
    /// settling build makes the whole index again: the new text is found at once, ranked almost exactly.
    /// This index is only read (its files are copied), so it stays as it was for whoever still searches it.
    /// </summary>
    public SearchIndex Updated(IReadOnlyList<SearchDocument> changed)
    {
        var directory = new RAMDirectory(Directory, IOContext.DEFAULT);
        using (var writer = new IndexWriter(directory, WriterConfig(OpenMode.APPEND)))
        {
            foreach (var d in changed) writer.UpdateDocument(new Term(SearchFields.Id, d.Id), ToLucene(d));
            writer.Commit();
        }
        var lexicon = Lexicon.With(changed);
        // Document ids follow the segments: this index's that are left (one whose documents were all updated again is
        // dropped), then the new one, holding the changed documents in the order added.
        var reader = DirectoryReader.Open(directory);
        var documents = new List<SearchDocument>(reader.MaxDoc);
        foreach (var leaf in reader.Leaves)
        {
            if (Segments.TryGetValue(((SegmentReader)leaf.AtomicReader).SegmentName, out var kept))
                documents.AddRange(Documents.Skip(kept.Start).Take(kept.Count));
            else documents.AddRange(changed.Select(d => d.WithBodyHash()));
        }
        return new SearchIndex(directory, reader, documents, _ => lexicon) { UpdatedFrom = new WeakReference<SearchIndex>(this) };
    }

    /// <param name="recorded">Analyse the text fields now, on the calling thread, for the writer to replay
    /// (<see cref="RecordedTokens"/>); otherwise the writer analyses them as it indexes the document.</param>
    /// <param name="facets">False: the facets' fields are left for the caller to add (<see cref="AddFacets"/>).</param>
    private static Document ToLucene(SearchDocument d, bool recorded = false, bool facets = true)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, d.Id, Field.Store.YES),
            new StoredField(SearchFields.Url, d.Url),
            new StoredField(SearchFields.DisplayTitle, d.Title),
            new StoredField(SearchFields.DisplaySummary, d.Summary),
            Text(SearchFields.For("title", d.Language), d.IndexedTitle),
            Text(SearchFields.For("summary", d.Language), d.Summary),
            Text(SearchFields.For("body", d.Language), d.Body),
        };

        TextField Text(string field, string text)
        {
            var made = new TextField(field, text, Field.Store.YES);
            if (recorded) made.SetTokenStream(RecordedTokens.Of(SearchAnalysis.For(d.Language), field, text));
            return made;
        }

        if (facets) AddFacets(doc, d, (facet, _, value) => new StringField(facet, value, Field.Store.YES));
        return doc;
    }

    /// <summary>Adds a field per value of each of the document's facets, in the order of <see cref="SearchFields.Facets"/>,
    /// made by <paramref name="field"/> (facet, how many of its values came before, value).</summary>
    private static void AddFacets(Document doc, SearchDocument d, Func<string, int, string, StringField> field)
    {
        foreach (var facet in SearchFields.Facets)
            if (d.Facets.TryGetValue(facet, out var values))
                for (var i = 0; i < values.Count; i++) doc.Add(field(facet, i, values[i]));
    }

    private int _disposed;

    /// <summary>Raised once, when the index is closed: what was made for searching it (the engine's parts) can go, though
    /// the index object may still be referred to (<c>ge serve</c>'s last committed build, while a newer index is served).</summary>
    public event Action<SearchIndex>? Closed;

    /// <summary>Closes the reader and frees the files; a second call does nothing (a one-shot build lets its index go
    /// once exported, and a failed build abandons it again).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _reader!.Dispose();
        _directory!.Dispose();
        (_reader, _directory, _searcher, _lexicon) = (null, null, null, null);
        Closed?.Invoke(this);
        Closed = null;
    }
}
