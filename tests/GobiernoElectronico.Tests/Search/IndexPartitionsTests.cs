using System.Text;
using GobiernoElectronico.Index;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// The index made of runs of documents (<see cref="SearchIndex.PartitionsOf"/>), each its own segment: everything made from
/// it (the browser's files, the lexicon, related practices, the engine's results and scores) is what one segment gives; a
/// run is cut where the ids say, so an edit changes one run; runs kept in the build cache (<see cref="IndexPartitions"/>)
/// give the index's bytes; a damaged run file is indexed again.
/// </summary>
public class IndexPartitionsTests
{
    private static readonly Lazy<(IReadOnlyList<SearchDocument> Documents, Model.Thesaurus? Thesaurus, Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Labels)> Shipped = new(() =>
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), bag)!;
        var labels = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal)
        {
            ["es"] = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["country"] = new Dictionary<string, string> { ["PE"] = "Perú" } },
        };
        return (SearchDocuments.From(content), content.Thesaurus, labels);
    });

    private static Dictionary<string, string> Exported(SearchIndex index)
    {
        var strings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal) { ["es"] = new Dictionary<string, string> { ["x"] = "y" } };
        return BrowserIndexExport.Export(index, Shipped.Value.Labels, strings, ownFileFrom: 300).ToDictionary(f => f.Path, f => Encoding.UTF8.GetString(f.Content));
    }

    [Test]
    public void An_index_of_many_runs_gives_what_one_segment_gives()
    {
        var (documents, thesaurus, _) = Shipped.Value;
        using var one = SearchIndex.Build(documents, thesaurus, partitionSize: int.MaxValue);
        using var many = SearchIndex.Build(documents, thesaurus, partitionSize: 8);
        Assert.That(one.Reader.Leaves, Has.Count.EqualTo(1));
        Assert.That(many.Reader.Leaves, Has.Count.GreaterThan(5), "the shipped content in runs of about 8 documents");
        Assert.That(Encoding.UTF8.GetString(many.Lexicon.ToJson()), Is.EqualTo(Encoding.UTF8.GetString(one.Lexicon.ToJson())));
        Assert.That(RelatedPractices.Find(many), Is.EqualTo(RelatedPractices.Find(one)));
        var exported = Exported(many);
        Assert.That(exported, Is.EqualTo(Exported(one)));
        Assert.That(exported.Keys, Has.Some.Matches<string>(k => k.Contains("/t-", StringComparison.Ordinal) && k.Count(c => c == '-') == 2), "terms in files of their own");

        using var engineOne = SearchEngine.Open(one);
        using var engineMany = SearchEngine.Open(many);
        foreach (var query in new[] { "ventanilla única", "catastro municipal", "software público", "telecentros comunitarios", "procurement" })
        {
            var a = engineOne.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 20));
            var b = engineMany.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 20));
            Assert.That(b.Hits.Select(h => (h.Id, h.Score)), Is.EqualTo(a.Hits.Select(h => (h.Id, h.Score))), query);
            Assert.That(a.Hits, Is.Not.Empty, query);
        }
    }

    [Test]
    public void A_walk_of_the_terms_a_filter_keeps_gives_them_as_the_walk_of_every_term_does()
    {
        var (documents, thesaurus, _) = Shipped.Value;
        using var many = SearchIndex.Build(documents, thesaurus, partitionSize: 8);
        static bool Kept(string term) => ShardNames.TermShard(term, 3) == 0;
        foreach (var field in new[] { SearchFields.For("body", "es"), SearchFields.For("title", "pt") })
        {
            List<(string Term, string Holders)> Walked(Func<Lucene.Net.Util.BytesRef, bool>? keep)
            {
                var walked = new List<(string, string)>();
                SegmentTerms.Walk(many.Reader, field, (term, holders) =>
                    walked.Add((term.Utf8ToString(), string.Join(' ', holders.Select(h => $"{h.DocBase}:{h.Terms.DocFreq}")))), keep);
                return walked;
            }
            var all = Walked(null);
            var kept = Walked(term => Kept(term.Utf8ToString()));
            Assert.That(kept, Is.EqualTo(all.Where(t => Kept(t.Term)).ToList()), field);
            Assert.That(kept, Is.Not.Empty.And.Count.LessThan(all.Count), field);
            Assert.That(all.Any(t => t.Holders.Contains(' ')), Is.True, "terms held by several segments");
        }
    }

    [Test]
    public void Runs_are_cut_where_the_ids_say_so_an_edit_or_an_insertion_changes_one_run()
    {
        var documents = Shipped.Value.Documents;
        var runs = SearchIndex.PartitionsOf(documents, 8);
        Assert.That(runs.Sum(r => r.Count), Is.EqualTo(documents.Count));
        Assert.That(runs.Zip(runs.Skip(1)).All(p => p.First.Start + p.First.Count == p.Second.Start), Is.True, "consecutive");
        // An inserted document changes the run it falls in; the others hold the same documents.
        var inserted = documents.Take(50).Append(documents[0] with { Id = "practice/inserted-zzz" }).Concat(documents.Skip(50)).ToList();
        static HashSet<string> Runs(IReadOnlyList<SearchDocument> ds) =>
            SearchIndex.PartitionsOf(ds, 8).Select(r => string.Join(",", ds.Skip(r.Start).Take(r.Count).Select(d => d.Id))).ToHashSet();
        var before = Runs(documents);
        var after = Runs(inserted);
        Assert.That(after.Except(before).Count(), Is.InRange(1, 2), "the run the document joined (two when its id ends a run)");
        Assert.That(before.Except(after).Count(), Is.EqualTo(1));
        Assert.That(SearchIndex.PartitionsOf([], 8), Is.EqualTo(new[] { (0, 0) }));
        Assert.That(SearchIndex.PartitionsOf(documents, int.MaxValue), Is.EqualTo(new[] { (0, documents.Count) }), "one run, whatever the ids");
        Assert.That(SearchIndex.PartitionsOf(documents, 1), Has.Count.EqualTo(documents.Count), "every id hashes to 0 modulo 1");
    }

    [Test]
    public void Runs_kept_in_the_cache_give_the_index_s_bytes_and_a_damaged_run_is_indexed_again()
    {
        using var dir = new TempDir();
        var (documents, thesaurus, _) = Shipped.Value;
        var keys = documents.Select(d => Hashing.ContentHash.Of(d.Id + "\n" + d.Body + "\n" + d.Title + "\n" + d.Summary)).ToList();
        Dictionary<string, byte[]> Files(SearchIndex index) => LuceneFilesExport.Export(index).ToDictionary(f => f.Path, f => f.Content);
        using var fresh = SearchIndex.Build(documents, thesaurus, partitionSize: 8);
        var expected = Files(fresh);

        var first = new IndexPartitions(dir["runs"]);
        using (var built = SearchIndex.Build(documents, thesaurus, partitions: first, keys: keys, partitionSize: 8))
        {
            Assert.That(Files(built), Is.EqualTo(expected));
            Assert.That(built.DocumentsIndexed, Is.EqualTo(documents.Count), "every document indexed");
        }
        Assert.That(first.Reused, Is.Zero);
        var runs = Directory.GetFiles(dir["runs"]).Length;
        Assert.That(runs, Is.EqualTo(SearchIndex.PartitionsOf(documents, 8).Count));

        var second = new IndexPartitions(dir["runs"]);
        using (var kept = SearchIndex.Build(documents, thesaurus, partitions: second, keys: keys, partitionSize: 8))
        {
            Assert.That(Files(kept), Is.EqualTo(expected));
            Assert.That(kept.DocumentsIndexed, Is.Zero, "no document indexed: what the build left is not worth a collection");
        }
        Assert.That(second.Reused, Is.EqualTo(runs), "every run from the cache");

        // One document edited: its run is indexed again, the others come from the cache; the old run's file goes.
        var edited = documents.ToList();
        edited[40] = edited[40] with { Body = edited[40].Body + " zanahoria" };
        var editedKeys = keys.ToList();
        editedKeys[40] = "edited";
        using var editedFresh = SearchIndex.Build(edited, thesaurus, partitionSize: 8);
        var third = new IndexPartitions(dir["runs"]);
        using (var update = SearchIndex.Build(edited, thesaurus, partitions: third, keys: editedKeys, partitionSize: 8))
        {
            Assert.That(Files(update), Is.EqualTo(Files(editedFresh)));
            var run = SearchIndex.PartitionsOf(edited, 8).Single(r => r.Start <= 40 && 40 < r.Start + r.Count);
            Assert.That(update.DocumentsIndexed, Is.EqualTo(run.Count), "the edited document's run alone");
        }
        Assert.That(third.Reused, Is.EqualTo(runs - 1));
        Assert.That(Directory.GetFiles(dir["runs"]), Has.Length.EqualTo(runs));

        // A damaged or truncated run file is no run: indexed again, same bytes.
        foreach (var file in Directory.GetFiles(dir["runs"]).Take(2)) File.WriteAllBytes(file, File.ReadAllBytes(file)[..^9]);
        var fourth = new IndexPartitions(dir["runs"]);
        using (var again = SearchIndex.Build(edited, thesaurus, partitions: fourth, keys: editedKeys, partitionSize: 8))
            Assert.That(Files(again), Is.EqualTo(Files(editedFresh)));
        Assert.That(fourth.Reused, Is.EqualTo(runs - 2));
    }
}
