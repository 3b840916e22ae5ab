using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Survey;
using GobiernoElectronico.Tests.Support;
using Jint;

namespace GobiernoElectronico.Tests.Survey;

/// <summary><c>ge import</c>: returned questionnaires into content/ as drafts, hostile files refused, nothing overwritten.</summary>
public class QuestionnaireImportTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static TempDir Copy()
    {
        var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        return dir;
    }

    /// <summary>The .zip the questionnaire page saves for <paramref name="answers"/> (survey.js run by Jint).</summary>
    private static byte[] Saved(string answers)
    {
        using var js = new Engine(o => o.TimeoutInterval(TimeSpan.FromSeconds(30)));
        js.Execute("var window = this;");
        js.Execute(File.ReadAllText(Path.Combine(BuiltSite.Root, "survey", "data.js")));
        js.Execute(File.ReadAllText(Path.Combine(BuiltSite.Root, "assets", "survey.js")));
        js.Execute("function saved(a) { return JSON.stringify(GESurvey.zip(GESurvey.files(window.GESurveyData, JSON.parse(a), '2026-12-01'))); }");
        return JsonSerializer.Deserialize<int[]>(js.Invoke("saved", answers).AsString())!.Select(b => (byte)b).ToArray();
    }

    private static string Answers() => QuestionnaireAgreementTests.Valid().ToJsonString();

    private static string Zip(TempDir dir, string name, params (string Entry, string Text)[] entries)
    {
        var file = dir[name];
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
        return file;
    }

    private static SortedDictionary<string, string> Snapshot(TempDir dir) => SiteSnapshot.Take(dir["content"]);

    [Test]
    public void An_answer_goes_beside_the_published_assessment_and_a_second_beside_the_first_and_check_is_clean()
    {
        using var dir = Copy();
        var zip = dir["answer.zip"];
        File.WriteAllBytes(zip, Saved(Answers()));
        var published = File.ReadAllText(dir["content/countries/br.md"]);

        var bag = new DiagnosticBag();
        var first = QuestionnaireImport.Import([zip], dir["content"], Today, bag);
        Assert.That(bag.Count, Is.Zero, string.Join('\n', bag.Sorted()));
        Assert.That(first!.Select(p => p.Target), Is.EqualTo(new[] { "countries/br.answer-2026-12-01.md", "practices/br-atendimento-digital-municipal.md" }));
        var second = QuestionnaireImport.Import([zip], dir["content"], Today, bag);
        Assert.That(second!.Select(p => p.Target), Is.EqualTo(new[] { "countries/br.answer-2026-12-01-2.md", "practices/br-atendimento-digital-municipal-2.md" }));
        Assert.That(File.ReadAllText(dir["content/countries/br.md"]), Is.EqualTo(published), "the published assessment is untouched");

        var check = new DiagnosticBag();
        IReadOnlyList<GobiernoElectronico.Load.SourceDocument> documents = [];
        Assert.That(BuildPipeline.LoadAndValidate(new BuildOptions(dir["content"]) { Today = Today }, check, d => documents = d), Is.Not.Null);
        Assert.That(check.Sorted(), Is.Empty, "ge check is clean after the import");
        var report = SurveyStatus.Report(documents).ToList();
        Assert.That(report.Count(l => l.EndsWith("countries/br.answer-2026-12-01.md", StringComparison.Ordinal)), Is.EqualTo(1), string.Join('\n', report));
        Assert.That(report[^1], Does.StartWith("Survey: 1 of 33 countries have a draft assessment to review, imported answers included (BR)"));
        var brazil = SurveyStatus.Countries(documents).Single(c => c.Code == "BR");
        Assert.That(brazil.Published, Is.EqualTo("countries/br.md"));
        Assert.That(brazil.Answers, Has.Count.EqualTo(2));
        Assert.That(SurveyStatusPage.Html(documents), Does.Contain("countries/br.answer-2026-12-01-2.md").And.Contain("1 of 33"));
    }

    [Category("Build")]
    [Test]
    public void Drafts_from_a_questionnaire_reach_no_output_byte_and_once_published_their_text_is_escaped()
    {
        using var dir = Copy();
        var answers = QuestionnaireAgreementTests.Valid();
        answers["assessment"]!["respondent"]!["name"] = "Respondent-Zq7 <b>private</b>";
        answers["practices"]![0]!["title"] = "Zq7 practice <script>alert(1)</script>";
        answers["practices"]![0]!["summary"] = "Zq7 summary \"quoted\" <img src=x onerror=alert(1)>";
        File.WriteAllBytes(dir["a.zip"], Saved(answers.ToJsonString()));
        var bag = new DiagnosticBag();
        var placed = QuestionnaireImport.Import([dir["a.zip"]], dir["content"], Today, bag);
        Assert.That(placed, Is.Not.Null, string.Join('\n', bag.Sorted()));
        var slug = Path.GetFileNameWithoutExtension(placed!.Single(p => p.Target.StartsWith("practices/", StringComparison.Ordinal)).Target);
        Assert.That(slug, Is.EqualTo("br-zq7-practice-script-alert-1-script"));

        var site = dir["site"];
        var built = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, site) { Today = Today });
        Assert.That(built.Succeeded, string.Join('\n', built.Diagnostics));
        Assert.That(SiteSnapshot.FilesContaining(site, "Zq7"), Is.Empty, "no page, data file, search shard or index byte holds the drafts");

        // The committee publishes the practice: its text is shown, escaped; the respondent never is.
        var practice = dir[$"content/practices/{slug}.md"];
        File.WriteAllText(practice, File.ReadAllText(practice).Replace("draft: true", "draft: false", StringComparison.Ordinal));
        File.WriteAllText(dir["content/countries/br.md"], File.ReadAllText(dir["content/countries/br.answer-2026-12-01.md"]).Replace("draft: true", "draft: false", StringComparison.Ordinal));
        File.Delete(dir["content/countries/br.answer-2026-12-01.md"]);
        built = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, site) { Today = Today });
        Assert.That(built.Succeeded, string.Join('\n', built.Diagnostics));
        var page = File.ReadAllText(Path.Combine(site, "practices", slug, "index.html"));
        Assert.That(page, Does.Contain("Zq7 practice &lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(page, Does.Not.Contain("<script>alert(1)").And.Not.Contain("<img src=x"));
        Assert.That(SiteSnapshot.FilesContaining(site, "Respondent-Zq7"), Is.Empty, "who answered is private");
    }

    [Test]
    public void A_second_assessment_beside_the_published_one_must_stay_a_draft_and_be_named_with_a_label()
    {
        using var dir = Copy();
        var published = File.ReadAllText(dir["content/countries/pe.md"]);
        var draft = "---\ndraft: true\n" + published["---\n".Length..];
        dir.Write("content/countries/pe.answer-2026-12-01.md", draft);
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(dir["content"]) { Today = Today }, bag);
        Assert.That(bag.Sorted().Where(d => d.Severity == Severity.Error), Is.Empty, string.Join('\n', bag.Sorted()));
        Assert.That(content!.Countries.Count(c => c.Code == "PE"), Is.EqualTo(1), "the draft beside it is not published");

        dir.Write("content/countries/pe.answer-2026-12-01.md", published);
        dir.Write("content/countries/pe.Otra_Version.md", draft);
        bag = new DiagnosticBag();
        Assert.That(BuildPipeline.LoadAndValidate(new BuildOptions(dir["content"]) { Today = Today }, bag), Is.Null);
        var errors = bag.Sorted().Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Has.Some.Contains("pe.answer-2026-12-01.md(").And.Contains("is a second assessment of PE and must stay a draft"));
        Assert.That(errors, Has.Some.Contains("pe.Otra_Version.md(1,1): error GE0201"));
    }

    private static readonly string Draft = "---\ntitle: \"T\"\ndraft: true\n---\n";

    public static IEnumerable<TestCaseData> Hostile()
    {
        TestCaseData Case(string name, string code, Func<TempDir, string> make) => new TestCaseData(code, make).SetName($"Refused: {name}");
        yield return Case("a path out of the content folder", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("countries/br.md", Draft), ("../../evil.md", Draft)));
        yield return Case("an absolute path", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("/etc/cron.d/x.md", Draft)));
        yield return Case("another folder of content", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("countries/br.md", Draft), ("site.yml", "title: x")));
        yield return Case("a backslash path", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("countries\\br.md", Draft)));
        yield return Case("two assessments", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("countries/br.md", Draft), ("countries/pe.md", Draft)));
        yield return Case("no assessment", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("practices/a.md", Draft)));
        yield return Case("not a zip", ErrorCodes.NotAQuestionnaire, d => d.Write("x.zip", "---\ndraft: true\n---\n"));
        yield return Case("a missing file", ErrorCodes.NotAQuestionnaire, d => d["nothing.zip"]);
        yield return Case("not UTF-8", ErrorCodes.NotAQuestionnaire, d =>
        {
            var file = d["x.zip"];
            using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
            using var s = zip.CreateEntry("countries/br.md").Open();
            s.Write([0x2D, 0x2D, 0x2D, 0x0A, 0xC3, 0x28, 0x0A]);
            return file;
        });
        yield return Case("a compression bomb", ErrorCodes.NotAQuestionnaire, d => Zip(d, "x.zip", ("countries/br.md", Draft + new string(' ', 6 * 1024 * 1024))));
        yield return Case("a published document", ErrorCodes.NotADraft, d => Zip(d, "x.zip", ("countries/br.md", Draft.Replace("draft: true", "draft: false", StringComparison.Ordinal))));
        yield return Case("a file with errors", ErrorCodes.MissingField, d => Zip(d, "x.zip", ("countries/br.md", Draft)));
    }

    [TestCaseSource(nameof(Hostile))]
    public void A_file_that_is_not_a_clean_questionnaire_imports_nothing(string code, Func<TempDir, string> make)
    {
        using var dir = Copy();
        var before = Snapshot(dir);
        var valid = dir["valid.zip"];
        File.WriteAllBytes(valid, Saved(Answers()));
        var bag = new DiagnosticBag();
        Assert.That(QuestionnaireImport.Import([valid, make(dir)], dir["content"], Today, bag), Is.Null);
        Assert.That(bag.Sorted().Select(d => d.Code), Does.Contain(code), string.Join('\n', bag.Sorted()));
        Assert.That(bag.Sorted().All(d => d.ToString().Contains(".zip", StringComparison.Ordinal)), string.Join('\n', bag.Sorted()));
        Assert.That(Snapshot(dir), Is.EqualTo(before), "nothing was written, not even the valid file given with it");
    }

    [Category("Process")]
    [Test]
    public void Ge_import_says_where_each_file_went_and_fails_with_located_errors()
    {
        using var dir = Copy();
        File.WriteAllBytes(dir["ok.zip"], Saved(Answers()));
        var bad = QuestionnaireAgreementTests.Valid();
        bad["practices"]![0]!["year_started"] = "dos mil";
        File.WriteAllBytes(dir["bad.zip"], Saved(bad.ToJsonString()));

        var failed = GeProcess.Run(dir.Path, "import", "bad.zip");
        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Err, Does.Match(@"bad\.zip/practices/br-atendimento-digital-municipal\.md\(\d+,\d+\): error GE0102: 'year_started' must be"));
        Assert.That(failed.Err, Does.Contain("nothing was imported"));

        var ok = GeProcess.Run(dir.Path, "import", "ok.zip");
        Assert.That(ok.ExitCode, Is.Zero, ok.Err);
        Assert.That(ok.Out, Does.Contain("ok.zip/countries/br.md -> content/countries/br.answer-"));
        var check = GeProcess.Run(dir.Path, "check", "--warnings-as-errors");
        Assert.That(check.ExitCode, Is.Zero, check.Out);
        Assert.That(check.Out, Does.Contain("No problems found.").And.Contain("Drafts to review before removing 'draft: true' (2):"));
    }
}
