using GobiernoElectronico.Hashing;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Index;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>The search index of one state of the searchable text, and the files exported from it.</summary>
/// <param name="Key">Hash of everything the index and its export are made from.</param>
/// <param name="Files">The Lucene files and the browser's shards, to go into the site (empty when a one-shot build
/// streamed them to its sink).</param>
public sealed record SearchProducts(string Key, SearchIndex Index, IReadOnlyList<OutputFile> Files);

/// <summary>
/// Stage 3, index: the Lucene index of every published document, and its export (the query lexicon, the Lucene
/// files and the browser's shards). Its cache: the last index, reused as it is while the searchable text, the
/// facet labels, the search page's strings and the thesaurus are unchanged. BM25 statistics are corpus-wide,
/// so a change to the text rebuilds the index as a whole, which keeps every build's output exact.
/// </summary>
/// <param name="remember">False for a one-shot build: no key is computed for a next build that will not come, and
/// the exported files go straight to the sink instead of being kept.</param>
public sealed class IndexStage(bool remember) : IDisposable
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
    public (SearchProducts Search, bool Fresh) Run(ContentSet content, IReadOnlyList<Labels> languages, StageTimings timings, IFileSink sink,
        Action<SearchIndex>? built = null, CancellationToken cancel = default)
    {
        var documents = timings.Time("search documents", () => SearchDocuments.From(content, cancel: cancel));
        var facetLabels = languages.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l), StringComparer.Ordinal);
        var strings = languages.ToDictionary(l => l.Language, l => l.Section("search.js"), StringComparer.Ordinal);
        var key = remember ? ContentHash.OfJson(new { documents, labels = facetLabels, strings, thesaurus = content.Thesaurus }, cancel: cancel) : "";
        // Reused only while it is still the index served: one served early by a build that then failed replaced it.
        if (remember && _committed is { } last && last.Key == key && ReferenceEquals(_served?.Value, last.Index)) return (last, false);
        var index = timings.Time("index", () => SearchIndex.Build(documents, content.Thesaurus, cancel));
        built?.Invoke(index);
        if (cancel.IsCancellationRequested)
        {
            if (!ReferenceEquals(_served?.Value, index)) index.Dispose();
            cancel.ThrowIfCancellationRequested();
        }
        var files = timings.Time("search export", () =>
        {
            // A one-shot build writes each file as it is made; one that lives on keeps them for the next build.
            var kept = remember ? new List<OutputFile>() : null;
            Action<OutputFile> emit = kept is null ? sink.Add : file =>
            {
                lock (kept) kept.Add(file); // the export emits from both cores
            };
            foreach (var file in LuceneFilesExport.Export(index)) emit(file);
            BrowserIndexExport.Export(index, facetLabels, strings, emit);
            index.ReleaseBodies();
            return kept is null ? [] : (IReadOnlyList<OutputFile>)[.. kept.OrderBy(f => f.Path, StringComparer.Ordinal)];
        });
        return (new SearchProducts(key, index, files), true);
    }

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
            || !(d.Body == was.Body ? d : d with { Body = ContentHash.Of(d.Body) }).SameAs(was)).ToList();
        if (changed.Count == 0) return false;
        Serve(current.Updated(changed));
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
