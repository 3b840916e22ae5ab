using System.Globalization;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>
/// One source for every figure: a country file names indicators by id, and every number on a country page
/// comes from content/data/indicators.csv with its year and source.
/// </summary>
public class IndicatorSourceTests
{
    private static readonly (string Language, string Folder, CultureInfo Culture)[] Interfaces =
        [("es", "", new CultureInfo("es")), ("pt", "pt", new CultureInfo("pt-BR")), ("en", "en", new CultureInfo("en"))];

    [Test]
    public void Every_figure_on_every_country_page_is_in_the_data_with_its_year_and_source()
    {
        var data = File.ReadAllLines(Path.Combine(Repo.Content, "data", "indicators.csv")).Skip(1)
            .Select(l => Csv(l)).Select(f => (Country: f[0], Year: int.Parse(f[4], CultureInfo.InvariantCulture), Value: double.Parse(f[5], CultureInfo.InvariantCulture), Source: f[6]))
            .ToList();
        var parser = new HtmlParser();
        var figures = 0;
        foreach (var (language, folder, culture) in Interfaces)
            foreach (var page in Directory.GetDirectories(Path.Combine(BuiltSite.Root, folder, "countries")))
            {
                var code = Path.GetFileName(page).ToUpperInvariant();
                using var doc = parser.ParseDocument(File.ReadAllText(Path.Combine(page, "index.html")));
                foreach (var row in doc.QuerySelectorAll("table.indicators tbody tr"))
                {
                    var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
                    var value = double.Parse(cells[0], NumberStyles.Float, culture);
                    var year = int.Parse(cells[2], CultureInfo.InvariantCulture);
                    var source = cells[3];
                    Assert.That(data.Any(d => d.Country == code && d.Year == year && d.Source == source && Math.Abs(d.Value - value) <= 0.0051),
                        $"{language} {code}: {row.TextContent.Trim()} is not in content/data/indicators.csv");
                    figures++;
                }
            }
        Assert.That(figures, Is.GreaterThan(100), "the shipped countries show their figures in three languages");
    }

    [Test]
    public void No_country_file_types_a_number_the_data_holds()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Content, "countries"), "*.md"))
            Assert.That(File.ReadAllLines(file).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+(value|source|unit):")), Is.Empty, file);
    }

    private static List<string> Csv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}

/// <summary>A pillar with no open figure says which figure is missing and why, instead of being left bare.</summary>
public class MissingFigureTests
{
    [TestCase("", "Índice de Servicios en Línea")]
    [TestCase("pt", "Índice de Serviços On-line")]
    [TestCase("en", "Online Service Index")]
    public void A_pillar_without_figures_says_which_is_missing_and_why(string folder, string named)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        foreach (var page in Directory.GetDirectories(Path.Combine(BuiltSite.Root, folder, "countries")))
        {
            using var doc = parser.ParseDocument(File.ReadAllText(Path.Combine(page, "index.html")));
            var services = doc.QuerySelector("section[aria-labelledby=pillar-services]")!;
            Assert.That(services.QuerySelector("table.indicators"), Is.Null, page);
            Assert.That(services.QuerySelector(".missing-data")?.TextContent, Does.Contain(named).And.Contain("SOURCES.md"), page);
            var infrastructure = doc.QuerySelector("section[aria-labelledby=pillar-infrastructure]")!;
            Assert.That(infrastructure.QuerySelector("table.indicators"), Is.Not.Null, "a pillar with figures shows them, without the note");
            Assert.That(infrastructure.QuerySelector(".missing-data"), Is.Null);
        }
    }
}

/// <summary>The whole region in the knowledge base: the 33 sovereign states of Latin America and the Caribbean.</summary>
public class RegionCoverageTests
{
    public static readonly string[] SovereignStates = [.. GobiernoElectronico.Schema.Vocabulary.Region];

    [Test]
    public void Every_sovereign_state_of_the_region_has_a_published_assessment_with_real_figures()
    {
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), new Diagnostics.DiagnosticBag())!;
        Assert.That(content.Countries.Select(c => c.Code), Is.EquivalentTo(SovereignStates));
        foreach (var c in content.Countries)
        {
            Assert.That(c.Pillars.Single(p => p.Pillar == "infrastructure").Indicators, Is.Not.Empty, $"{c.Code}: the infrastructure pillar shows the data's figures");
            Assert.That(c.Illustrative || c.CommitteeRole != "none", $"{c.Code}: an editors' assessment says it is illustrative");
        }
        Assert.That(content.Countries.Count(c => c.CommitteeRole != "none"), Is.EqualTo(9), "the committee's nine are kept as they are");
        foreach (var code in SovereignStates)
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, "countries", code.ToLowerInvariant(), "index.html")), code);
        using var overview = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "overview", "index.html")));
        var rows = overview.QuerySelector("table")!.QuerySelectorAll("tbody tr th[scope=row]");
        Assert.That(rows, Has.Length.EqualTo(33), "the regional matrix covers the 33");
        Assert.That(rows.Count(r => r.QuerySelector(".committee") is not null), Is.EqualTo(9), "the committee stays marked");
        Assert.That(rows.Count(r => r.QuerySelector(".illustrative") is not null), Is.EqualTo(content.Countries.Count(c => c.Illustrative)));
    }
}

/// <summary>Every practice's summary in the three interface languages, a translation marked as such.</summary>
public class SummaryTranslationTests
{
    [Test]
    public void Every_shipped_practice_has_its_summary_in_every_interface_language()
    {
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), new Diagnostics.DiagnosticBag())!;
        foreach (var p in content.Practices)
            foreach (var language in content.Site.InterfaceLanguages.Where(l => l != p.Language))
                Assert.That(p.SummaryTranslations.ContainsKey(language)
                    || (p.Translations ?? []).Any(t => content.PracticesBySlug[t].Language == language), $"{p.Slug}: no summary in {language}");
    }

    [Test]
    public void A_list_in_another_language_shows_the_translated_summary_marked_as_a_translation()
    {
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "en", "practices", "index.html")));
        var card = doc.QuerySelectorAll("ul.cards > li").First(li => li.QuerySelector("a")!.GetAttribute("href")!.Contains("siaf-peru", StringComparison.Ordinal));
        var summary = card.QuerySelector("p[lang=en]")!;
        Assert.That(summary.TextContent, Does.StartWith("SIAF records the budget execution").And.EndWith("(translated summary)"));
        Assert.That(card.GetAttribute("lang"), Is.EqualTo("es"), "the card keeps the case study's own language");
        using var es = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "index.html")));
        Assert.That(es.QuerySelectorAll(".translation-note").Select(n => n.ParentElement!.GetAttribute("lang")), Has.All.EqualTo("es"));
    }
}
