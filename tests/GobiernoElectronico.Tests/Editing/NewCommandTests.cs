using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

public class NewCommandTests
{
    private static TempDir Copy()
    {
        var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        return dir;
    }

    [Category("Process")]
    [TestCase("AW")]
    [TestCase("ky")]
    [TestCase("FR")]
    public void A_new_country_passes_check_as_written(string code)
    {
        using var dir = Copy();
        var r = GeProcess.Run(dir.Path, "new", "country", code);
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        var file = dir[$"content/countries/{code.ToLowerInvariant()}.md"];
        Assert.That(File.ReadAllText(file), Does.Contain("# yaml-language-server: $schema=../.schemas/country.schema.json"));
        var check = GeProcess.Run(dir.Path, "check", "--warnings-as-errors");
        Assert.That(check.ExitCode, Is.Zero, check.Out);
    }

    [Category("Process")]
    [Test]
    public void A_new_country_starts_from_the_real_figures_of_the_data_and_builds_without_a_typed_number()
    {
        using var dir = Copy();
        Assert.That(GeProcess.Run(dir.Path, "new", "country", "AW").ExitCode, Is.Zero);
        var file = dir["content/countries/aw.md"];
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Contain("- id: internet_users").And.Contain("- id: personal_computers_per_100_people"));
        Assert.That(text, Does.Not.Contain("value:"));
        File.WriteAllText(file, text.Replace("draft: true", "draft: false"));
        var build = GeProcess.Run(dir.Path, "build", "--content", "content", "--templates", Repo.Templates, "--output", "site");
        Assert.That(build.ExitCode, Is.Zero, build.Err);
        var page = File.ReadAllText(dir["site/countries/aw/index.html"]);
        var latest = File.ReadAllLines(dir["content/data/indicators.csv"]).Where(l => l.StartsWith("AW,internet_users,", StringComparison.Ordinal)).Last().Split(',')[4];
        Assert.That(page, Does.Match($"<td[^>]*>{latest}</td>"), "the latest year of the series is on the page");
    }

    [Category("Process")]
    [TestCase("Ventanilla única municipal", "BO", "es", "ventanilla-unica-municipal")]
    [TestCase("Prefeitura \"digital\": serviços", "br", "pt", "prefeitura-digital-servicos")]
    [TestCase("Parish council's online permits", "JM", "en", "parish-council-s-online-permits")]
    public void A_new_practice_passes_check_as_written(string title, string country, string language, string slug)
    {
        using var dir = Copy();
        var r = GeProcess.Run(dir.Path, "new", "practice", title, "--country", country, "--language", language);
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        var text = File.ReadAllText(dir[$"content/practices/{slug}.md"]);
        Assert.That(text, Does.Contain("# yaml-language-server: $schema=../.schemas/practice.schema.json").And.Contain($"language: {language}"));
        var check = GeProcess.Run(dir.Path, "check", "--warnings-as-errors");
        Assert.That(check.ExitCode, Is.Zero, check.Out);
        // Published as written (draft line removed) it is valid, but every placeholder left is named: a reader
        // would otherwise see «Resumen pendiente.» on the site.
        File.WriteAllText(dir[$"content/practices/{slug}.md"], string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("draft:", StringComparison.Ordinal))));
        var published = GeProcess.Run(dir.Path, "check");
        Assert.That(published.ExitCode, Is.Zero, published.Out);
        var warnings = published.Out.Split('\n').Where(l => l.Contains("warning GE0213", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(6), published.Out); // condition, summary, source and three paragraphs
        Assert.That(warnings, Has.All.StartWith($"content/practices/{slug}.md("));
        Assert.That(GeProcess.Run(dir.Path, "check", "--warnings-as-errors").ExitCode, Is.EqualTo(1));
    }

    [Category("Process")]
    [Test]
    public void Right_after_a_new_country_a_new_practice_for_it_is_a_draft_beside_a_draft()
    {
        using var dir = Copy();
        // A country with no file yet: drop Guyana's assessment and the documents that name it.
        foreach (var f in new[] { "countries/gy.md", "practices/guyana-ict-hubs.md", "telecentres/guyana-ict-hubs.md", "organisations/pnud.md" })
            File.Delete(dir[$"content/{f}"]);
        Assert.That(GeProcess.Run(dir.Path, "check").ExitCode, Is.Zero, "the copy is consistent");
        var missing = GeProcess.Run(dir.Path, "new", "practice", "Hub comunitario", "--country", "GY");
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.Err, Does.Contain("there is no assessment of 'GY'").And.Contain("ge new country GY"));

        Assert.That(GeProcess.Run(dir.Path, "new", "country", "GY").ExitCode, Is.Zero);
        var r = GeProcess.Run(dir.Path, "new", "practice", "Hub comunitario", "--country", "GY");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        Assert.That(r.Err, Does.Contain("the assessment of 'GY'").And.Contain("is still a draft"));
        var check = GeProcess.Run(dir.Path, "check");
        Assert.That(check.ExitCode, Is.Zero, check.Out);
    }

    [Category("Process")]
    [TestCase("activity", "Taller nacional en Quito", null)]
    [TestCase("organisation", "Unión Internacional de Telecomunicaciones", null)]
    [TestCase("directory", "Secretaría de Gobierno Digital", "PE")]
    [TestCase("telecentre", "Telecentro de El Alto", "bo")]
    [TestCase("workshop", "Taller local de La Paz", "BO")]
    public void Every_other_type_passes_check_as_written(string type, string title, string? country)
    {
        using var dir = Copy();
        var args = new List<string> { "new", type, title };
        if (country is not null) args.AddRange(["--country", country]);
        var r = GeProcess.Run(dir.Path, [.. args]);
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        var file = r.Out.Trim()["wrote ".Length..];
        Assert.That(File.ReadAllText(Path.Combine(dir.Path, file)), Does.StartWith($"---\n# yaml-language-server: $schema=../.schemas/{type}.schema.json"));
        var check = GeProcess.Run(dir.Path, "check", "--warnings-as-errors");
        Assert.That(check.ExitCode, Is.Zero, check.Out);
        Assert.That(GeProcess.Run(dir.Path, [.. args]).ExitCode, Is.EqualTo(1), "never overwrites");
    }

    [Category("Process")]
    [Test]
    public void New_never_overwrites()
    {
        using var dir = Copy();
        var before = File.ReadAllText(dir["content/countries/bo.md"]);
        var r = GeProcess.Run(dir.Path, "new", "country", "BO");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("already exists").And.Contain("never overwrites"));
        Assert.That(File.ReadAllText(dir["content/countries/bo.md"]), Is.EqualTo(before));

        var practice = GeProcess.Run(dir.Path, "new", "practice", "SIAF Peru", "--country", "PE", "--slug", "siaf-peru");
        Assert.That(practice.ExitCode, Is.EqualTo(1));
        Assert.That(practice.Err, Does.Contain("already exists"));
    }

    [Category("Process")]
    [Test]
    public void A_practice_needs_a_published_country()
    {
        using var dir = Copy();
        var r = GeProcess.Run(dir.Path, "new", "practice", "Algo", "--country", "AW");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("ge new country AW"));
        Assert.That(Directory.GetFiles(dir["content/practices"]), Has.None.Contain("algo"));
    }
}
