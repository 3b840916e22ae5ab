using AngleSharp.Html.Parser;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>Lists filtered without JavaScript: one pre-rendered page per filter value.</summary>
public class FilteredListTests
{
    [Test]
    public void Each_country_page_of_the_practice_list_holds_exactly_that_countrys_practices()
    {
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), new DiagnosticBag())!;
        var parser = new HtmlParser();
        foreach (var group in content.Practices.GroupBy(p => p.Country))
        {
            var page = Path.Combine(BuiltSite.Root, "practices", "country", group.Key.ToLowerInvariant(), "index.html");
            using var doc = parser.ParseDocument(File.ReadAllText(page));
            var links = doc.QuerySelectorAll("ul.cards .card-title a").Select(a => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, a.GetAttribute("href")!))).ToList();
            // A case study and its translations are one card: in Spanish when there is a Spanish version.
            var caseStudies = group.Where(p => !(p.Translations ?? []).Any(t => string.CompareOrdinal(t, p.Slug) < 0 && content.PracticesBySlug[t].Language == "es") && (p.Language == "es" || !(p.Translations ?? []).Any(t => content.PracticesBySlug[t].Language == "es")))
                .Select(p => p.Slug);
            Assert.That(links.Select(l => Path.GetFileName(Path.GetDirectoryName(l))), Is.EquivalentTo(caseStudies), group.Key);
            Assert.That(links, Has.All.Matches<string>(File.Exists));
            Assert.That(doc.QuerySelector(".filters [aria-current]")!.TextContent, Does.StartWith(content.CountriesByCode[group.Key].Name("es")));
        }
    }

    [Test]
    public void The_list_shows_every_filter_value_with_its_count_and_the_counts_add_up()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "index.html")));
        var total = doc.QuerySelectorAll("ul.cards > li").Length;
        var statuses = doc.QuerySelectorAll(".filters details").First(d => d.QuerySelector("summary")!.TextContent == "Estado").QuerySelectorAll("li");
        var counts = statuses.Select(li => int.Parse(li.TextContent[(li.TextContent.LastIndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(counts.Sum(), Is.EqualTo(total), "each practice has one status");
        foreach (var a in doc.QuerySelectorAll(".filters a"))
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, "practices", a.GetAttribute("href")!)), a.GetAttribute("href"));
    }

    [Test]
    public void Telecentres_are_filtered_by_kind()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "telecentres", "kind", "library", "index.html")));
        Assert.That(doc.QuerySelectorAll("table.telecentres tbody tr").Select(r => r.QuerySelector("th")!.TextContent), Is.EqualTo(new[] { "Faróis do Saber" }));
    }

    [Test]
    public void A_case_study_and_its_translation_are_one_card_that_names_the_other_language()
    {
        var parser = new HtmlParser();
        foreach (var (folder, shown, other, language) in new[] { ("", "guatecompras-es", "guatecompras", "Inglés"), ("en", "guatecompras", "guatecompras-es", "Spanish") })
        {
            using var doc = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, folder, "practices", "index.html")));
            var cards = doc.QuerySelectorAll("ul.cards li.card").Where(c => c.QuerySelector(".card-title a")!.GetAttribute("href")!.Contains("/guatecompras", StringComparison.Ordinal)).ToList();
            Assert.That(cards, Has.Count.EqualTo(1), folder);
            Assert.That(cards[0].QuerySelector(".card-title a")!.GetAttribute("href"), Does.Contain($"/{shown}/"));
            var links = cards[0].QuerySelectorAll("p.meta a");
            var also = links[^1];
            Assert.That(also.GetAttribute("href"), Does.Contain($"/{other}/"));
            Assert.That(also.TextContent, Is.EqualTo(language));
        }
    }

    [TestCase("relation", "g2b", "G2B")]
    [TestCase("decade", "2000", "2000–2009")]
    public void Practices_filter_by_relation_and_by_decade(string facet, string value, string label)
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", facet, value, "index.html")));
        Assert.That(doc.QuerySelector(".filters [aria-current]")!.TextContent, Does.StartWith(label));
        Assert.That(doc.QuerySelectorAll("ul.cards li.card"), Is.Not.Empty);
    }
}
