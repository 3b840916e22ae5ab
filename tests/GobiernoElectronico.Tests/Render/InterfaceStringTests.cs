using System.Text.RegularExpressions;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>An interface string a language lacks is an error, never a stray key word on a page.</summary>
public partial class InterfaceStringTests
{
    [GeneratedRegex(@"\bt((?:\.[a-z_]+)+)(\[)?")]
    private static partial Regex TemplateString();

    [TestCase("es")]
    [TestCase("pt")]
    [TestCase("en")]
    public void Every_string_a_template_names_is_in_each_language(string language)
    {
        var labels = Labels.Load(Repo.Templates, language, new DiagnosticBag())!;
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Repo.Templates, "*.html", SearchOption.AllDirectories))
            foreach (Match m in TemplateString().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups[1].Value[1..];
                // t.section.map[key]: a map whose entries are read by key; it must exist with at least one entry.
                var found = m.Groups[2].Success ? labels.Section(key).Count > 0 : labels.Find(key) is not null || labels.Section(key).Count > 0;
                if (!found) missing.Add($"{Path.GetFileName(file)}: t.{key}");
            }
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void A_string_missing_from_a_language_fails_the_build_at_its_file()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Templates, "templates");
        var pt = dir["templates/i18n/pt.yml"];
        File.WriteAllText(pt, Regex.Replace(File.ReadAllText(pt), @"(?m)^(nav:\n(?:  .*\n)*?)  home: .*\n", "$1"));
        Assert.That(File.ReadAllText(pt), Does.Not.Contain("  home: Início"));
        var result = BuildPipeline.Build(new BuildOptions(Path.Combine(Repo.Fixture("mini"), "content"), dir["templates"], dir["site"]));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.ToString()),
            Has.Some.Match(@"templates/i18n/pt\.yml\(1,1\): error GE0301: the interface string 'nav\.home' is missing"));
        Assert.That(Directory.Exists(dir["site"]), Is.False, "no half-written site");
    }
}
