using System.Text;
using GobiernoElectronico.Index;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// An export after an edit (<c>ge build</c> with its build cache) makes again only the browser's term shards of the terms
/// whose postings or surfaces changed, keeps the others as the site holds them, and leaves exactly the files a whole export
/// of the new index makes: the terms the edited runs change are found from the runs as the last build kept them
/// (<see cref="SearchIndex.ChangedTerms"/>), and the count of shards is the last export's only while the sizes say so.
/// </summary>
public class TermShardUpdateTests
{
    private static readonly Lazy<(IReadOnlyList<SearchDocument> Documents, Model.Thesaurus? Thesaurus)> Shipped = new(() =>
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), bag)!;
        return (SearchDocuments.From(content), content.Thesaurus);
    });

    private static List<string> KeysOf(IEnumerable<SearchDocument> documents) => documents.Select(d => d.Key()).ToList();

    /// <summary>The files an export emits (path → text), and its term shards.</summary>
    private static (Dictionary<string, string> Files, TermShardState Shards) Export(SearchIndex index, TermShardUpdate? update = null)
    {
        var labels = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        var strings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal) { ["es"] = new Dictionary<string, string> { ["x"] = "y" } };
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        TermShardState? shards = null;
        BrowserIndexExport.Export(index, labels, strings, file =>
        {
            lock (files) Assert.That(files.TryAdd(file.Path, Encoding.UTF8.GetString(file.Content)), Is.True, "emitted twice: " + file.Path);
        }, ownFileFrom: 300, termUpdate: update, termShardsMade: made => shards = made);
        return (files, shards!);
    }

    /// <summary>Exports <paramref name="index"/> after an edit, starting from the last export (<paramref name="site"/>, what the
    /// site holds, and <paramref name="last"/>): the files the site ends with, and the new term shards. <paramref name="lost"/>
    /// are files the site no longer holds as written.</summary>
    private static (Dictionary<string, string> Site, TermShardState Shards) Update(SearchIndex index, Dictionary<string, string> site, TermShardState last,
        params string[] lost)
    {
        var kept = new List<string>();
        var (made, shards) = Export(index, new TermShardUpdate(last, index.ChangedTerms!, [.. site.Keys], path =>
        {
            if (lost.Contains(path) || !site.ContainsKey(path)) return false;
            kept.Add(path);
            return true;
        }));
        Assert.That(made.Keys.Intersect(kept), Is.Empty, "a file is kept or made, not both");
        var after = new Dictionary<string, string>(made, StringComparer.Ordinal);
        foreach (var path in kept) after[path] = site[path];
        return (after, shards);
    }

    private static void AssertSameShards(TermShardState actual, TermShardState expected)
    {
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        Assert.That(actual.Sizes, Is.EqualTo(expected.Sizes));
        Assert.That(actual.Surfaces, Is.EqualTo(expected.Surfaces));
    }

    [Test]
    public void An_export_after_an_edit_makes_only_the_changed_terms_shards_and_gives_a_whole_export_s_files()
    {
        using var dir = new TempDir();
        var (documents, thesaurus) = Shipped.Value;
        var keys = KeysOf(documents);
        using var first = SearchIndex.Build(documents, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: keys, partitionSize: 8);
        Assert.That(first.ChangedTerms, Is.Null, "no last build to compare with");
        var (site, shards) = Export(first);
        Assert.That(shards.Made, Is.EqualTo(shards.Count).And.GreaterThan(20));

        // A sentence added to one practice, with a word no document has, and its title changed.
        var edited = documents.ToList();
        edited[40] = edited[40] with { Title = edited[40].Title + " municipal", Body = edited[40].Body + " La zanahoria informática del catastro." };
        var editedKeys = KeysOf(edited);
        using var second = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: editedKeys, partitionSize: 8, lastKeys: keys);
        Assert.That(second.ChangedTerms, Is.Not.Null.And.Not.Empty);
        Assert.That(second.ChangedTerms, Has.Some.StartsWith("zanahori"), "the new word's terms");
        using var fresh = SearchIndex.Build(edited, thesaurus, partitionSize: 8);
        var (whole, wholeShards) = Export(fresh);
        var (updated, updatedShards) = Update(second, site, shards);
        Assert.That(updated, Is.EqualTo(whole), "the site after the update is a whole export's");
        AssertSameShards(updatedShards, wholeShards);
        Assert.That(updatedShards.Made, Is.GreaterThan(0).And.LessThan(updatedShards.Count / 2), "only the changed terms' shards are made");

        // The same edit, with one of the shards it does not touch lost from the site (and one term's own file): those are made too.
        var untouched = whole.Keys.Where(p => p.Contains("/t-", StringComparison.Ordinal) && p.Count(c => c == '-') == 2 && updated[p] == site.GetValueOrDefault(p)).ToList();
        Assert.That(untouched, Is.Not.Empty, "a term's own file the edit does not change");
        var ownFile = untouched[0];
        var shardOfOwn = ownFile[..ownFile.LastIndexOf('-')] + ".js";
        var (repaired, repairedShards) = Update(second, site, shards, ownFile);
        Assert.That(repaired, Is.EqualTo(whole));
        Assert.That(repairedShards.Made, Is.InRange(updatedShards.Made, updatedShards.Made + 1), shardOfOwn);

        // An edit that adds enough text to move the count of shards: every shard is made, as a whole export makes them.
        var grown = edited.ToList();
        grown[41] = grown[41] with { Body = grown[41].Body + " " + string.Join(" ", Enumerable.Range(0, 3000).Select(i => $"palabra{i}x")) };
        using var third = SearchIndex.Build(grown, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: KeysOf(grown), partitionSize: 8, lastKeys: editedKeys);
        using var grownFresh = SearchIndex.Build(grown, thesaurus, partitionSize: 8);
        var (grownWhole, grownShards) = Export(grownFresh);
        Assert.That(grownShards.Count, Is.GreaterThan(wholeShards.Count));
        var (grownSite, grownUpdated) = Update(third, updated, updatedShards);
        Assert.That(grownSite, Is.EqualTo(grownWhole));
        Assert.That(grownUpdated.Made, Is.EqualTo(grownUpdated.Count));
        AssertSameShards(grownUpdated, grownShards);
    }

    [Test]
    public void Each_kind_of_change_to_a_term_reaches_its_shard()
    {
        using var dir = new TempDir();
        var (documents, thesaurus) = Shipped.Value;
        var at = documents.ToList().FindIndex(d => d.Language == "es" && d.Id.StartsWith("practice", StringComparison.Ordinal));
        var body = documents[at].Body;
        var keys = KeysOf(documents);
        Dictionary<string, string>? site = null;
        TermShardState? shards = null;
        using (var built = SearchIndex.Build(documents, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: keys, partitionSize: 8))
            (site, shards) = Export(built);

        // Each step edits the same Spanish practice again, and updates the last step's site.
        void Step(string because, string newBody, Action<SearchIndex>? check = null, bool few = true)
        {
            var edited = documents.ToList();
            edited[at] = edited[at] with { Body = newBody };
            var editedKeys = KeysOf(edited);
            using var index = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: editedKeys, partitionSize: 8, lastKeys: keys);
            check?.Invoke(index);
            using var fresh = SearchIndex.Build(edited, thesaurus, partitionSize: 8);
            var (whole, wholeShards) = Export(fresh);
            var (updated, updatedShards) = Update(index, site!, shards!);
            Assert.That(updated.Where(kv => whole.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key), Is.Empty, because);
            Assert.That(updated.Keys, Is.EquivalentTo(whole.Keys), because);
            AssertSameShards(updatedShards, wholeShards);
            // (A new norm changes every term of the document's body: then most of the shipped content's few shards are made.)
            if (few) Assert.That(updatedShards.Made, Is.LessThan(updatedShards.Count / 2), because + ": only some shards made");
            (site, shards, keys) = (updated, updatedShards, editedKeys);
        }

        Step("two words added", body + " alfa beta beta");
        Step("a word's frequency in the document, the same words as many times", body + " alfa alfa beta");
        Step("the document's length (its norm in every term of its body)", body + " alfa alfa beta" + string.Concat(Enumerable.Repeat(" alfa", 400)), few: false);
        // A new way of writing a word whose English term the English documents have: in this Spanish practice it is a new
        // Spanish term, and in English a new surface of a term whose postings are as they were.
        var english = SearchAnalysis.TermOf("en", "procurements")!;
        Step("a surface of a term of another language", body + " alfa alfa beta" + string.Concat(Enumerable.Repeat(" alfa", 400)) + " procurements", index =>
        {
            Assert.That(index.Lexicon.ContentSurfaces, Does.Contain("procurements"));
            Assert.That(index.Reader.DocFreq(new Lucene.Net.Index.Term(SearchFields.For("body", "en"), english)), Is.GreaterThan(0), english);
            Assert.That(index.ChangedTerms, Does.Not.Contain(english), "its English postings are as they were");
        });
    }

    [Test]
    public void Runs_a_stopped_build_left_in_the_cache_are_compared_with_the_published_export_s_too()
    {
        using var dir = new TempDir();
        var (documents, thesaurus) = Shipped.Value;
        var keys = KeysOf(documents);
        Dictionary<string, string> site;
        TermShardState shards;
        using (var built = SearchIndex.Build(documents, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: keys, partitionSize: 8))
            (site, shards) = Export(built);
        var published = Directory.GetFiles(dir["runs"]).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        // A build after an edit indexes the edited run, keeps it in the cache, drops the run it replaces, and is stopped
        // before it publishes: the site and its record are the first build's.
        var edited = documents.ToList();
        edited[40] = edited[40] with { Body = edited[40].Body + " La zanahoria informática del catastro." };
        var editedKeys = KeysOf(edited);
        using (SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: editedKeys, partitionSize: 8)) { }
        using var fresh = SearchIndex.Build(edited, thesaurus, partitionSize: 8);
        var (whole, _) = Export(fresh);

        // The next build finds the edited run in the cache, and the published run is gone: nothing to compare it with.
        using (var next = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: editedKeys, partitionSize: 8, lastKeys: keys))
            Assert.That(next.ChangedTerms, Is.Null, "the edited run is not the published one, and that one is gone");

        // Stopped before it dropped the published run: the next build compares the run it finds with it.
        foreach (var (name, bytes) in published) File.WriteAllBytes(Path.Combine(dir["runs"], name), bytes);
        using var again = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: editedKeys, partitionSize: 8, lastKeys: keys);
        Assert.That(again.ChangedTerms, Has.Some.StartsWith("zanahori"));
        var (updated, _) = Update(again, site, shards);
        Assert.That(updated, Is.EqualTo(whole));
    }

    [Test]
    public void The_changed_terms_are_not_known_when_the_documents_are_not_as_many_as_then_or_a_run_of_then_is_gone()
    {
        using var dir = new TempDir();
        var (documents, thesaurus) = Shipped.Value;
        var keys = KeysOf(documents);
        using (SearchIndex.Build(documents, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: keys, partitionSize: 8)) { }
        var fewer = documents.Take(documents.Count - 1).ToList();
        using (var index = SearchIndex.Build(fewer, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: KeysOf(fewer), partitionSize: 8, lastKeys: keys))
            Assert.That(index.ChangedTerms, Is.Null, "a document fewer: the ids after it moved");

        // The run files of the last build gone (a cache pruned by hand): nothing to compare an edited run with.
        using (SearchIndex.Build(documents, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: keys, partitionSize: 8)) { }
        foreach (var file in Directory.GetFiles(dir["runs"])) File.Delete(file);
        var edited = documents.ToList();
        edited[3] = edited[3] with { Body = edited[3].Body + " zanahoria" };
        using (var index = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: KeysOf(edited), partitionSize: 8, lastKeys: keys))
            Assert.That(index.ChangedTerms, Is.Null);

        // Nothing edited: no term changed.
        using (var index = SearchIndex.Build(edited, thesaurus, partitions: new IndexPartitions(dir["runs"]), keys: KeysOf(edited), partitionSize: 8, lastKeys: KeysOf(edited)))
            Assert.That(index.ChangedTerms, Is.Empty);
    }
}
