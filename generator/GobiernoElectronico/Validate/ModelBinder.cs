using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Validate;

/// <summary>Turns checked front matter into model records. Only called on values that passed their schema.</summary>
internal static class ModelBinder
{
    public static SiteConfig Site(CheckedObject o) => new(
        o.Text("title"), o.OptionalText("subtitle"), o.TextList("languages"), o.Text("default_language"),
        NormaliseBasePath(o.OptionalText("base_path")), o.Text("programme"),
        o.Has("source") ? Reference(o.Mapping("source")) : null,
        o.OptionalText("base_url") is { } url ? url.TrimEnd('/') + "/" : null)
    {
        Translations = o.Has("translations")
            ? Vocabulary.Languages.Where(l => o.Mapping("translations").Has(l)).ToDictionary(l => l, l =>
            {
                var t = o.Mapping("translations").Mapping(l);
                return new SiteText(t.Text("title"), t.OptionalText("subtitle"), t.Text("programme"));
            }, StringComparer.Ordinal)
            : new Dictionary<string, SiteText>(StringComparer.Ordinal),
    };

    public static CountryAssessment Country(CheckedObject o, string code, string path, MarkdownText body, string defaultLanguage)
    {
        var pillars = o.Mapping("pillars");
        return new CountryAssessment(
            code, path, o.Localized("name"), o.Text("committee_role"), o.Date("assessment_date"),
            o.OptionalText("language") ?? defaultLanguage, o.Text("summary"),
            Vocabulary.Pillars.Select(p => Pillar(p, pillars.Mapping(p))).ToList(),
            o.Flag("illustrative"), body);
    }

    public static Practice Practice(CheckedObject o, string slug, string path, MarkdownText body)
    {
        var replicability = o.Mapping("replicability");
        return new Practice(
            slug, path, o.Text("title"), o.Text("country"), o.Text("government_level"),
            o.TextList("relation"), o.TextList("pillars"), o.TextList("sectors"), (int)o.WholeNumber("year_started"),
            o.Text("status"), replicability.Text("level"), replicability.TextList("conditions"),
            o.TextList("funding"), o.Text("language"), o.Text("summary"),
            o.ObjectList("sources").Select(Reference).ToList(), o.Flag("illustrative"), body, o.TextList("see_also"),
            o.Has("updated") ? o.Date("updated") : null, o.TextList("translations"))
        {
            SummaryTranslations = o.Has("summary_translations")
                ? Vocabulary.Languages.Where(l => o.Mapping("summary_translations").Has(l))
                    .ToDictionary(l => l, l => o.Mapping("summary_translations").Text(l), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    public static Organisation Organisation(CheckedObject o, string slug, string path, MarkdownText body, string defaultLanguage) => new(
        slug, path, o.Text("name"), o.OptionalText("acronym"), o.Text("kind"), o.TextList("roles"), o.TextList("countries"),
        o.OptionalText("website"), o.TextList("supports"), o.OptionalText("language") ?? defaultLanguage, o.Text("summary"),
        o.ObjectList("sources").Select(Reference).ToList(), o.Flag("illustrative"), body);

    /// <summary>The public part of a directory entry: the private contact was never kept by validation.</summary>
    public static DirectoryEntry Directory(CheckedObject o, string slug, string path, MarkdownText body, string defaultLanguage) => new(
        slug, path, o.Text("name"), o.Text("kind"), o.Text("country"), o.Text("sector"), o.OptionalText("position"),
        o.OptionalText("organisation"), o.TextList("initiatives"), o.OptionalText("language") ?? defaultLanguage, o.Text("summary"), body);

    public static Telecentre Telecentre(CheckedObject o, string slug, string path, MarkdownText body, string defaultLanguage) => new(
        slug, path, o.Text("name"), o.Text("country"), o.Text("kind"), o.Text("ownership"), (int?)o.OptionalInteger("sites"), o.OptionalText("place"),
        o.TextList("incentives"), o.TextList("services"), o.OptionalText("operator"), o.OptionalText("practice"), (int)o.WholeNumber("year"),
        Reference(o.Mapping("source")), o.OptionalText("language") ?? defaultLanguage, o.Text("summary"), o.Flag("illustrative"), body);

    public static Workshop Workshop(CheckedObject o, string slug, string path, MarkdownText body, string defaultLanguage) => new(
        slug, path, o.Text("title"), o.Text("scope"), o.Date("date"), o.Has("end_date") ? o.Date("end_date") : null, o.Text("place"), o.Text("country"),
        o.TextList("organisers"), o.TextList("participants"), o.TextList("outcomes"), o.ObjectList("documents").Select(Reference).ToList(),
        o.OptionalText("activity"), o.OptionalText("language") ?? defaultLanguage, o.Text("summary"), o.Flag("illustrative"), body);

    public static Activity Activity(CheckedObject o, string slug, string path, MarkdownText body, string defaultLanguage)
    {
        var resources = o.Mapping("resources");
        return new Activity(slug, path, o.Text("title"), (int)o.WholeNumber("task"), o.Text("scope"),
            resources.Text("infrastructure"), resources.Text("financing"), resources.Text("responsible"),
            o.Date("start"), o.Date("end"), o.Text("status"), o.TextList("depends_on"), o.TextList("countries"),
            o.OptionalText("language") ?? defaultLanguage, o.Text("summary"), o.Flag("illustrative"), body);
    }

    private static PillarAssessment Pillar(string pillar, CheckedObject o)
    {
        var level = o.Text("level");
        return new PillarAssessment(pillar, level, Vocabulary.LevelsOf(pillar).ToList().IndexOf(level) + 1, o.Text("narrative"),
            o.ObjectList("indicators").Select(Indicator).ToList())
        {
            Evidence = o.ObjectList("evidence").Select(Reference).ToList(),
        };
    }

    private static IndicatorRef Indicator(CheckedObject o) => new(o.Text("id"), (int?)o.OptionalInteger("year"));

    private static Reference Reference(CheckedObject o) => new(
        o.Text("title"), o.OptionalText("publisher"), (int?)o.OptionalInteger("year"), o.OptionalText("url"));

    private static string NormaliseBasePath(string? basePath)
    {
        var trimmed = (basePath ?? "/").Trim().Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed + "/";
    }
}
