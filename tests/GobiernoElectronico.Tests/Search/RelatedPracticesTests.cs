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

/// <summary>
/// Related practices score their queries term at a time; each practice's best documents and their scores are exactly
/// those of Lucene's own BM25 search of the same boosted terms, on real documents in three languages.
/// </summary>
public class RelatedPracticesScoringTests
{
    [Test]
    public void Term_at_a_time_scores_are_those_of_Lucene_s_search_of_the_same_query()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        // In runs of 100 documents: segments whose postings are read one after another, moved by their first document.
        using var index = SearchIndex.Build(SearchDocuments.From(content), partitionSize: 100);
        Assert.That(index.Reader.Leaves, Has.Count.GreaterThan(2));
        var practices = Enumerable.Range(0, index.Reader.MaxDoc).Select(i => index.Documents[i].Type == "practice").ToArray();
        var table = RelatedPractices.TermTable.Read(index.Reader, practices);
        // With the postings the term table kept from its pass over the terms, as related practices score.
        var scorer = new Bm25TermAtATime(index.Reader, practices, table);
        var onlyPractices = new Lucene.Net.Search.QueryWrapperFilter(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term("type", "practice")));
        int compared = 0, boosted = 0;
        for (var doc = 0; doc < practices.Length; doc++)
        {
            if (!practices[doc]) continue;
            var clauses = RelatedPractices.AcrossLanguages(table.InterestingTerms(doc, RelatedPractices.MaxQueryTerms));
            var query = new Lucene.Net.Search.BooleanQuery(disableCoord: false);
            foreach (var c in clauses)
                query.Add(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(c.Field, c.Word)) { Boost = c.Boost }, Lucene.Net.Search.Occur.SHOULD);
            boosted += clauses.Count(c => c.Boost != 1f);
            const int n = 12;
            var theirs = index.Searcher.Search(query, onlyPractices, n).ScoreDocs.Select(s => (s.Doc, s.Score)).ToList();
            var ours = scorer.Top(clauses, n).Select(h => (h.Doc, h.Score)).ToList();
            Assert.That(ours, Is.EqualTo(theirs), index.Documents[doc].Id);
            compared++;
        }
        Assert.That(compared, Is.GreaterThan(300));
        Assert.That(boosted, Is.GreaterThan(compared), "boosts below 1 are compared too");
    }

    [Test]
    public void Only_accepted_documents_are_returned_and_ties_go_to_the_lower_document_id()
    {
        var documents = Enumerable.Range(0, 6).Select(i => new SearchDocument($"practice/d{i}", "practice", $"practices/d{i}/index.html", $"Caso {i}", $"Caso {i}", "", "telecentro rural", "es", new Dictionary<string, IReadOnlyList<string>>())).ToList();
        using var index = SearchIndex.Build(documents);
        var accepted = new[] { true, false, true, true, true, true };
        var field = SearchFields.For("body", "es");
        var word = index.Reader.Leaves[0].AtomicReader.GetTerms(field)!.GetEnumerator() is var terms && terms.MoveNext() ? terms.Term.Utf8ToString() : throw new AssertionException("no term");
        var top = new Bm25TermAtATime(index.Reader, accepted, RelatedPractices.TermTable.Read(index.Reader, accepted)).Top([new(field, word, 1f)], 3);
        Assert.That(top.Select(h => h.Doc), Is.EqualTo(new[] { 0, 2, 3 }), "equal texts score the same: the lowest ids, the refused one left out");
        Assert.That(top.Select(h => h.Score).Distinct().Count(), Is.EqualTo(1));
        Assert.That(top[0].Score, Is.GreaterThan(0));
    }

    /// <summary>The related stage's lists begun while the export runs (<c>RelatedStage.Begin</c>) are the lists it finds
    /// itself, and are taken only for the index they were begun on.</summary>
    [Test]
    public void Lists_begun_alongside_the_export_are_the_lists_the_stage_finds()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), bag)!;
        using var index = SearchIndex.Build(SearchDocuments.From(content));
        using var other = SearchIndex.Build(SearchDocuments.From(content).Where(d => d.Slug != "guatecompras").ToList());
        var products = new global::GobiernoElectronico.Pipeline.Stages.SearchProducts("", index, []);
        var expected = RelatedPractices.Find(index);
        Assert.That(expected.Values.SelectMany(v => v), Does.Contain("guatecompras"), "the other index must give other lists");

        // A job worked by several threads at once (the stage's own and the one that exported the index) finds the same lists;
        // its lists are not given before every practice's is found.
        var job = RelatedPractices.Prepare(index, null);
        Assert.Throws<InvalidOperationException>(() => job.Lists());
        Assert.That(job.HoldsPostings, "the postings are held while lists are left to find");
        Task.WaitAll([.. Enumerable.Range(0, 4).Select(_ => Task.Run(() => job.Work()))]);
        Assert.That(job.Lists(), Is.EqualTo(expected));
        // The thread that found the last list let the postings go (the lists are found alongside the export, and held there
        // to its end); what the next build needs of them was taken before.
        Assert.That(job.HoldsPostings, Is.False, "the postings are let go once every list is found");
        var found = job.Found();
        Assert.That(found.AverageLengths.Keys, Is.EquivalentTo(SearchFields.PhysicalTextFields));
        Assert.That(found.AverageLengths.Values, Has.All.GreaterThan(0f));
        job.Work();
        Assert.That(job.Lists(), Is.EqualTo(expected), "working a finished job again changes nothing");

        var stage = new global::GobiernoElectronico.Pipeline.Stages.RelatedStage();
        stage.Begin(index, CancellationToken.None);
        var (begun, settled) = stage.Run(products, settle: true);
        Assert.That(settled);
        Assert.That(begun, Is.EqualTo(expected));

        var another = new global::GobiernoElectronico.Pipeline.Stages.RelatedStage();
        another.Begin(other, CancellationToken.None);
        Assert.That(another.Run(products, settle: true).Related, Is.EqualTo(expected), "lists begun on another index are not taken");

        var stopped = new global::GobiernoElectronico.Pipeline.Stages.RelatedStage();
        using (var cancel = new CancellationTokenSource())
        {
            cancel.Cancel();
            stopped.Begin(index, cancel.Token);
            stopped.Abandon();
        }
        Assert.That(stopped.Run(products, settle: true).Related, Is.EqualTo(expected), "a stopped beginning is found again");

        // A build stopped while its thread helps with the lists: the stop comes out of Run, once the lists' own thread ended.
        var helped = new global::GobiernoElectronico.Pipeline.Stages.RelatedStage();
        using (var cancel = new CancellationTokenSource())
        {
            helped.Begin(index, cancel.Token);
            cancel.Cancel();
            Assert.That(() => helped.Run(products, settle: true, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        }
        Assert.That(helped.Run(products, settle: true).Related, Is.EqualTo(expected), "found again after the stop");
    }
}
