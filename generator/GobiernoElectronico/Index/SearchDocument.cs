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
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets)
{
    /// <summary>
    /// The summary translated into other interface languages, by language: a result shows it, marked as a
    /// translation, when the reader's interface language is not the document's. Not indexed.
    /// </summary>
    public IReadOnlyDictionary<string, string> SummaryTranslations { get; init; } = new Dictionary<string, string>();

    /// <summary>Slugs of the same document in other languages (a practice's translations): never "related" to it.</summary>
    public IReadOnlyList<string> Translations { get; init; } = [];

    /// <summary>The slug part of <see cref="Id"/> (<c>siaf-peru</c> for <c>practice/siaf-peru</c>).</summary>
    public string Slug => Id[(Id.IndexOf('/') + 1)..];

    /// <summary>True when both index the same text and facets (records compare the facet dictionary by reference).</summary>
    public bool SameAs(SearchDocument other) =>
        Id == other.Id && Type == other.Type && Url == other.Url && Title == other.Title && IndexedTitle == other.IndexedTitle
        && Summary == other.Summary && Body == other.Body && Language == other.Language
        && Translations.SequenceEqual(other.Translations, StringComparer.Ordinal)
        && SummaryTranslations.Count == other.SummaryTranslations.Count
        && SummaryTranslations.All(t => other.SummaryTranslations.TryGetValue(t.Key, out var v) && v == t.Value)
        && Facets.Count == other.Facets.Count
        && Facets.All(f => other.Facets.TryGetValue(f.Key, out var v) && v.SequenceEqual(f.Value, StringComparer.Ordinal));
}
