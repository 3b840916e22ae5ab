using AngleSharp.Html.Parser;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>The interface in Spanish (default, at the root), Portuguese (pt/) and English (en/).</summary>
public class InterfaceLanguageTests
{
    [TestCase("es", "", "Buenas prácticas", "Países", "70,24", "20 de noviembre de 2026")]
    [TestCase("pt", "pt/", "Boas práticas", "Países", "70,24", "20 de novembro de 2026")]
    [TestCase("en", "en/", "Best practices", "Countries", "70.24", "20 November 2026")]
    public void Each_interface_language_renders(string language, string prefix, string practices, string countries, string number, string date)
    {
        var parser = new HtmlParser();
        using var home = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, prefix, "index.html")));
        Assert.That(home.DocumentElement.GetAttribute("lang"), Is.EqualTo(language));
        Assert.That(home.QuerySelectorAll("nav[aria-label] a").Select(a => a.TextContent), Does.Contain(practices).And.Contain(countries));
        Assert.That(home.QuerySelector(".languages [aria-current]")!.GetAttribute("lang"), Is.EqualTo(language));

        using var bolivia = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, prefix, "countries", "bo", "index.html")));
        Assert.That(bolivia.DocumentElement.GetAttribute("lang"), Is.EqualTo(language));
        Assert.That(bolivia.QuerySelectorAll("td.num").Select(t => t.TextContent), Does.Contain(number), "numbers formatted per language");
        Assert.That(bolivia.QuerySelector(".meta")!.TextContent, Does.Contain(date), "dates formatted per language");
        Assert.That(bolivia.QuerySelector("article")!.GetAttribute("lang"), Is.EqualTo("es"), "the document keeps its own language");
        var alternates = bolivia.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
        Assert.That(alternates, Is.EquivalentTo(new[] { "es", "pt", "en" }));
    }

    [Test]
    public void Translations_of_a_page_link_to_each_other()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "en", "practices", "siaf-peru", "index.html")));
        var links = doc.QuerySelectorAll(".languages a").ToDictionary(a => a.GetAttribute("hreflang")!, a => a.GetAttribute("href")!);
        Assert.That(links["es"], Is.EqualTo("../../../practices/siaf-peru/index.html"));
        Assert.That(links["pt"], Is.EqualTo("../../../pt/practices/siaf-peru/index.html"));
    }

    [Test]
    public void Translations_of_a_document_link_to_each_other_with_hreflang()
    {
        var parser = new HtmlParser();
        using var english = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "guatecompras", "index.html")));
        using var spanish = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "guatecompras-es", "index.html")));
        var toSpanish = english.QuerySelector(".translations a")!;
        Assert.That((toSpanish.GetAttribute("href"), toSpanish.GetAttribute("hreflang")), Is.EqualTo(("../../practices/guatecompras-es/index.html", "es")));
        var toEnglish = spanish.QuerySelector(".translations a")!;
        Assert.That((toEnglish.GetAttribute("href"), toEnglish.GetAttribute("hreflang")), Is.EqualTo(("../../practices/guatecompras/index.html", "en")),
            "declared on one side only, linked both ways");
    }

    [Category("Process")]
    [Test]
    public void A_translation_in_the_same_language_is_an_error()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        var file = dir["content/practices/telecentros-municipales.md"];
        File.WriteAllText(file, File.ReadAllText(file).Replace("language: es", "language: es\ntranslations: [telecentros-municipales]"));
        var r = GeProcess.Run(dir.Path, "check");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("error GE0105: 'telecentros-municipales' is also in 'es'"));
    }

    [Test]
    public void Every_strings_file_has_the_same_keys()
    {
        static IEnumerable<string> Keys(string file)
        {
            var stack = new List<(int Indent, string Key)>();
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
            {
                var indent = line.Length - line.TrimStart().Length;
                stack.RemoveAll(s => s.Indent >= indent);
                stack.Add((indent, line.Trim().Split(':')[0]));
                yield return string.Join('.', stack.Select(s => s.Key));
            }
        }
        var folder = Path.Combine(Repo.Templates, "i18n");
        var spanish = Keys(Path.Combine(folder, "es.yml")).ToHashSet();
        foreach (var file in Directory.GetFiles(folder, "*.yml"))
            Assert.That(Keys(file).ToHashSet(), Is.EquivalentTo(spanish), file);
    }
}

/// <summary>The site's own texts in every interface language (<c>translations</c> in site.yml).</summary>
public class SiteTextTranslationTests
{
    [TestCase("", "es", "Gobierno Electrónico para América Latina y el Caribe", "con énfasis en los gobiernos locales")]
    [TestCase("pt", "pt", "Governo Eletrônico para a América Latina e o Caribe", "com ênfase nos governos locais")]
    [TestCase("en", "en", "E-Government for Latin America and the Caribbean", "with an emphasis on local governments")]
    public void The_home_page_shows_the_title_and_programme_in_its_interface_language(string folder, string language, string title, string programme)
    {
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, folder, "index.html")));
        Assert.That(doc.Title, Is.EqualTo(title), "the home page's title, once");
        Assert.That(doc.QuerySelector("main")!.TextContent, Does.Contain(programme));
        using var other = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, folder, "practices", "index.html")));
        Assert.That(other.Title, Does.EndWith(" · " + title), $"every {language} page names the site in {language}");
    }
}
