using System.Text.Json.Nodes;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Validate;
using Json.Schema;

namespace GobiernoElectronico.Tests.Editing;

/// <summary>The JSON Schema given to editors and the validator the build uses never disagree.</summary>
public class JsonSchemaTests
{
    [TestCase("site")]
    [TestCase("country")]
    [TestCase("practice")]
    public void The_committed_schema_is_the_generated_one(string type)
    {
        var committed = Path.Combine(Repo.Content, JsonSchemaWriter.Folder, JsonSchemaWriter.FileName(type));
        Assert.That(File.Exists(committed), $"{committed} missing: run 'ge schema'");
        Assert.That(File.ReadAllText(committed), Is.EqualTo(JsonSchemaWriter.Write(type)), "stale: run 'ge schema'");
    }

    private const string Practice = """
        title: T
        country: BO
        government_level: local
        relation: [G2C]
        pillars: [services]
        sectors: [health]
        year_started: 2010
        status: operating
        replicability: {level: high, conditions: [c]}
        language: es
        summary: S
        sources: [{title: A}]
        """;

    private const string Country = """
        name: {es: Bolivia}
        committee_role: member
        assessment_date: 2026-01-01
        summary: S
        pillars:
          infrastructure: {level: basic, narrative: N}
          systems: {level: isolated, narrative: N, indicators: [{id: internet_users, year: 2020}]}
          services: {level: emerging, narrative: N}
        """;

    private static IEnumerable<TestCaseData> Samples()
    {
        TestCaseData Case(string type, string yaml, bool valid, string name) => new TestCaseData(type, yaml, valid).SetName($"{(valid ? "valid" : "invalid")}: {name}");
        yield return Case("practice", Practice, true, "minimal practice");
        yield return Case("practice", Practice + "\nfunding: [BID, CAF]\nillustrative: true\nsee_also: [a-b]\nslug: my-slug", true, "practice with optional fields");
        yield return Case("practice", Practice.Replace("country: BO", "country: bo"), true, "lower-case country");
        yield return Case("practice", Practice.Replace("relation: [G2C]", "relation: [G2C, G2B, G2G]"), true, "three relations");
        yield return Case("practice", Practice + "\nsources2: x", false, "unknown field");
        yield return Case("practice", Practice.Replace("title: T\n", ""), false, "missing title");
        yield return Case("practice", Practice.Replace("year_started: 2010", "year_started: '2010'"), false, "quoted year");
        yield return Case("practice", Practice.Replace("year_started: 2010", "year_started: 1800"), false, "year out of range");
        yield return Case("practice", Practice.Replace("status: operating", "status: running"), false, "status not allowed");
        yield return Case("practice", Practice.Replace("country: BO", "country: XX"), false, "unknown country");
        yield return Case("practice", Practice.Replace("country: BO", "country: Bo"), false, "mixed-case country");
        yield return Case("practice", Practice.Replace("relation: [G2C]", "relation: []"), false, "empty relation");
        yield return Case("practice", Practice.Replace("relation: [G2C]", "relation: [G2C, G2C]"), false, "duplicate relation");
        yield return Case("practice", Practice.Replace("relation: [G2C]", "relation: G2C"), false, "relation not a list");
        yield return Case("practice", Practice + "\nslug: Bad_Slug", false, "bad slug");
        yield return Case("practice", Practice + "\nillustrative: yes", false, "yes is not a boolean");
        yield return Case("practice", Practice.Replace("sources: [{title: A}]", "sources: [{title: A, pages: 3}]"), false, "unknown field in a reference");
        yield return Case("practice", Practice + "\nfunding:", false, "empty optional field");
        yield return Case("country", Country, true, "minimal country");
        yield return Case("country", Country.Replace("{es: Bolivia}", "{es: Bolivia, pt: Bolívia, en: Bolivia}") + "\nlanguage: pt\ndraft: true", true, "country with every language");
        yield return Case("country", Country.Replace("{es: Bolivia}", "{fr: Bolivie}"), false, "name in an unknown language");
        yield return Case("country", Country.Replace("level: basic", "level: emerging"), false, "level of another pillar's scale");
        yield return Case("country", Country.Replace("2026-01-01", "01/01/2026"), false, "date in another format");
        yield return Case("country", Country.Replace("2026-01-01", "2026-02-30"), false, "date not in the calendar");
        yield return Case("country", Country.Replace("year: 2020", "year: '2020'"), false, "quoted number");
        yield return Case("country", Country.Replace("{id: internet_users, year: 2020}", "{id: internet_users, value: 1.5}"), false, "a figure typed instead of taken from the data");
        yield return Case("site", "title: T\nlanguages: [es]\ndefault_language: es\nprogramme: P", true, "minimal site");
        yield return Case("site", "title: T\nlanguages: [es, de]\ndefault_language: es\nprogramme: P", false, "unknown language");
    }

    [TestCaseSource(nameof(Samples))]
    public void Schema_and_validator_agree(string type, string yaml, bool valid)
    {
        var bag = new DiagnosticBag();
        var doc = ContentLoader.Parse("---\n" + yaml + "\n---\n", "t.md", ContentKind.Practice, "t", bag);
        Assert.That(bag.HasErrors, Is.False, "the sample is well-formed YAML");
        new SchemaValidator("t.md", bag).ValidateDocument(doc!.FrontMatter!, JsonSchemaWriter.Types[type]);
        Assert.That(!bag.HasErrors, Is.EqualTo(valid), "validator: " + string.Join("; ", bag.Sorted()));

        var schema = JsonSchema.FromText(JsonSchemaWriter.Write(type));
        var result = schema.Evaluate(ToJson(doc.FrontMatter!), new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });
        Assert.That(result.IsValid, Is.EqualTo(valid), "JSON Schema");
    }

    [Test]
    public void There_are_at_least_twenty_samples() => Assert.That(Samples().Count(), Is.GreaterThanOrEqualTo(20));

    /// <summary>YAML as an editor's YAML language server sees it (YAML 1.2 core schema): plain scalars may be numbers, booleans or null.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        YamlSequence s => new JsonArray(s.Items.Select(ToJson).ToArray()),
        YamlScalar { IsNull: true } => null,
        YamlScalar { Plain: true } p when p.Value is "true" or "false" => JsonValue.Create(p.Value == "true"),
        YamlScalar { Plain: true } p when long.TryParse(p.Value, System.Globalization.CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalar { Plain: true } p when double.TryParse(p.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalar s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException(),
    };
}
