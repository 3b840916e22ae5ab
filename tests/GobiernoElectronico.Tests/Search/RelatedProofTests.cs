using GobiernoElectronico.Hashing;
using GobiernoElectronico.Index;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// Related lists kept from the last build when the change since then provably leaves them as they were
/// (<see cref="RelatedPractices.History"/>): after edits of every kind, the lists, and the best documents and scores kept for
/// the next build, are those a job without the history finds.
/// </summary>
public class RelatedProofTests
{
    private static List<SearchDocument> Relevance()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(
            new global::GobiernoElectronico.Pipeline.BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        return [.. SearchDocuments.From(content)];
    }

    /// <summary>Lists found with <paramref name="history"/> and without, in the same index; the job that had it.</summary>
    private static (RelatedPractices.Job With, RelatedPractices.Job Without) Both(SearchIndex index, RelatedPractices.History? history)
    {
        var with = RelatedPractices.Prepare(index, null, history);
        with.Work();
        var without = RelatedPractices.Prepare(index, null);
        without.Work();
        return (with, without);
    }

    private static RelatedPractices.History HistoryOf(RelatedPractices.Job job, IReadOnlyList<SearchDocument> before, IReadOnlyList<SearchDocument> now) =>
        new([.. before.Select(d => d.Key())], job.Found(), [.. now.Select(d => d.Key())]);

    private static void AssertSame(RelatedPractices.Job with, RelatedPractices.Job without, string round)
    {
        Assert.That(with.Lists(), Is.EqualTo(without.Lists()), round);
        var (kept, found) = (with.Queries(), without.Queries());
        Assert.That(kept.Keys, Is.EquivalentTo(found.Keys), round);
        foreach (var (id, query) in found)
        {
            // What the next build starts from is what Top finds now: the same documents, the same ties between alike
            // neighbours, scores within the drift it records, and a bound on those left out never below the one found.
            var mine = kept[id];
            Assert.That(mine.Key, Is.EqualTo(query.Key), $"{round}: key of {id}");
            Assert.That(mine.Docs, Is.EqualTo(query.Docs), $"{round}: documents of {id}");
            Assert.That(mine.Alike, Is.EqualTo(query.Alike), $"{round}: alike neighbours of {id}");
            Assert.That(query.Drift, Is.Zero, "found now: no drift");
            for (var h = 0; h < query.Scores.Length; h++)
                Assert.That(Math.Abs(mine.Scores[h] - query.Scores[h]), Is.LessThanOrEqualTo(query.Scores[h] * mine.Drift), $"{round}: score {h} of {id}");
            Assert.That(mine.Outside, Is.GreaterThanOrEqualTo(query.Outside), $"{round}: bound on those left out for {id}");
        }
    }

    [Test]
    public void Lists_kept_after_edits_are_the_lists_found_again()
    {
        var documents = Relevance();
        var practices = documents.Select((d, i) => (d, i)).Where(x => x.d.Type == "practice").Select(x => x.i).ToList();
        Assert.That(practices, Has.Count.GreaterThan(200));
        using var first = SearchIndex.Build(documents, partitionSize: 100);
        var (job, _) = Both(first, null);
        Assert.That(job.Kept, Is.Zero, "no history, nothing kept");
        var random = new Random(20261204);
        var keptInAll = 0;
        // Each round edits a few practices as editors do, and starts from the history the last round's job left (kept lists'
        // bounds carried on, not found again).
        for (var round = 0; round < 8; round++)
        {
            var before = documents;
            documents = [.. documents];
            for (var e = 0; e <= round % 3; e++)
            {
                var at = practices[random.Next(practices.Count)];
                var d = documents[at];
                var other = documents[practices[random.Next(practices.Count)]];
                documents[at] = (round % 4) switch
                {
                    0 => d with { Body = d.Body + " Edited once more, by hand." },                      // a sentence appended
                    1 => d with { Body = d.Body[..(d.Body.Length / 2)] },                               // half the body cut
                    2 => d with { Body = d.Body + " " + other.Body[..Math.Min(400, other.Body.Length)] }, // another's words taken in
                    _ => d with { Title = d.Title + " (revisado)", IndexedTitle = d.IndexedTitle + " revisado" },
                };
            }
            using var index = SearchIndex.Build(documents, partitionSize: 100);
            var history = HistoryOf(job, before, documents);
            var (with, without) = Both(index, history);
            AssertSame(with, without, $"round {round}");
            keptInAll += with.Kept;
            job = with;
        }
        Assert.That(keptInAll, Is.GreaterThan(8 * practices.Count / 2), "most lists are proven unchanged by a small edit");
    }

    [Test]
    public void Nothing_is_kept_when_documents_were_added_or_too_many_changed()
    {
        var documents = Relevance();
        using var first = SearchIndex.Build(documents, partitionSize: 100);
        var (job, _) = Both(first, null);

        var fewer = documents.Take(documents.Count - 1).ToList();
        using var smaller = SearchIndex.Build(fewer, partitionSize: 100);
        var (with, without) = Both(smaller, HistoryOf(job, documents, fewer));
        Assert.That(with.Kept, Is.Zero, "a document removed moves the ids");
        Assert.That(with.Lists(), Is.EqualTo(without.Lists()));

        var rewritten = documents.Select((d, i) => i % 4 == 0 ? d with { Body = d.Body + " reescrito" } : d).ToList();
        using var changed = SearchIndex.Build(rewritten, partitionSize: 100);
        (with, without) = Both(changed, HistoryOf(job, documents, rewritten));
        Assert.That(with.Kept, Is.Zero, "a quarter of the documents changed");
        Assert.That(with.Lists(), Is.EqualTo(without.Lists()));
    }

    /// <summary>Copies of one text tie exactly: a list of copies is kept only while they still tie, in the order of their ids,
    /// and a copy edited to score just above the others is placed by a new search.</summary>
    [Test]
    public void Ties_between_copies_are_kept_in_order_and_a_copy_that_moves_is_placed_again()
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>();
        SearchDocument Practice(int i, string body) =>
            new($"practice/p{i}", "practice", $"practices/p{i}/index.html", $"Caso {i}", $"Caso {i}", "", body, "es", facets);
        const string text = "telecentro rural comunitario con conectividad satelital y capacitación digital para municipios";
        var documents = Enumerable.Range(0, 12).Select(i => Practice(i, i < 8 ? text : $"presupuesto participativo municipal número {i} con votación en línea")).ToList();
        using var first = SearchIndex.Build(documents);
        var (job, without) = Both(first, null);
        AssertSame(job, without, "first");
        Assert.That(job.Lists()["p0"], Is.EqualTo(new[] { "p1", "p2", "p3", "p4", "p5" }), "ties go to the lower ids");

        // An unrelated practice grows: the average length moves, the copies still tie.
        var grown = documents.Select((d, i) => i == 11 ? d with { Body = d.Body + " " + string.Join(' ', Enumerable.Repeat("sesión pública", 40)) } : d).ToList();
        using var second = SearchIndex.Build(grown);
        var (kept, found) = Both(second, HistoryOf(job, documents, grown));
        AssertSame(kept, found, "grown");
        Assert.That(kept.Kept, Is.GreaterThan(0));

        // A copy repeats a word of the query: it now scores above its twins, and every list that holds the copies changes.
        var moved = grown.Select((d, i) => i == 6 ? d with { Body = d.Body + " telecentro" } : d).ToList();
        using var third = SearchIndex.Build(moved);
        (kept, found) = Both(third, HistoryOf(kept, grown, moved));
        AssertSame(kept, found, "moved");
        Assert.That(kept.Lists()["p0"][0], Is.EqualTo("p6"));
    }

    [Test]
    public void The_search_record_keeps_the_queries()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"record-{Guid.NewGuid():N}");
        try
        {
            var queries = new Dictionary<int, RelatedPractices.KeptQuery>
            {
                [3] = new(new Hash128(ulong.MaxValue, ulong.MaxValue - 7), [5, 9, 1], [2.5f, 2.5f, 0.125f], 0.0625f, 1, 3.5e-6),
                [10] = new(new Hash128(0, 42), [], [], 0),
            };
            var lengths = new Dictionary<string, float>(StringComparer.Ordinal) { ["body_es"] = 312.75f, ["title_pt"] = 6.5f };
            new SearchRecord("site", "key", ["search/data/meta.js"], new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"] }, ["k0", "k1"],
                new RelatedPractices.QuerySet(lengths, queries)).Write(file);
            var read = SearchRecord.Read(file).Queries!;
            Assert.That(read.AverageLengths, Is.EquivalentTo(lengths));
            Assert.That(read.Queries.Keys, Is.EquivalentTo(queries.Keys));
            foreach (var (id, query) in queries)
            {
                Assert.That(read.Queries[id].Key, Is.EqualTo(query.Key));
                Assert.That(read.Queries[id].Docs, Is.EqualTo(query.Docs));
                Assert.That(read.Queries[id].Scores, Is.EqualTo(query.Scores));
                Assert.That(read.Queries[id].Outside, Is.EqualTo(query.Outside));
                Assert.That(read.Queries[id].Alike, Is.EqualTo(query.Alike));
                Assert.That(read.Queries[id].Drift, Is.EqualTo(query.Drift));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
