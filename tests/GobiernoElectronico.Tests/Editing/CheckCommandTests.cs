using System.Text.Json;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

/// <summary>`ge check` over Fixtures/check: one instance of every content error code, each at its exact place.</summary>
public class CheckCommandTests
{
    private static readonly string[] Expected =
    [
        "content/activities/workshop.md(9,14): error GE0211: no activity 'best-practice-survey' (content/activities/best-practice-survey.md)",
        "content/countries/bo.md(4,18): warning GE0209: assessment_date 2099-01-15 is in the future",
        "content/countries/bo.md(11,17): error GE0206: link '../practices/nowhere.md' points nowhere: there is no content/practices/nowhere.md",
        "content/countries/bo.md(13,14): error GE0212: content/data/indicators.csv has no 'internet_users' for BO (it has no series for this country); add the sourced series there, or name another indicator",
        "content/countries/bo.md(13,36): warning GE0209: indicator year 2099 is in the future",
        "content/countries/bo.md(17,22): error GE0207: image '../media/missing.jpg' points nowhere: there is no content/media/missing.jpg (images and files go under content/media/)",
        "content/countries/bo.md(17,57): warning GE0210: '/practices/valid/index.html' starts with '/', which breaks the site opened from a folder or a USB stick; use a relative link",
        "content/notes/todo.txt(1,1): warning GE0004: this file belongs to no content type and is ignored (expected site.yml, data/indicators.csv, media/…, or <name>.md in countries/, practices/, activities/, organisations/, directory/, telecentres/ or workshops/)",
        "content/practices/Bad Name.md(1,1): error GE0204: the file name 'Bad Name' is not a valid slug: rename the file with lower-case letters, digits and hyphens, or set 'slug'",
        "content/practices/bad-country.md(3,10): error GE0201: 'ZZ' is not an ISO 3166-1 alpha-2 country code (e.g. BO, PE, BR)",
        "content/practices/bad-enum.md(3,19): error GE0104: 'municipal' is not allowed for 'government_level' (allowed: national, regional, local)",
        "content/practices/bad-number.md(4,15): error GE0102: 'illustrative' must be true or false, not 'maybe'",
        "content/practices/bad-utf8.md(2,12): error GE0005: the file is not valid UTF-8 (0xFF here); save it with UTF-8 encoding",
        "content/practices/con.md(1,1): error GE0109: the file name 'con' is a name Windows reserves for a device ('con'), so the site could not be copied to Windows or to some USB sticks; rename the file or set 'slug'",
        "content/practices/deep.md(14,42): error GE0108: values are nested more than 32 levels deep here; front matter needs a few levels at most",
        "content/practices/dup-key.md(3,1): error GE0106: 'title' is given twice; keep one",
        "content/practices/dup-slug-b.md(3,7): error GE0202: slug 'shared-slug' is already used by content/practices/dup-slug-a.md; each practice needs its own",
        "content/practices/future.md(3,15): warning GE0209: year_started 2099 is in the future but the status is 'operating'; use 'planned' or correct the year",
        "content/practices/linked.md(1,1): error GE0006: this is a symbolic link; content is read only from regular files inside content/, so it is not read or published. Copy the file here instead",
        "content/practices/malformed.md(3,1): error GE0001: malformed YAML: While parsing a flow sequence, did not find expected ',' or ']' (a list in [ ] needs a comma between items and a closing ]: pillars: [services, systems])",
        "content/practices/missing.md(2,1): error GE0103: required field 'summary' is missing (one-paragraph summary, shown in lists and search results)",
        "content/practices/no-assessment.md(3,10): error GE0203: country 'AR' has no published assessment (content/countries/ar.md does not exist); add it or correct the code",
        "content/practices/no-front-matter.md(1,1): error GE0002: the document must start with a front-matter block: a line '---', the YAML fields, and a closing '---'",
        "content/practices/out-of-range.md(3,7): error GE0204: 'Not_A_Slug' is not a valid slug: use lower-case letters, digits and single hyphens",
        "content/practices/placeholder.md(10,43): warning GE0213: 'Condición pendiente' is a placeholder 'ge new' wrote; write the real value, or put back 'draft: true' until it is ready",
        "content/practices/placeholder.md(12,10): warning GE0213: 'Resumen pendiente.' is a placeholder 'ge new' wrote; write the real value, or put back 'draft: true' until it is ready",
        "content/practices/placeholder.md(17,1): warning GE0213: '…' is a placeholder 'ge new' wrote; write the text, or put back 'draft: true' until it is ready",
        "content/practices/range.md(3,15): error GE0105: 'year_started' must be from 1950 to 2100, not 1800",
        "content/practices/unknown-field.md(3,1): error GE0101: unknown field 'summry'",
        "content/practices/unsafe-url.md(13,34): error GE0107: 'url' uses the scheme 'javascript:', which is not allowed (allowed: http, https, mailto or a relative link): ' JaVaScRiPt:alert(1)'",
        "content/practices/unterminated.md(1,1): error GE0003: the front matter opened on line 1 is never closed; add a line '---' after the last field",
        "content/practices/valid.md(3,12): error GE0208: practice 'draft-one' is a draft; it is not published",
        "content/practices/valid.md(3,23): error GE0208: no practice 'nonexistent' (content/practices/nonexistent.md)",
        "content/practices/valid.md(3,36): error GE0208: practice 'bad-enum' is not published because content/practices/bad-enum.md has errors of its own; fix those first",
        "content/practices/valid.md(16,43): error GE0206: link 'draft-one.md' points to a draft (content/practices/draft-one.md), which is not published",
    ];

    [Category("Process")]
    [Test]
    public void Reports_every_problem_with_its_exact_place()
    {
        var r = GeProcess.Run(Repo.Fixture("check"), "check");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = Array.IndexOf(lines, "27 error(s), 8 warning(s).");
        Assert.That(summary, Is.EqualTo(Expected.Length), r.Out);
        Assert.That(lines[..summary], Is.EqualTo(Expected));
        // After the summary, the drafts the committee still has to review.
        Assert.That(lines[(summary + 1)..], Has.Length.EqualTo(2).And.Some.EndsWith(".md"));
    }

    [Test]
    public void The_fixture_has_every_content_code()
    {
        var codes = Expected.Select(l => l.Split(": ")[1].Split(' ')[1]).ToHashSet();
        var buildOnly = new[] { ErrorCodes.MissingSiteConfig, ErrorCodes.TemplateError, ErrorCodes.OutputError, ErrorCodes.NotAQuestionnaire, ErrorCodes.NotADraft };
        Assert.That(codes, Is.EquivalentTo(ErrorCodes.Descriptions.Keys.Except(buildOnly)));
    }

    [Category("Process")]
    [Test]
    public void Json_format_for_tools()
    {
        var r = GeProcess.Run(Repo.Fixture("check"), "check", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("errors").GetInt32(), Is.EqualTo(27));
        Assert.That(doc.RootElement.GetProperty("warnings").GetInt32(), Is.EqualTo(8));
        var first = doc.RootElement.GetProperty("diagnostics")[1];
        Assert.That(first.GetProperty("path").GetString(), Is.EqualTo("content/countries/bo.md"));
        Assert.That(first.GetProperty("line").GetInt32(), Is.EqualTo(4));
        Assert.That(first.GetProperty("column").GetInt32(), Is.EqualTo(18));
        Assert.That(first.GetProperty("severity").GetString(), Is.EqualTo("warning"));
        Assert.That(first.GetProperty("code").GetString(), Is.EqualTo("GE0209"));
    }

    [Category("Process")]
    [Test]
    public void Clean_content_exits_zero_and_warnings_fail_only_when_asked()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        var clean = GeProcess.Run(dir.Path, "check");
        Assert.That(clean.ExitCode, Is.Zero, clean.Out);
        var said = clean.Out.Trim().Split('\n');
        Assert.That(said[0], Is.EqualTo("No problems found."));
        Assert.That(said[1..], Is.EqualTo(new[]
        {
            "Drafts to review before removing 'draft: true' (2):", "  content/countries/cl.md", "  content/practices/draft-practice.md",
            "Survey: 1 of 33 countries have a draft assessment to review, imported answers included (CL).",
        }), "then the drafts the committee still has to review");

        dir.Write("content/notes.txt", "stray");
        Assert.That(GeProcess.Run(dir.Path, "check").ExitCode, Is.Zero, "a warning alone does not fail");
        var strict = GeProcess.Run(dir.Path, "check", "--warnings-as-errors");
        Assert.That(strict.ExitCode, Is.EqualTo(1));
        Assert.That(strict.Out, Does.Contain("content/notes.txt(1,1): warning GE0004"));
    }

    [Category("Process")]
    [Test]
    public void A_missing_site_yml_is_reported()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        File.Delete(dir["content/site.yml"]);
        var r = GeProcess.Run(dir.Path, "check");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.StartWith("content/site.yml(1,1): error GE0205: "));
    }
}
