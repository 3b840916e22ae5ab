using System.Globalization;
using System.Runtime.CompilerServices;
using GobiernoElectronico.Index;
using Lucene.Net.Index;

namespace GobiernoElectronico.Search;

/// <summary>
/// What a search engine reads besides the Lucene index: the query planner, every document's facet values by
/// document id, and each facet value by its lower case (a filter typed in any case). For an index in memory they
/// are made once and shared by every engine opened on it; those of an index updated after an edit
/// (<see cref="SearchIndex.Updated"/>) extend its base's, so that <c>ge serve</c> searches an edit at once.
/// </summary>
internal sealed class EngineParts(QueryPlanner planner, IReadOnlyDictionary<string, IReadOnlyList<string>>[] facets,
    IReadOnlyDictionary<(string Facet, string Lower), string> values)
{
    public QueryPlanner Planner => planner;

    /// <summary>Facet → values, by document id (a deleted document keeps its place).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>[] Facets => facets;

    public IReadOnlyDictionary<(string Facet, string Lower), string> Values => values;

    private static readonly ConditionalWeakTable<SearchIndex, EngineParts> Made = new();

    /// <summary>The parts of an index in memory, made on first use from its documents (never read back from the index).</summary>
    /// <remarks>They go when the index is closed (<see cref="SearchIndex.Closed"/>), not when the index object does: <c>ge
    /// serve</c> refers to its last committed index while it settles an edit, and that index's planner and lexicon (tens of
    /// MiB at 20,000 documents) were held with it.</remarks>
    public static EngineParts Of(SearchIndex index) => Made.GetValue(index, Make);

    private static EngineParts Make(SearchIndex index)
    {
        index.Closed += Forget;
        if (index.UpdatedFrom is { } weak && weak.TryGetTarget(out var from) && Made.TryGetValue(from, out var parts))
            return parts.Extended(from, index);
        var facets = index.Documents.Select(FacetsOf).ToArray();
        return new(new QueryPlanner(index.Lexicon), facets, ValuesOf(facets, []));
    }

    private static void Forget(SearchIndex index) => Made.Remove(index);

    /// <summary>Makes the parts of <paramref name="index"/>, an index updated from another (<see cref="SearchIndex.Updated"/>),
    /// while that one's are still there to extend: <c>ge serve</c> then closes the other.</summary>
    public static void Prepare(SearchIndex index) => Of(index);

    /// <summary>The parts of <paramref name="index"/>, updated from <paramref name="from"/> whose parts these are: the
    /// facets of the segments both share are taken from these, by segment; only the new segment's are made.</summary>
    private EngineParts Extended(SearchIndex from, SearchIndex index)
    {
        var all = new IReadOnlyDictionary<string, IReadOnlyList<string>>[index.Documents.Count];
        var added = new List<IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var (name, (start, count)) in index.Segments)
        {
            if (from.Segments.TryGetValue(name, out var was)) Array.Copy(facets, was.Start, all, start, count);
            else
                for (var i = start; i < start + count; i++) added.Add(all[i] = FacetsOf(index.Documents[i]));
        }
        return new(planner.With(index.Lexicon), all, ValuesOf(added, new(values)));
    }

    /// <summary>The parts of an index read from files (<c>ge search</c>): facets read from every stored document.</summary>
    public static EngineParts Read(DirectoryReader reader, QueryLexicon lexicon)
    {
        var fieldsToLoad = new HashSet<string>(SearchFields.Facets);
        var facets = new IReadOnlyDictionary<string, IReadOnlyList<string>>[reader.MaxDoc];
        for (var i = 0; i < reader.MaxDoc; i++)
        {
            var doc = reader.Document(i, fieldsToLoad);
            facets[i] = SearchFields.Facets.ToDictionary(f => f, f => (IReadOnlyList<string>)doc.GetValues(f, CultureInfo.InvariantCulture));
        }
        return new(new QueryPlanner(lexicon), facets, ValuesOf(facets, []));
    }

    /// <summary>A document's facets as the index stores them (<c>SearchIndex</c> adds a field per value, in order): its values
    /// under every facet, read from the document's own dictionary rather than copied (at 20,000 documents the copies were
    /// 21 MiB per index, and <c>ge serve</c> holds two indexes while it settles).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> FacetsOf(SearchDocument d) => new EveryFacet(d.Facets);

    /// <summary>Values under every facet of <see cref="SearchFields.Facets"/>, in that order, none where
    /// <paramref name="values"/> has none.</summary>
    private sealed class EveryFacet(IReadOnlyDictionary<string, IReadOnlyList<string>> values) : IReadOnlyDictionary<string, IReadOnlyList<string>>
    {
        public IReadOnlyList<string> this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => SearchFields.Facets;

        public IEnumerable<IReadOnlyList<string>> Values => SearchFields.Facets.Select(Of);

        public int Count => SearchFields.Facets.Count;

        public bool ContainsKey(string key) => SearchFields.Facets.Contains(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IReadOnlyList<string> value)
        {
            value = ContainsKey(key) ? Of(key) : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() =>
            SearchFields.Facets.Select(f => KeyValuePair.Create(f, Of(f))).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private IReadOnlyList<string> Of(string facet) => values.GetValueOrDefault(facet) ?? [];
    }

    private static Dictionary<(string Facet, string Lower), string> ValuesOf(
        IEnumerable<IReadOnlyDictionary<string, IReadOnlyList<string>>> facets, Dictionary<(string Facet, string Lower), string> into)
    {
        foreach (var doc in facets)
            foreach (var (f, values) in doc)
                foreach (var v in values) into.TryAdd((f, v.ToLowerInvariant()), v);
        return into;
    }
}
