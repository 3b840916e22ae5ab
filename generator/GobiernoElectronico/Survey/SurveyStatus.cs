using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Survey;

/// <summary>
/// Where the survey stands, for the committee: the drafts still to review, and for each of the 33 countries of the
/// region its published assessment and the questionnaire answers waiting beside it. Read from the source documents
/// (drafts included), so it is never part of the published site: <c>ge check</c> prints it and <c>ge serve</c> shows it
/// at <see cref="PagePath"/>.
/// </summary>
public static class SurveyStatus
{
    /// <summary>Where <c>ge serve</c> shows the committee's page (not a file of the site).</summary>
    public const string PagePath = "/_committee/survey";

    /// <summary>A document kept out of the site until the committee removes <c>draft: true</c>.</summary>
    public sealed record Draft(string Path, ContentKind Kind, string Key);

    /// <summary>A country of the region: its name (from its published assessment, else its code), its published
    /// assessment (content path) if any, and the answers to review.</summary>
    public sealed record Country(string Code, string Name, string? Published, bool Illustrative, string? AssessmentDate, IReadOnlyList<string> Answers);

    public static IReadOnlyList<Draft> Drafts(IEnumerable<SourceDocument> documents) =>
        documents.Where(d => d.FrontMatter is { } f && Flag(f, "draft")).Select(d => new Draft(d.Path, d.Kind, d.Key))
            .OrderBy(d => d.Path, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Country> Countries(IReadOnlyList<SourceDocument> documents)
    {
        var countries = documents.Where(d => d.Kind == ContentKind.Country && d.FrontMatter is not null).ToList();
        return Vocabulary.Region.Select(code =>
        {
            var own = countries.Where(d => CodeOf(d.Key) == code).ToList();
            var published = own.FirstOrDefault(d => !Flag(d.FrontMatter!, "draft") && !d.Key.Contains('.'));
            var date = published?.FrontMatter!["assessment_date"] is YamlScalar s ? s.Value : null;
            var name = published?.FrontMatter!["name"] is YamlMapping names ? names.Entries.Select(e => e.Value).OfType<YamlScalar>().FirstOrDefault()?.Value : null;
            return new Country(code, name ?? code, published?.ContentPath, published is not null && Flag(published.FrontMatter!, "illustrative"), date,
                own.Where(d => Flag(d.FrontMatter!, "draft")).Select(d => d.ContentPath).Order(StringComparer.Ordinal).ToList());
        }).ToList();
    }

    /// <summary>The country code of a country file's name: <c>br</c> and <c>br.answer-2026-12-01</c> are both BR.</summary>
    public static string CodeOf(string key) => key.Split('.')[0].ToUpperInvariant();

    private static bool Flag(YamlMapping front, string name) => front[name] is YamlScalar { IsTrue: true };

    /// <summary>The lines <c>ge check</c> prints after its summary when there are drafts: what is left to review, and
    /// how many countries have a draft assessment (an imported answer, or one being written).</summary>
    public static IEnumerable<string> Report(IReadOnlyList<SourceDocument> documents)
    {
        var drafts = Drafts(documents);
        if (drafts.Count == 0) yield break;
        yield return $"Drafts to review before removing 'draft: true' ({drafts.Count}):";
        foreach (var d in drafts) yield return $"  {d.Path}";
        var countries = Countries(documents);
        var answered = countries.Count(c => c.Answers.Count > 0);
        if (answered > 0)
            yield return $"Survey: {answered} of {countries.Count} countries have a draft assessment to review, imported answers included ({string.Join(", ", countries.Where(c => c.Answers.Count > 0).Select(c => c.Code))}).";
    }
}
