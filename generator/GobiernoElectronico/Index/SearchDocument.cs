namespace GobiernoElectronico.Index;

/// <summary>
/// One entry of the search index: what is indexed (title, summary, body text in the document's language),
/// what is shown (title, summary, url) and the facet values it is filed under.
/// </summary>
/// <param name="Id">Stable id, <c>type/slug</c> (e.g. <c>practice/siaf-peru</c>).</param>
/// <param name="Url">The page, relative to the site root.</param>
/// <param name="IndexedTitle">Title text to index (a country is found by its name in every language).</param>
/// <param name="Body">Plain text of the body (Markdown stripped).</param>
/// <param name="Facets">Facet field → values (see <see cref="SearchFields.Facets"/>).</param>
public sealed record SearchDocument(
    string Id, string Type, string Url, string Title, string IndexedTitle, string Summary, string Body, string Language,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets);
