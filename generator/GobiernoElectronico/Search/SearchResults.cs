namespace GobiernoElectronico.Search;

/// <summary>A search: the query text, facet filters (facet → accepted values, OR within a facet, AND across), paging.</summary>
public sealed record SearchRequest(string Query, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, int Limit = 10, int Offset = 0);

/// <summary>One result.</summary>
/// <param name="Snippet">HTML: escaped text with the matched words in <c>&lt;mark&gt;</c>.</param>
public sealed record SearchHit(
    int Rank, int DocId, string Id, string Type, string Title, string Url, string Language, float Score, string Snippet,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets);

/// <summary>The answer to a search: total matches, the page of hits, and facet counts.</summary>
/// <param name="Facets">Facet → value → count. Each facet is counted with every filter applied but its own.</param>
public sealed record SearchResponse(
    string Query, string ParsedQuery, int Total, IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets)
{
    /// <summary>The query with misspelt words corrected, when a word was corrected ("did you mean").</summary>
    public string? Suggestion { get; init; }
}

/// <summary>A query that cannot be parsed; the message is for people.</summary>
public sealed class InvalidQueryException(string message) : Exception(message);
