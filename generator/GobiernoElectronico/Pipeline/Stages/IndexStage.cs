using GobiernoElectronico.Index;
using GobiernoElectronico.Model;
using GobiernoElectronico.Render;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>The search index of one state of the searchable text, and the files exported from it.</summary>
/// <param name="Key">Hash of everything the index and its export are made from.</param>
/// <param name="Files">The Lucene files and the browser's shards, to go into the site.</param>
public sealed record SearchProducts(string Key, SearchIndex Index, IReadOnlyList<OutputFile> Files, IReadOnlyDictionary<string, SearchDocument> Documents);

/// <summary>
/// Stage 3, index: the Lucene index of every published document, and its export (the query lexicon, the Lucene
/// files and the browser's shards). Its cache: the last index, reused as it is while the searchable text, the
/// facet labels, the search page's strings and the thesaurus are unchanged. BM25 statistics are corpus-wide,
/// so a change to the text rebuilds the index as a whole, which keeps every build's output exact.
/// </summary>
public sealed class IndexStage : IDisposable
{
    private SearchProducts? _committed;

    /// <summary>The index of the last successful build (for <c>/api/search</c>).</summary>
    public SearchProducts? Committed => _committed;

    /// <summary>The search products for <paramref name="content"/>: the last ones if nothing searchable changed
    /// (<c>Fresh</c> false), else new ones, timed as "index" and "search export".</summary>
    /// <param name="stream">For a one-shot build: the exported files go straight to this sink instead of being kept
    /// (<see cref="SearchProducts.Files"/> is then empty).</param>
    public (SearchProducts Search, bool Fresh) Run(ContentSet content, IReadOnlyList<Labels> languages, StageTimings timings, IFileSink? stream = null)
    {
        var documents = SearchDocuments.From(content);
        var facetLabels = languages.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l), StringComparer.Ordinal);
        var strings = languages.ToDictionary(l => l.Language, l => l.Section("search.js"), StringComparer.Ordinal);
        var key = JsonHash.Of(new { documents, labels = facetLabels, strings, thesaurus = content.Thesaurus });
        if (_committed is { } last && last.Key == key) return (last, false);
        var index = timings.Time("index", () => SearchIndex.Build(documents, content.Thesaurus));
        var files = timings.Time("search export", () =>
        {
            var exported = LuceneFilesExport.Export(index).Concat(BrowserIndexExport.Export(index, facetLabels, strings)).ToList();
            index.ReleaseBodies();
            if (stream is null) return exported;
            foreach (var file in exported) stream.Add(file);
            return [];
        });
        return (new SearchProducts(key, index, files, index.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal)), true);
    }

    /// <summary>After a successful build: <paramref name="search"/> becomes the index served; the one it replaces
    /// is closed once no reader can still be using it.</summary>
    public void Commit(SearchProducts search)
    {
        if (ReferenceEquals(search, _committed)) return;
        if (_committed is { } old) Retire(old.Index);
        _committed = search;
    }

    /// <summary>After a failed build: a fresh index nobody will use is closed at once.</summary>
    public void Abandon(SearchProducts search)
    {
        if (!ReferenceEquals(search, _committed)) search.Index.Dispose();
    }

    /// <summary>Readers of an old index (a search request in flight) may still use it for a moment.</summary>
    private static void Retire(SearchIndex index) =>
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => index.Dispose(), TaskScheduler.Default);

    public void Dispose() => _committed?.Index.Dispose();
}
