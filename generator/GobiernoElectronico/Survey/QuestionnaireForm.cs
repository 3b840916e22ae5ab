using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Survey;

/// <summary>
/// The questions of the survey questionnaire, derived from the content schemas (<see cref="ContentSchemas.Country"/>,
/// <see cref="ContentSchemas.Practice"/>) so that the form, the validator and the JSON Schema cannot drift: every
/// field of those schemas is asked, with its type's rules, unless it is in <see cref="NotAsked"/> with the reason.
/// A field of a type the form has no widget for fails here, at build time, rather than being silently left out.
/// </summary>
public static class QuestionnaireForm
{
    /// <summary>One question: a field's path in the front matter, its widget and the rules the validator applies to it.</summary>
    /// <param name="Path">Dotted path in the front matter (<c>pillars.services.level</c>); <c>body</c> is the text after the front matter.</param>
    /// <param name="Label">The i18n key of the question's label (<c>survey.field.…</c>).</param>
    /// <param name="Kind">text, markdown, url, integer, date, choice, choices, lines, localized, group or records.</param>
    public sealed record Question(string Path, string Name, string Label, string Kind, bool Required)
    {
        public int? MaxLength { get; init; }
        public long? Min { get; init; }
        public long? Max { get; init; }
        public int MinItems { get; init; }
        public bool Unique { get; init; }
        public IReadOnlyList<string>? Values { get; init; }
        /// <summary>The i18n group that names a choice's values (<c>vocab.&lt;group&gt;.&lt;value&gt;</c>), if any.</summary>
        public string? Vocabulary { get; init; }
        public bool AllowRelative { get; init; }
        public IReadOnlyList<Question>? Fields { get; init; }
    }

    /// <summary>Fields of the schemas the questionnaire does not ask, each with why (the README lists them too).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotAsked = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["country.committee_role"] = "set by the committee (kept from the published assessment, or none)",
        ["country.illustrative"] = "an answer is the country's own assessment, not an illustration",
        ["country.draft"] = "always true: the committee reviews an answer before publishing it",
        ["pillar.indicators"] = "the figures come from content/data/indicators.csv; the form shows them for reference",
        ["practice.slug"] = "made from the title",
        ["practice.country"] = "the country of the questionnaire",
        ["practice.summary_translations"] = "added by the editors",
        ["practice.see_also"] = "added by the editors",
        ["practice.translations"] = "added by the editors",
        ["practice.updated"] = "added by the editors",
        ["practice.illustrative"] = "an answer documents a real practice",
        ["practice.draft"] = "always true: the committee reviews a proposed practice before publishing it",
    };

    /// <summary>The questions of the country assessment: its fields, the general text (<c>body</c>) and who answers.</summary>
    public static IReadOnlyList<Question> Country { get; } = Questions(ContentSchemas.Country, "country", "", body: "country");

    /// <summary>The questions of one proposed practice.</summary>
    public static IReadOnlyList<Question> Practice { get; } = Questions(ContentSchemas.Practice, "practice", "", body: "practice");

    /// <summary>Every i18n key the form's labels use (checked in every interface language by a test).</summary>
    public static IEnumerable<string> LabelKeys() => Flatten(Country).Concat(Flatten(Practice)).Select(q => q.Label).Distinct();

    /// <summary>All questions, groups' and records' fields included.</summary>
    public static IEnumerable<Question> Flatten(IEnumerable<Question> questions) =>
        questions.SelectMany(q => new[] { q }.Concat(q.Fields is { } fields ? Flatten(fields) : []));

    private static List<Question> Questions(ObjectType type, string scope, string prefix, string? body = null, string? pillar = null)
    {
        var list = new List<Question>();
        foreach (var field in type.Fields)
        {
            if (NotAsked.ContainsKey($"{scope}.{field.Name}")) continue;
            list.Add(Ask(field, scope, prefix + field.Name, pillar));
        }
        if (body is not null)
            list.Add(new Question("body", "body", $"survey.field.{body}.body", "markdown", false) { MaxLength = Validate.MarkdownLimits.MaxCharacters });
        return list;
    }

    private static Question Ask(Field field, string scope, string path, string? pillar)
    {
        var label = $"survey.field.{scope}.{field.Name}";
        var question = new Question(path, field.Name, label, "", field.Required);
        switch (field.Type)
        {
            case TextType t:
                return question with { Kind = t.Markdown ? "markdown" : "text", MaxLength = t.MaxLength };
            case UrlType u:
                return question with { Kind = "url", AllowRelative = u.AllowRelative && !u.AbsoluteOnly, MaxLength = UrlType.MaxLength };
            case IntegerType i:
                return question with { Kind = "integer", Min = i.Min, Max = i.Max };
            case DateType:
                return question with { Kind = "date" };
            case EnumType e:
                return question with { Kind = "choice", Values = e.Values, Vocabulary = VocabularyOf(field.Name, pillar) };
            case LocalizedTextType l:
                return question with { Kind = "localized", Values = l.Languages, Vocabulary = "language" };
            case ListType { Item: EnumType e } list:
                return question with { Kind = "choices", Values = e.Values, Vocabulary = VocabularyOf(field.Name, pillar), MinItems = list.MinItems, Unique = list.Unique };
            case ListType { Item: TextType t } list:
                return question with { Kind = "lines", MaxLength = t.MaxLength, MinItems = list.MinItems, Unique = list.Unique };
            case ListType { Item: ObjectType o } list:
                return question with { Kind = "records", MinItems = list.MinItems, Unique = list.Unique, Fields = Questions(o, ScopeOf(o), "") };
            case ObjectType o:
                var inner = field.Name is "infrastructure" or "systems" or "services" && scope == "pillars" ? field.Name : pillar;
                return question with { Kind = "group", Fields = Questions(o, ScopeOf(o), path + ".", pillar: inner) };
            default:
                throw new InvalidOperationException(
                    $"the questionnaire has no widget for '{scope}.{field.Name}' ({field.Type.Describe()}); add one, or list the field in QuestionnaireForm.NotAsked with the reason");
        }
    }

    /// <summary>The label scope of an object's fields: the three pillars share theirs.</summary>
    private static string ScopeOf(ObjectType o) => o.Name.StartsWith("pillar ", StringComparison.Ordinal) ? "pillar" : o.Name.Replace(' ', '_');

    private static string? VocabularyOf(string field, string? pillar) => field switch
    {
        "level" when pillar is not null => $"level.{pillar}",
        "level" => "replicability",
        "language" => "language",
        "government_level" => "government_level",
        "relation" => "relation",
        "pillars" => "pillar",
        "sectors" => "sector",
        "status" => "status",
        _ => null,
    };
}
