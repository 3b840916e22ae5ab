using AngleSharp.Html.Parser;
using GobiernoElectronico.Index;
using GobiernoElectronico.Load;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Tests.Search;

public class RelatedPracticesTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Related(string contentRoot)
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = ContentValidator.Validate(ContentLoader.Load(contentRoot, bag), bag)!;
        using var index = SearchIndex.Build(SearchDocuments.From(content));
        return RelatedPractices.Find(index);
    }

    [Test]
    public void Every_practice_gets_up_to_five_other_published_practices()
    {
        var related = Related(Repo.Content);
        Assert.That(related.Keys, Has.Count.EqualTo(Directory.GetFiles(Path.Combine(Repo.Content, "practices"), "*.md").Length));
        foreach (var (slug, others) in related)
        {
            Assert.That(others, Has.Count.InRange(3, RelatedPractices.Count), slug);
            Assert.That(others, Does.Not.Contain(slug));
            Assert.That(others, Is.Unique);
            Assert.That(others.All(related.ContainsKey), "only published practices");
        }
    }

    [Test]
    public void Similar_practices_come_first()
    {
        var related = Related(Path.Combine(Repo.Fixture("search"), "content"));
        Assert.That(related["telecentro-rural"][0], Is.EqualTo("telecentros-comunitarios").Or.EqualTo("community-telecentres"));
        Assert.That(related.Values.SelectMany(v => v), Does.Not.Contain("draft-search"));
    }

    [Test]
    public void Related_practices_are_rendered_on_the_practice_page()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "guatecompras", "index.html")));
        var links = doc.QuerySelectorAll("section[aria-labelledby=related] h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links, Has.Count.InRange(3, 5));
        Assert.That(links, Does.Contain("../../practices/compras-publicas-ecuador/index.html"), "the other procurement portal is related");
    }
}
