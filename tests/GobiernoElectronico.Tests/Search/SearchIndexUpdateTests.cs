using GobiernoElectronico.Index;
using GobiernoElectronico.Search;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// <c>ge serve</c> searches an edit before the settling build makes the whole index again: the index served is
/// updated by document (<see cref="SearchIndex.Updated"/>), and an engine over it finds the new words, no longer the
/// old ones, each document once, with its facets.
/// </summary>
public class SearchIndexUpdateTests
{
    private static SearchDocument Practice(string slug, string country, string body) => new(
        $"practice/{slug}", "practice", $"practices/{slug}/index.html", slug, slug, $"Resumen de {slug}", body, "es",
        new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["practice"], ["country"] = [country], ["pillar"] = ["servicios", "sistemas"], ["language"] = ["es"] });

    private static readonly SearchDocument[] Corpus =
    [
        Practice("compras-publicas", "GT", "Portal de compras públicas con licitaciones abiertas zqantigua."),
        Practice("catastro-municipal", "PE", "Catastro municipal en línea para los municipios rurales."),
        Practice("ventanilla-unica", "CL", "Ventanilla única de trámites municipales y pagos en línea."),
    ];

    private static SearchResponse Search(SearchIndex index, string query, Dictionary<string, IReadOnlyList<string>>? filters = null)
    {
        using var engine = SearchEngine.Open(index);
        return engine.Search(new SearchRequest(query, filters ?? [], 50));
    }

    private static List<string> Ids(SearchIndex index, string query) => Search(index, query).Hits.Select(h => h.Id).ToList();

    [Test]
    public void A_closed_index_lets_go_of_what_it_searched_with_and_keeps_its_documents()
    {
        var built = SearchIndex.Build(Corpus);
        var hit = Search(built, "catastro").Hits.Single();
        // Every facet, in the order of the fields, none where the document has none (read from the document's own values).
        Assert.That(hit.Facets.Keys, Is.EqualTo(SearchFields.Facets));
        Assert.That(hit.Facets["country"], Is.EqualTo(new[] { "PE" }));
        Assert.That(hit.Facets["pillar"], Is.EqualTo(new[] { "servicios", "sistemas" }));
        Assert.That(hit.Facets["sector"], Is.Empty);
        Assert.That(hit.Facets.TryGetValue("nothing", out _), Is.False);
        var closed = 0;
        built.Closed += _ => closed++;
        built.Dispose();
        built.Dispose();
        Assert.That(closed, Is.EqualTo(1), "closed once");
        Assert.Throws<ObjectDisposedException>(() => _ = built.Reader);
        Assert.Throws<ObjectDisposedException>(() => _ = built.Searcher);
        Assert.Throws<ObjectDisposedException>(() => _ = built.Directory);
        Assert.Throws<ObjectDisposedException>(() => _ = built.Lexicon);
        Assert.That(built.Documents.Select(d => d.Id), Is.EqualTo(Corpus.Select(d => d.Id)), "what a build compares with stays");
    }

    [Test]
    public void An_updated_index_finds_the_new_words_and_not_the_old_ones()
    {
        using var built = SearchIndex.Build(Corpus);
        Assert.That(Ids(built, "zqantigua"), Is.EqualTo(new[] { "practice/compras-publicas" }));

        using var once = built.Updated([Corpus[0] with { Body = "Portal de compras con subastas electrónicas zqprimera." }]);
        Assert.That(Ids(once, "zqprimera"), Is.EqualTo(new[] { "practice/compras-publicas" }));
        Assert.That(Ids(once, "zqantigua"), Is.Empty, "the old version is deleted");
        Assert.That(Ids(once, "subastas"), Is.EqualTo(new[] { "practice/compras-publicas" }), "a word new to the whole index is in the lexicon");
        Assert.That(Ids(once, "zqprimara"), Is.EqualTo(new[] { "practice/compras-publicas" }), "a typo of a new word is corrected to it");
        Assert.That(Ids(built, "zqprimera"), Is.Empty, "the index it was made from is unchanged");

        var all = Search(once, "");
        Assert.That(all.Total, Is.EqualTo(3), "each document once");
        Assert.That(all.Facets["country"], Is.EqualTo(new SortedDictionary<string, int> { ["CL"] = 1, ["GT"] = 1, ["PE"] = 1 }));
        var guatemala = Search(once, "portal", new() { ["country"] = ["gt"] });
        Assert.That(guatemala.Hits.Select(h => h.Id), Is.EqualTo(new[] { "practice/compras-publicas" }));
        Assert.That(guatemala.Hits[0].Facets["pillar"], Is.EqualTo(new[] { "servicios", "sistemas" }));
    }

    [Test]
    public void The_same_document_updated_again_and_again_stays_one_document()
    {
        using var built = SearchIndex.Build(Corpus);
        using var _ = SearchEngine.Open(built); // serve opens an engine on the index it serves: the next ones extend its parts
        using var once = built.Updated([Corpus[0] with { Body = "Primera edición zqprimera." }]);
        using var twice = once.Updated([Corpus[0] with { Body = "Segunda edición zqsegunda." }]);
        // The first update's segment held only that document: updated again, the segment is dropped and the ids move.
        Assert.That(twice.Segments, Has.Count.EqualTo(2));
        Assert.That(twice.Documents, Has.Count.EqualTo(twice.Reader.MaxDoc));
        using var other = twice.Updated([Corpus[1] with { Body = "Catastro con mapas abiertos zqtercera." }]);
        Assert.That(other.Segments, Has.Count.EqualTo(3));
        foreach (var (query, id) in new[] { ("zqsegunda", "practice/compras-publicas"), ("zqtercera", "practice/catastro-municipal"), ("ventanilla", "practice/ventanilla-unica") })
            Assert.That(Ids(other, query), Is.EqualTo(new[] { id }), query);
        Assert.That(Ids(other, "zqprimera"), Is.Empty);
        Assert.That(Search(other, "").Total, Is.EqualTo(3));
        // The lexicon of an index updated three times: its base's words and the three edits', listed once each, in order.
        var words = other.Lexicon.Vocabulary.Keys.ToList();
        Assert.That(words, Is.EqualTo(words.Order(StringComparer.Ordinal).Distinct()));
        Assert.That(words, Is.SupersetOf(built.Lexicon.Vocabulary.Keys.Concat(["zqprimera", "zqsegunda", "zqtercera"])));
        Assert.That(other.Lexicon.Vocabulary, Has.Count.EqualTo(words.Count));
        Assert.That(other.Lexicon.ContentSurfaces, Does.Contain("zqtercera").And.Contain("zqprimera"));
        foreach (var hit in Search(other, "").Hits)
            Assert.That(hit.Facets["country"], Is.EqualTo(new[] { Corpus.Single(d => d.Id == hit.Id).Facets["country"][0] }), hit.Id);
    }

    [Test]
    public void An_updated_index_finds_what_a_whole_new_index_finds()
    {
        var edited = Corpus[2] with { Body = "Ventanilla única de trámites municipales, licencias y pagos en línea zqnueva." };
        using var built = SearchIndex.Build(Corpus);
        using var updated = built.Updated([edited]);
        using var whole = SearchIndex.Build([Corpus[0], Corpus[1], edited]);
        foreach (var query in new[] { "municipales", "tramites en linea", "licencias", "zqnueva", "compras", "pagos" })
            Assert.That(Ids(updated, query).Order(), Is.EqualTo(Ids(whole, query).Order()), query);
        // The words' families (the planner's weaker alternatives) too, those the edit brought and the others.
        foreach (var word in new[] { "municipales", "tramites", "licencias", "zqnueva", "ventanilla", "pagos", "compras" })
            Assert.That(updated.Lexicon.FamilyKey(word), Is.EqualTo(whole.Lexicon.FamilyKey(word)), word);
    }
}
