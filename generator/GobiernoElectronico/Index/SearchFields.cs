namespace GobiernoElectronico.Index;

/// <summary>
/// The fields of the search index. Text is indexed per language (<c>title_es</c>, <c>body_pt</c>, …) so
/// that each document is analysed by its own language's analyzer; facets are untokenised keyword fields.
/// The browser search reads the same names from the exported metadata.
/// </summary>
public static class SearchFields
{
    public const string Id = "id";
    public const string Url = "url";
    public const string DisplayTitle = "display_title";
    public const string DisplaySummary = "display_summary";
    public const string Text = "text";

    /// <summary>The logical text fields and their query-time boosts, in the order queries list them.</summary>
    public static readonly IReadOnlyList<(string Name, float Boost)> TextFields = [("title", 3f), ("summary", 2f), ("body", 1f)];

    /// <summary>Every physical text field (<c>title_es</c> … <c>body_en</c>), in query order: field, then language.</summary>
    public static readonly IReadOnlyList<string> PhysicalTextFields =
        TextFields.SelectMany(f => Schema.Vocabulary.Languages.Select(l => For(f.Name, l))).ToList();

    /// <summary>Facet fields: filters and counts in the CLI and the browser.</summary>
    public static readonly IReadOnlyList<string> Facets = ["type", "country", "pillar", "relation", "level", "sector", "status", "year", "language"];

    public static string For(string field, string language) => $"{field}_{language}";

    /// <summary>The logical field and language of a physical text field, or null.</summary>
    public static (string Field, string Language)? Split(string physical)
    {
        var i = physical.LastIndexOf('_');
        return i > 0 && TextFields.Any(f => f.Name == physical[..i]) ? (physical[..i], physical[(i + 1)..]) : null;
    }

    /// <summary>True for a physical title field (<c>title_es</c>, …).</summary>
    public static bool IsTitle(string physical) => Split(physical)?.Field == "title";

    public static float BoostOf(string logicalField) => TextFields.First(f => f.Name == logicalField).Boost;
}
