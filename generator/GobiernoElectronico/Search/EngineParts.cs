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
    public static EngineParts Of(SearchIndex index) => Made.GetValue(index, Make);

    private static EngineParts Make(SearchIndex index)
    {
        if (index.UpdatedFrom is { } weak && weak.TryGetTarget(out var from) && Made.TryGetValue(from, out var parts))
            return parts.Extended(from, index);
        var facets = index.Documents.Select(FacetsOf).ToArray();
        return new(new QueryPlanner(index.Lexicon), facets, ValuesOf(facets, []));
    }

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

    /// <summary>A document's facets as the index stores them (<c>SearchIndex</c> adds a field per value, in order).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> FacetsOf(SearchDocument d) =>
        SearchFields.Facets.ToDictionary(f => f, f => d.Facets.GetValueOrDefault(f) ?? []);

    private static Dictionary<(string Facet, string Lower), string> ValuesOf(
        IEnumerable<IReadOnlyDictionary<string, IReadOnlyList<string>>> facets, Dictionary<(string Facet, string Lower), string> into)
    {
        foreach (var doc in facets)
            foreach (var (f, values) in doc)
                foreach (var v in values) into.TryAdd((f, v.ToLowerInvariant()), v);
        return into;
    }
}
