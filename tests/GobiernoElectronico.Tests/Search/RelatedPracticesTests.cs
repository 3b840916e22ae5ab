using AngleSharp.Html.Parser;
using GobiernoElectronico.Index;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

public class RelatedPracticesTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Related(string contentRoot)
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(contentRoot), bag)!;
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
            // A case study in a language few others share (English, among Spanish and Portuguese) finds fewer:
            // related practices match words, not concepts across languages.
            Assert.That(others, Has.Count.InRange(1, RelatedPractices.Count), slug);
            Assert.That(others, Does.Not.Contain(slug));
            Assert.That(others, Is.Unique);
            Assert.That(others.All(related.ContainsKey), "only published practices");
        }
        Assert.That(related.Values.Count(r => r.Count >= 3), Is.GreaterThanOrEqualTo(related.Count * 3 / 4), "most practices get at least three");
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
        Assert.That(links.Intersect(["../../practices/compras-publicas-ecuador/index.html", "../../practices/honducompras/index.html"]), Is.Not.Empty,
            "another procurement portal is related");
        Assert.That(links, Does.Not.Contain("../../practices/guatecompras-es/index.html"), "its own translation is linked as a translation, not as related");
    }
}

/// <summary>
/// The interesting terms read from the postings are MoreLikeThis's own: same words, same scores (tf × classic
/// idf over the largest document frequency of any text field), on real documents in three languages.
/// </summary>
public class RelatedPracticesTermTests
{
    [Test]
    public void Interesting_terms_from_the_postings_are_those_MoreLikeThis_finds_by_analysing_the_text_again()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        using var index = SearchIndex.Build(SearchDocuments.From(content));
        var wanted = Enumerable.Range(0, index.Reader.MaxDoc).Select(i => index.Documents[i].Type == "practice").ToArray();
        var table = RelatedPractices.TermTable.Read(index.Reader, wanted);
        var mlt = new Lucene.Net.Queries.Mlt.MoreLikeThis(index.Reader)
        {
            Analyzer = SearchAnalysis.PerField(), FieldNames = SearchFields.PhysicalTextFields.ToArray(),
            MinTermFreq = 1, MinDocFreq = 1, MinWordLen = 3, StopWords = null, MaxNumTokensParsed = int.MaxValue,
            MaxDocFreq = Math.Max(RelatedPractices.MinMaxDocFreq, (int)(index.Reader.MaxDoc * RelatedPractices.MaxDocFreqShare)),
        };
        var compared = 0;
        for (var doc = 0; doc < wanted.Length; doc++)
        {
            if (!wanted[doc]) continue;
            var ours = table.InterestingTerms(doc, RelatedPractices.MaxQueryTerms);
            var queue = mlt.RetrieveTerms(doc);
            var theirs = new List<Lucene.Net.Queries.Mlt.ScoreTerm>();
            while (queue.Count > 0) theirs.Add(queue.Pop());
            theirs = theirs.OrderByDescending(t => t.Score).ThenBy(t => t.Word, StringComparer.Ordinal).Take(RelatedPractices.MaxQueryTerms).ToList();
            Assert.That(ours.Select(t => (t.Word, t.Score)), Is.EqualTo(theirs.Select(t => (t.Word, t.Score))), index.Documents[doc].Id);
            Assert.That(ours.Select(t => t.Field), Is.EqualTo(theirs.Select(t => SearchFields.Split(t.TopField)!.Value.Field)), index.Documents[doc].Id);
            compared++;
        }
        Assert.That(compared, Is.GreaterThan(300));
    }
}
