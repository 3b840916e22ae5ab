using GobiernoElectronico.Diagnostics;
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
    public void The_export_reads_no_body_once_it_says_it_has_read_them_for_the_last_time()
    {
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(Path.Combine(Repo.Fixture("relevance"), "content")), bag)!;
        var labels = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>();
        var strings = new Dictionary<string, IReadOnlyDictionary<string, string>>();

        using var kept = SearchIndex.Build(SearchDocuments.From(content));
        var expected = BrowserIndexExport.Export(kept, labels, strings);

        // Released where the export says: every file is the same (a body read after it would be its hash).
        using var released = SearchIndex.Build(SearchDocuments.From(content));
        var files = new List<OutputFile>();
        var calls = 0;
        BrowserIndexExport.Export(released, labels, strings, file =>
        {
            lock (files) files.Add(file);
        }, bodiesRead: () =>
        {
            calls++;
            released.ReleaseBodies();
        });
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(released.Documents[0].Body, Is.Not.EqualTo(kept.Documents[0].Body), "the bodies were let go");
        var actual = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Assert.That(actual.Select(f => f.Path), Is.EqualTo(expected.Select(f => f.Path)));
        for (var i = 0; i < actual.Count; i++)
            Assert.That(actual[i].Content, Is.EqualTo(expected[i].Content), actual[i].Path);
    }
}
