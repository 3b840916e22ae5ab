using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Index;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Site;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>A search document keeps its body as UTF-8 and gives it back exactly; the export reads the bodies for the last
/// time before it says so, so that a build can let them go for the rest of the export.</summary>
public class SearchDocumentBodyTests
{
    private static SearchDocument Document(string body) =>
        new("practice/x", "practice", "practices/x/index.html", "X", "X", "", body, "pt", new Dictionary<string, IReadOnlyList<string>>());

    private static readonly string Mixed = string.Concat(Enumerable.Repeat("Declaração de acessibilidade 🏛️ — año ñandú, 中文 ", 120));

    [Test]
    public void The_body_comes_back_as_it_went_in_whole_as_a_start_and_into_a_buffer()
    {
        var d = Document(Mixed);
        Assert.That(d.Body, Is.EqualTo(Mixed));
        Assert.That((d with { Body = "otra" }).Body, Is.EqualTo("otra"));
        Assert.That(d.Body, Is.EqualTo(Mixed), "with makes a new document, this one stays");

        var buffer = new char[8];
        Assert.That(d.BodyInto(ref buffer).ToString(), Is.EqualTo(Mixed));
        Assert.That(buffer.Length, Is.GreaterThanOrEqualTo(Mixed.Length), "a buffer too small is made larger");
        Assert.That(Document("corto").BodyInto(ref buffer).ToString(), Is.EqualTo("corto"), "a larger buffer is used as it is");

        foreach (var length in new[] { 0, 1, 7, 50, 1_500, Mixed.Length - 1, Mixed.Length, Mixed.Length + 10 })
        {
            var start = d.BodyStart(length);
            // At least length + 1 characters when the body has them, each as the body has it (a character cut at the end
            // comes after those).
            var whole = Math.Min(length + 1, Mixed.Length);
            Assert.That(start.Length, Is.GreaterThanOrEqualTo(whole), $"length {length}");
            Assert.That(start[..whole], Is.EqualTo(Mixed[..whole]), $"length {length}");
        }
        Assert.That(Document("").BodyStart(10), Is.EqualTo(""));

        // The hash a released body is replaced by, taken from the bytes kept, is the hash of the text (a lone surrogate is
        // kept as the replacement character, either way).
        foreach (var body in new[] { Mixed, "", "a\uD800b" })
        {
            var hashed = Document(body).WithBodyHash();
            Assert.That(hashed.Body, Is.EqualTo(global::GobiernoElectronico.Hashing.ContentHash.Of(Document(body).Body)));
            Assert.That(hashed.Id, Is.EqualTo("practice/x"));
        }
    }

    [Test]
    public void A_body_made_on_read_is_the_body_made_at_once_and_its_key_follows_what_it_is_made_from()
    {
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        var made = SearchDocuments.From(content);
        var onRead = SearchDocuments.From(content, bodiesOnRead: true);
        Assert.That(onRead.Select(d => d.BodyMade), Is.All.False, "no body is made before it is read");
        Assert.That(onRead.Select(d => d.BodyKey), Is.All.StartsWith("m"));
        Assert.That(onRead.Select(d => d.TextKey()).Distinct().Count(), Is.EqualTo(onRead.Count), "every document's text has a key of its own");

        // Released before it is read, a body is known by its key and is never made.
        var released = onRead[0].WithBodyHash();
        Assert.That(released.Body, Is.EqualTo(onRead[0].BodyKey));
        Assert.That(onRead[0].BodyMade, Is.False);

        Assert.That(onRead.Select(d => d.Body), Is.EqualTo(made.Select(d => d.Body)));
        Assert.That(onRead.Select(d => d.BodyMade), Is.All.True);
        var copy = SearchDocuments.From(content, bodiesOnRead: true);
        Assert.That(copy.Select(d => d.BodyKey), Is.EqualTo(onRead.Select(d => d.BodyKey)), "the same inputs, the same keys");

        // Each input the body is made from moves the key: the Markdown, and a field the body holds.
        var practice = content.Practices[0];
        var key = SearchDocuments.Of(practice, "es", bodyOnRead: true).BodyKey;
        Assert.That(key, Is.EqualTo(onRead.Single(d => d.Id == "practice/" + practice.Slug).BodyKey));
        Assert.That(SearchDocuments.Of(practice with { Body = practice.Body.Text + "x" }, "es", bodyOnRead: true).BodyKey, Is.Not.EqualTo(key));
        Assert.That(SearchDocuments.Of(practice with { ReplicationConditions = [.. practice.ReplicationConditions, "otra"] }, "es", bodyOnRead: true).BodyKey,
            Is.Not.EqualTo(key));
        Assert.That(SearchDocuments.Of(practice with { Title = "Otro título" }, "es", bodyOnRead: true).BodyKey, Is.EqualTo(key),
            "the title is not in the body (it is in the document's own key)");

        // The index and its export are the same from either.
        var labels = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>();
        var strings = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        using var fromMade = SearchIndex.Build(made);
        using var fromRead = SearchIndex.Build(SearchDocuments.From(content, bodiesOnRead: true));
        var expected = BrowserIndexExport.Export(fromMade, labels, strings);
        var actual = BrowserIndexExport.Export(fromRead, labels, strings);
        Assert.That(actual.Select(f => f.Path), Is.EqualTo(expected.Select(f => f.Path)));
        for (var i = 0; i < actual.Count; i++)
            Assert.That(actual[i].Content, Is.EqualTo(expected[i].Content), actual[i].Path);
    }

    [Test]
    public void A_documents_key_moves_with_each_thing_it_gives_the_index_and_the_export()
    {
        var facets = new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["PE"], ["pillar"] = ["services", "systems"] };
        var d = new SearchDocument("practice/x", "practice", "practices/x/index.html", "Título", "Título", "Resumen", "cuerpo", "es", facets)
        {
            SummaryTranslations = new Dictionary<string, string> { ["en"] = "Summary" }, Translations = ["x-en"],
        };
        var key = d.Key();
        Assert.That((d with { Body = "cuerpo" }).Key(), Is.EqualTo(key), "the same document, the same key");
        var changed = new[]
        {
            d with { Id = "practice/y" }, d with { Type = "activity" }, d with { Url = "practices/y/index.html" }, d with { Title = "Otro" },
            d with { IndexedTitle = "Otro" }, d with { Summary = "Otro" }, d with { Body = "otro cuerpo" }, d with { Language = "pt" },
            d with { Facets = new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["PE"], ["pillar"] = ["services"] } },
            d with { Facets = new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["PE"], ["pillar"] = ["servicessystems"] } },
            d with { SummaryTranslations = new Dictionary<string, string> { ["en"] = "Other" } }, d with { Translations = [] },
            d with { Title = "Títu", IndexedTitle = "loTítulo" }, d with { Summary = "Resumen", Language = "es", Body = "cuerp" },
        };
        Assert.That(changed.Select(c => c.Key()), Has.None.EqualTo(key));
        Assert.That(changed.Select(c => c.Key()).Distinct().Count(), Is.EqualTo(changed.Length));
        var onRead = d.WithBodyMadeOnRead(() => "cuerpo", new Hash128(0, 7));
        Assert.That(onRead.Key(), Is.Not.EqualTo(key), "a body made on read goes by the key of what it is made from");
        Assert.That(onRead.BodyMade, Is.False, "and is not made for the key");
    }

    [Test]
    public void A_fragment_the_caller_kept_is_not_made()
    {
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        using var index = SearchIndex.Build(SearchDocuments.From(content));
        var files = new List<OutputFile>();
        var asked = new System.Collections.Concurrent.ConcurrentBag<(int, string)>();
        BrowserIndexExport.Export(index, new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(),
            new Dictionary<string, IReadOnlyDictionary<string, string>>(), file =>
            {
                lock (files) files.Add(file);
            }, keepFragment: (id, path) =>
            {
                asked.Add((id, path));
                return id % 2 == 0;
            });
        Assert.That(asked.Select(a => a.Item1).Order(), Is.EqualTo(Enumerable.Range(0, index.Documents.Count)), "asked once for each document");
        Assert.That(asked.All(a => a.Item2 == $"search/data/d-{a.Item1}.js"));
        var fragments = files.Select(f => f.Path).Where(p => p.StartsWith("search/data/d-", StringComparison.Ordinal)).ToHashSet();
        Assert.That(fragments, Is.EquivalentTo(Enumerable.Range(0, index.Documents.Count).Where(i => i % 2 == 1).Select(i => $"search/data/d-{i}.js")));
    }

    private static readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> NoLabels = [];
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> NoStrings = [];

    /// <summary>The relevance collection, its index (bodies kept to the end) and that index's browser files.</summary>
    private static (Model.ContentSet Content, SearchIndex Index, IReadOnlyList<OutputFile> Files) Exported()
    {
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), new DiagnosticBag())!;
        var index = SearchIndex.Build(SearchDocuments.From(content));
        return (content, index, BrowserIndexExport.Export(index, NoLabels, NoStrings));
    }

    /// <summary>The files <paramref name="actual"/> are <paramref name="expected"/>, byte for byte.</summary>
    private static void SameFiles(List<OutputFile> actual, IReadOnlyList<OutputFile> expected)
    {
        actual.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        Assert.That(actual.Select(f => f.Path), Is.EqualTo(expected.Select(f => f.Path)));
        for (var i = 0; i < actual.Count; i++)
            Assert.That(actual[i].Content, Is.EqualTo(expected[i].Content), actual[i].Path);
    }

    [Test]
    public void The_export_reads_no_body_once_it_says_it_has_read_them_for_the_last_time()
    {
        var (content, kept, expected) = Exported();
        using var _ = kept;

        // Released where the export says: every file is the same (a body read after it would be its hash).
        using var released = SearchIndex.Build(SearchDocuments.From(content));
        var files = new List<OutputFile>();
        var calls = 0;
        BrowserIndexExport.Export(released, NoLabels, NoStrings, file =>
        {
            lock (files) files.Add(file);
        }, bodiesRead: () =>
        {
            calls++;
            released.ReleaseBodies();
        });
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(released.Documents[0].Body, Is.Not.EqualTo(kept.Documents[0].Body), "the bodies were let go");
        SameFiles(files, expected);
    }

    /// <summary>An index whose fragments were made first lets its bodies go as soon as its lexicon has read the documents'
    /// words: the lexicon, its files and the rest of the export are those of an index that kept its bodies to the end, and
    /// releasing them again changes nothing.</summary>
    [Test]
    public void Bodies_let_go_once_the_lexicon_read_them_make_the_same_lexicon_and_files()
    {
        var (content, kept, expected) = Exported();
        using var _ = kept;

        using var early = SearchIndex.Build(SearchDocuments.From(content));
        var files = new List<OutputFile>();
        void Emit(OutputFile file)
        {
            lock (files) files.Add(file);
        }
        BrowserIndexExport.Fragments(early, Emit);
        early.ReleaseBodiesOnceTheLexiconReadsThem();
        var bodies = early.Documents.Select(d => d.Body).ToList();
        Assert.That(early.Lexicon.ToJson(), Is.EqualTo(kept.Lexicon.ToJson()), "the same lexicon");
        var released = early.Documents;
        Assert.That(released.Select(d => d.Body), Is.EqualTo(bodies.Select(b => Hashing.ContentHash.Of(b))), "each body is its key once the lexicon read it");
        BrowserIndexExport.Export(early, NoLabels, NoStrings, Emit, bodiesRead: early.ReleaseBodies, fragmentsMade: true);
        Assert.That(early.Documents, Is.SameAs(released), "released once");
        SameFiles(files, expected);
    }

    /// <summary>The index stage's one-shot build lets the search documents (with every body) go once the export has read
    /// them: nothing of the stage's own still holds the list the index was built from. A variable of its own that took the
    /// list from the stage's input kept every body alive through the whole export (about 60 MB at 20,107 documents).</summary>
    [Test]
    public void The_index_stage_holds_the_documents_bodies_no_longer_than_the_export_reads_them()
    {
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Repo.Content), bag)!;
        var languages = content.Site.InterfaceLanguages.Select(l => GobiernoElectronico.I18n.Labels.Load(Repo.Templates, l, bag)!).ToList();
        using var stage = new GobiernoElectronico.Pipeline.Stages.IndexStage(remember: false);
        WeakReference? built = null;
        bool? aliveAfterRelease = null;
        var (search, fresh) = stage.Run(content, languages, new StageTimings(), new CollectingSink(),
            built: index => built = Weakly(index.Documents),
            bodiesReleased: () => aliveAfterRelease = Collected(built!));
        Assert.That(fresh);
        Assert.That(search.Index.Documents[0].BodyKey, Has.Length.GreaterThan(0));
        Assert.That(aliveAfterRelease, Is.False, "the list with the bodies was collected once the export released them");
    }

    /// <summary>A weak reference made in a frame of its own (no temporary of the caller's holds the target).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Weakly(object target) => new(target);

    /// <summary>Whether <paramref name="reference"/>'s target is still alive after full collections.</summary>
    private static bool Collected(WeakReference reference)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return reference.IsAlive;
    }
}
