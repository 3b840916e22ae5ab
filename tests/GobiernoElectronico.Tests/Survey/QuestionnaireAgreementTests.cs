using System.Text.Json;
using System.Text.Json.Nodes;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Survey;
using GobiernoElectronico.Tests.Support;
using Jint;

namespace GobiernoElectronico.Tests.Survey;

/// <summary>
/// The questionnaire's checks (survey.js, run by Jint over the shipped site's survey/data.js) and the validator
/// (<c>ge import</c>, which validates as <c>ge check</c>) must give the same verdict on the same answers: each
/// answer below is checked by both — the page's problems, and the validator's problems on the file the page saves.
/// </summary>
public sealed class QuestionnaireAgreementTests : IDisposable
{
    private const string Today = "2026-12-01";
    private static readonly DateOnly TodayDate = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);

    private Engine _js = null!;
    private TempDir _content = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _js = new Engine(o => o.TimeoutInterval(TimeSpan.FromSeconds(30)));
        _js.Execute("var window = this;");
        _js.Execute(File.ReadAllText(Path.Combine(BuiltSite.Root, "pt", "survey", "data.js")));
        _js.Execute(File.ReadAllText(Path.Combine(BuiltSite.Root, "assets", "survey.js")));
        _js.Execute("""
            function problems(answers) { return JSON.stringify(GESurvey.check(window.GESurveyData, JSON.parse(answers), '2026-12-01')); }
            function saved(answers) { return JSON.stringify(GESurvey.zip(GESurvey.files(window.GESurveyData, JSON.parse(answers), '2026-12-01'))); }
            function files(answers) { return JSON.stringify(GESurvey.files(window.GESurveyData, JSON.parse(answers), '2026-12-01')); }
            """);
        _content = new TempDir();
        _content.CopyFrom(Repo.Content, "content");
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        if (_js is null) return;
        _js.Dispose();
        _content.Dispose();
    }

    /// <summary>Answers that both must accept: a whole assessment of a country, with a practice.</summary>
    public static JsonObject Valid() => JsonNode.Parse("""
        {
          "country": "BR",
          "assessment": {
            "name": { "pt": "Brasil", "es": "Brasil", "en": "Brazil" },
            "assessment_date": "2026-11-20",
            "language": "pt",
            "summary": "O país avançou em identidade digital e serviços unificados.",
            "pillars": {
              "infrastructure": { "level": "expanding", "narrative": "A rede nacional chega às capitais.\n\n- backbone\n- telecentros",
                "evidence": [ { "title": "Plano de conectividade", "publisher": "MCom", "year": "2024", "url": "https://www.gov.br/mcom" } ] },
              "systems": { "level": "interoperable", "narrative": "Cadastros base compartilhados." },
              "services": { "level": "transactional", "narrative": "Serviços completos no gov.br." }
            },
            "respondent": { "name": "Maria Souza", "institution": "Secretaria de Governo Digital", "email": "maria@example.org" },
            "body": "Observações gerais."
          },
          "practices": [
            {
              "title": "Atendimento digital municipal",
              "government_level": "local",
              "relation": ["G2C"],
              "pillars": ["services"],
              "sectors": ["local-administration"],
              "year_started": "2019",
              "status": "operating",
              "replicability": { "level": "high", "conditions": "Equipe de TI municipal\nConectividade" },
              "funding": "Prefeitura",
              "language": "pt",
              "summary": "Um portal municipal com serviços completos.",
              "sources": [ { "title": "Relatório anual", "year": "2023", "url": "https://example.org/relatorio" } ],
              "body": "Como funciona."
            }
          ]
        }
        """)!.AsObject();

    /// <summary>One change to the valid answers, and the code both must report (null: both must accept).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string? code, Action<JsonObject> change) => new TestCaseData(name, code, change).SetName($"Both_agree: {name}");
        JsonObject A(JsonObject a) => a["assessment"]!.AsObject();
        JsonObject P(JsonObject a) => a["practices"]![0]!.AsObject();
        JsonObject Pillar(JsonObject a, string p) => A(a)["pillars"]![p]!.AsObject();
        JsonObject Source(JsonObject a) => P(a)["sources"]![0]!.AsObject();
        const string Hostile = "</script><script>alert(\"x\")</script> & 'q' \\ # : - [a] {b} *c* ---\n---\ndraft: false\n... `code` <img src=x onerror=alert(1)>";

        yield return Case("valid answers", null, _ => { });
        yield return Case("hostile text in every free field is only text", null, a =>
        {
            A(a)["summary"] = Hostile.Replace('\n', ' ');
            A(a)["name"]!["pt"] = "Brasil\" injected: true";
            Pillar(a, "systems")["narrative"] = Hostile;
            A(a)["body"] = Hostile;
            A(a)["respondent"]!["name"] = "#" + Hostile.Replace('\n', ' ');
            P(a)["title"] = "[x](javascript:alert(1)) " + Hostile.Replace('\n', ' ');
            P(a)["summary"] = "- item: value";
            P(a)["funding"] = "&amp;\n\"quoted\"\n'single'";
            Source(a)["title"] = "{{ page.title }} {% raw %}";
            P(a)["body"] = "  indented first line\n---\n<script>alert(1)</script>";
        });
        yield return Case("text in other alphabets and emoji", null, a => P(a)["title"] = "Ñandutí 🇧🇷 Ação 東京 \u00e9\u0301");
        yield return Case("a summary missing", ErrorCodes.MissingField, a => A(a).Remove("summary"));
        yield return Case("a summary of spaces", ErrorCodes.MissingField, a => A(a)["summary"] = "   \n ");
        yield return Case("a level missing", ErrorCodes.MissingField, a => Pillar(a, "services").Remove("level"));
        yield return Case("a level not on the scale", ErrorCodes.ValueNotAllowed, a => Pillar(a, "services")["level"] = "universal");
        yield return Case("a narrative missing", ErrorCodes.MissingField, a => Pillar(a, "systems")["narrative"] = "");
        yield return Case("no name in any language", ErrorCodes.MissingField, a => A(a)["name"] = new JsonObject());
        yield return Case("a date not in the calendar", ErrorCodes.ValueOutOfRange, a => A(a)["assessment_date"] = "2026-02-30");
        yield return Case("a date in another form", ErrorCodes.WrongType, a => A(a)["assessment_date"] = "20/11/2026");
        yield return Case("a date in the future", ErrorCodes.FutureDate, a => A(a)["assessment_date"] = "2027-01-15");
        yield return Case("a javascript: address", ErrorCodes.UnsafeUrl, a => Pillar(a, "infrastructure")["evidence"]![0]!["url"] = "javascript:alert(1)");
        yield return Case("a data: address in capitals", ErrorCodes.UnsafeUrl, a => Source(a)["url"] = " DATA:text/html,<script>alert(1)</script>");
        yield return Case("an address with no host", ErrorCodes.UnsafeUrl, a => Source(a)["url"] = "https://");
        yield return Case("an address without its scheme", ErrorCodes.MissingFile, a => Source(a)["url"] = "www.gov.br/servicos");
        yield return Case("a relative link to a document", ErrorCodes.BrokenLink, a => Source(a)["url"] = "../practices/nada.md");
        yield return Case("a relative link out of the content", ErrorCodes.BrokenLink, a => Source(a)["url"] = "../../../etc/passwd");
        yield return Case("a mailto address", null, a => Source(a)["url"] = "mailto:contato@example.org");
        yield return Case("a source without title", ErrorCodes.MissingField, a => Source(a).Remove("title"));
        yield return Case("a year of letters", ErrorCodes.WrongType, a => Source(a)["year"] = "2O23");
        yield return Case("a year out of range", ErrorCodes.ValueOutOfRange, a => Source(a)["year"] = "1890");
        yield return Case("no source at all", ErrorCodes.MissingField, a => P(a)["sources"] = new JsonArray());
        yield return Case("a start year in the future, operating", ErrorCodes.FutureDate, a => P(a)["year_started"] = "2031");
        yield return Case("a start year in the future, planned", null, a => { P(a)["year_started"] = "2031"; P(a)["status"] = "planned"; });
        yield return Case("no relation", ErrorCodes.MissingField, a => P(a)["relation"] = new JsonArray());
        yield return Case("no sector", ErrorCodes.MissingField, a => P(a)["sectors"] = new JsonArray());
        yield return Case("a level of government not in the list", ErrorCodes.ValueNotAllowed, a => P(a)["government_level"] = "federal");
        yield return Case("a condition listed twice", ErrorCodes.ValueOutOfRange, a => P(a)["replicability"]!["conditions"] = "Equipe\n Equipe ");
        yield return Case("no condition", ErrorCodes.MissingField, a => P(a)["replicability"]!["conditions"] = "\n  \n");
        yield return Case("an invisible control character", ErrorCodes.ValueOutOfRange, a => P(a)["summary"] = "Antes\u0007depois");
        yield return Case("a title too long", ErrorCodes.ValueOutOfRange, a => P(a)["title"] = new string('a', 20_001));
        yield return Case("who answers without a name", ErrorCodes.MissingField, a => A(a)["respondent"]!.AsObject().Remove("name"));
        yield return Case("who answers left out", null, a => A(a).Remove("respondent"));
        yield return Case("no practice", null, a => a["practices"] = new JsonArray());
        yield return Case("an empty practice is no practice", null, a => a["practices"]!.AsArray().Add(new JsonObject()));
        yield return Case("a second practice with the same title", null, a => a["practices"]!.AsArray().Add(JsonNode.Parse(P(a).ToJsonString())));
    }

    [TestCaseSource(nameof(Cases))]
    public void The_page_and_the_validator_agree(string name, string? code, Action<JsonObject> change)
    {
        var answers = Valid();
        change(answers);
        var json = answers.ToJsonString();
        var page = JsonDocument.Parse(_js.Invoke("problems", json).AsString()).RootElement.EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()!).ToHashSet();

        var bytes = JsonSerializer.Deserialize<int[]>(_js.Invoke("saved", json).AsString())!.Select(b => (byte)b).ToArray();
        var zip = Path.Combine(_content.Path, $"answer-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(zip, bytes);
        var bag = new DiagnosticBag();
        QuestionnaireImport.Plan([zip], _content["content"], TodayDate, bag);
        var validator = bag.Sorted().Select(d => d.Code).ToHashSet();

        Assert.That(page, Is.EquivalentTo(validator), $"{name}: the page says {string.Join(", ", page)}; the validator says:\n{string.Join('\n', bag.Sorted())}");
        if (code is null) Assert.That(validator, Is.Empty, name);
        else Assert.That(validator, Does.Contain(code), name);
    }

    [Test]
    public void What_is_typed_is_what_the_file_holds_exactly_hostile_text_included()
    {
        var answers = Valid();
        const string Tricky = "</script>\"x\": y\n---\ndraft: false\n  # not a comment \\n \u2028 end";
        answers["practices"]![0]!["summary"] = "a: b # c \"d\" \\e 'f'";
        answers["assessment"]!["pillars"]!["systems"]!["narrative"] = Tricky;
        var files = JsonDocument.Parse(_js.Invoke("files", answers.ToJsonString()).AsString()).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("text").GetString()!);
        Assert.That(files.Keys, Is.EquivalentTo(new[] { "countries/br.md", "practices/br-atendimento-digital-municipal.md" }));

        var bag = new DiagnosticBag();
        var country = ContentLoader.Parse(files["countries/br.md"], "br.md", ContentKind.Country, "br", bag)!;
        var practice = ContentLoader.Parse(files["practices/br-atendimento-digital-municipal.md"], "p.md", ContentKind.Practice, "p", bag)!;
        Assert.That(bag.Count, Is.Zero, string.Join('\n', bag.Sorted()));
        var systems = (YamlMapping)((YamlMapping)country.FrontMatter!["pillars"]!)["systems"]!;
        Assert.That(((YamlScalar)systems["narrative"]!).Value, Is.EqualTo(Tricky));
        Assert.That(((YamlScalar)practice.FrontMatter!["summary"]!).Value, Is.EqualTo("a: b # c \"d\" \\e 'f'"));
        Assert.That(((YamlScalar)country.FrontMatter["draft"]!).Value, Is.EqualTo("true"), "the hostile 'draft: false' stayed inside the narrative");
        Assert.That(((YamlScalar)practice.FrontMatter["draft"]!).Value, Is.EqualTo("true"));
        Assert.That(((YamlScalar)practice.FrontMatter["country"]!).Value, Is.EqualTo("BR"));
        Assert.That(((YamlScalar)country.FrontMatter["committee_role"]!).Value, Is.EqualTo("member"), "the committee role is kept from the published assessment");
    }

    [Test]
    public void Every_field_of_the_schemas_is_asked_or_left_out_with_a_reason()
    {
        static IEnumerable<string> Paths(ObjectType type, string scope) => type.Fields.SelectMany(f =>
        {
            var self = new[] { $"{scope}.{f.Name}" };
            if (QuestionnaireForm.NotAsked.ContainsKey(self[0])) return self; // nor its fields
            return f.Type switch
            {
                ObjectType o => self.Concat(Paths(o, o.Name.StartsWith("pillar ", StringComparison.Ordinal) ? "pillar" : o.Name.Replace(' ', '_'))),
                ListType { Item: ObjectType o } => self.Concat(Paths(o, o.Name)),
                _ => self,
            };
        });
        var schema = Paths(ContentSchemas.Country, "country").Concat(Paths(ContentSchemas.Practice, "practice")).ToHashSet();
        var asked = QuestionnaireForm.Flatten(QuestionnaireForm.Country).Concat(QuestionnaireForm.Flatten(QuestionnaireForm.Practice))
            .Where(q => q.Name != "body").Select(q => q.Label["survey.field.".Length..]).ToHashSet();
        Assert.That(QuestionnaireForm.NotAsked.Keys.Where(k => !schema.Contains(k)), Is.Empty, "NotAsked names fields the schemas no longer have");
        Assert.That(schema.Where(p => !asked.Contains(p) && !QuestionnaireForm.NotAsked.ContainsKey(p)), Is.Empty, "fields neither asked nor left out");
    }

    [TestCase("es")]
    [TestCase("pt")]
    [TestCase("en")]
    public void Every_question_and_message_has_its_text_in_each_language(string language)
    {
        var labels = GobiernoElectronico.I18n.Labels.Load(Repo.Templates, language, new DiagnosticBag())!;
        Assert.That(QuestionnaireForm.LabelKeys().Where(k => labels.Find(k) is null), Is.Empty);
        Assert.That(GESurveyKeys("msg").Where(k => labels.Find("survey.msg." + k) is null), Is.Empty);
        var english = GobiernoElectronico.I18n.Labels.Load(Repo.Templates, "en", new DiagnosticBag())!;
        Assert.That(english.Section("survey").Keys.Where(k => labels.Find("survey." + k) is null), Is.Empty, "a string English has and this language lacks");
    }

    /// <summary>The message keys survey.js uses (its table of codes).</summary>
    private IEnumerable<string> GESurveyKeys(string _) =>
        JsonDocument.Parse(_js.Evaluate("JSON.stringify(GESurvey.codes)").AsString()).RootElement.EnumerateObject().Select(p => p.Name);
}
