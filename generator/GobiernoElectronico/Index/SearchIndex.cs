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

    private SearchIndex(LuceneDirectory directory, IReadOnlyList<SearchDocument> documents, Model.Thesaurus thesaurus)
    {
        _lexicon = new Lazy<QueryLexicon>(() => QueryLexicon.Build(this, thesaurus));
        Directory = directory;
        Documents = documents;
        Reader = DirectoryReader.Open(directory);
        Searcher = new IndexSearcher(Reader) { Similarity = Similarity };
    }

    private readonly Lazy<QueryLexicon> _lexicon;

    public LuceneDirectory Directory { get; }

    /// <summary>The vocabulary, thesaurus and question words every engine plans queries with (made on first use).</summary>
    public QueryLexicon Lexicon => _lexicon.Value;

    /// <summary>The indexed documents; the position in this list is the Lucene document id.</summary>
    public IReadOnlyList<SearchDocument> Documents { get; private set; }

    /// <summary>
    /// Once the lexicon is made, the documents' body text is needed no more (the index has it): each body is
    /// replaced by its hash, enough to tell whether a document changed. At 20,000 documents the plain text of
    /// the bodies is about 400 MiB.
    /// </summary>
    public void ReleaseBodies()
    {
        _ = Lexicon;
        Documents = Documents.Select(d => d with { Body = Hashing.ContentHash.Of(d.Body) }).ToList();
    }

    public DirectoryReader Reader { get; }

    public IndexSearcher Searcher { get; }

    /// <summary>Builds the index of <paramref name="documents"/> in memory.</summary>
    /// <param name="cancel">Checked between documents: a build nobody waits for any more stops (nothing is kept).</param>
    public static SearchIndex Build(IReadOnlyList<SearchDocument> documents, Model.Thesaurus? thesaurus = null, CancellationToken cancel = default)
    {
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(SearchAnalysis.Version, SearchAnalysis.PerField())
        {
            Similarity = Similarity,
            OpenMode = OpenMode.CREATE,
            UseCompoundFile = true,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            RAMBufferSizeMB = 512,
            MergePolicy = NoMergePolicy.COMPOUND_FILES,
            Codec = new DeterministicCodec(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var d in documents)
            {
                if (cancel.IsCancellationRequested)
                {
                    writer.Rollback();
                    directory.Dispose();
                    cancel.ThrowIfCancellationRequested();
                }
                writer.AddDocument(ToLucene(d));
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        return new SearchIndex(directory, documents, thesaurus ?? Model.Thesaurus.Empty);
    }

    private static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, d.Id, Field.Store.YES),
            new StoredField(SearchFields.Url, d.Url),
            new StoredField(SearchFields.DisplayTitle, d.Title),
            new StoredField(SearchFields.DisplaySummary, d.Summary),
            new TextField(SearchFields.For("title", d.Language), d.IndexedTitle, Field.Store.YES),
            new TextField(SearchFields.For("summary", d.Language), d.Summary, Field.Store.YES),
            new TextField(SearchFields.For("body", d.Language), d.Body, Field.Store.YES),
        };
        foreach (var facet in SearchFields.Facets)
            if (d.Facets.TryGetValue(facet, out var values))
                foreach (var v in values) doc.Add(new StringField(facet, v, Field.Store.YES));
        return doc;
    }

    public void Dispose()
    {
        Reader.Dispose();
        Directory.Dispose();
    }
}
