using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>A content tree with one of each kind of mistake, built through the real CLI.</summary>
public class ErrorReportingTests
{
    private static readonly string[] Expected =
    [
        "content/countries/xx.md(1,1): error GE0201: the file name 'xx' is not an ISO 3166-1 alpha-2 country code; name the file after the country, e.g. bo.md",
        "content/practices/bad-country.md(3,10): error GE0201: 'XQ' is not an ISO 3166-1 alpha-2 country code (e.g. BO, PE, BR)",
        "content/practices/bad-status.md(9,9): error GE0104: 'operatng' is not allowed for 'status'; did you mean 'operating'? (allowed: planned, pilot, operating, discontinued)",
        "content/practices/dup-b.md(3,7): error GE0202: slug 'same-slug' is already used by content/practices/dup-a.md; each practice needs its own",
        "content/practices/malformed.md(15,1): error GE0001: malformed YAML: While parsing a flow sequence, did not find expected ',' or ']' (a list in [ ] needs a comma between items and a closing ]: pillars: [services, systems])",
        "content/practices/missing-field.md(2,1): error GE0103: required field 'summary' is missing (one-paragraph summary, shown in lists and search results)",
        "content/practices/no-assessment.md(3,10): error GE0203: country 'CL' has no published assessment (content/countries/cl.md does not exist); add it or correct the code",
        "content/practices/unknown-field.md(2,1): error GE0101: unknown field 'titel'; did you mean 'title'?",
        "content/practices/wrong-type.md(8,15): error GE0102: 'year_started' must be a whole number from 1950 to 2100, not 'nineteen-ninety'",
    ];

    [Category("Process")]
    [Test]
    public void Every_problem_is_one_line_the_exit_code_is_non_zero_and_the_site_is_untouched()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "good");
        var first = GeProcess.Run(dir.Path, "build", "--content", "good", "--templates", Repo.Templates, "--output", "site");
        Assert.That(first.ExitCode, Is.Zero, first.Err);
        var before = SiteSnapshot.Take(dir["site"]);
        Assert.That(before, Is.Not.Empty);

        dir.CopyFrom(Path.Combine(Repo.Fixture("errors"), "content"), "content");
        var result = GeProcess.Run(dir.Path, "build", "--content", "content", "--templates", Repo.Templates, "--output", "site");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[..^1], Is.EqualTo(Expected));
        Assert.That(lines[^1], Does.StartWith("Build failed: 9 error(s)"));
        Assert.That(result.Err + result.Out, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(SiteSnapshot.Take(dir["site"]), Is.EqualTo(before), "a failed build leaves the previous site byte-identical");
        // No temporary folder is left; the build cache is the one the good build left.
        Assert.That(Directory.GetDirectories(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "good", "content", "site", ".site.cache" }));
    }

    [Category("Process")]
    [Test]
    public void A_missing_content_folder_is_a_clear_error()
    {
        using var dir = new TempDir();
        var result = GeProcess.Run(dir.Path, "build", "--content", "nowhere", "--templates", Repo.Templates);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Err, Does.Contain("nowhere(1,1): error GE0005: the content folder does not exist"));
    }
}
