using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The Lucene side: the trilingual fixture, searched with the engine the CLI uses.</summary>
public class SearchEngineTests
{
    private static SearchEngine? _engine;

    private static SearchEngine Engine => _engine ??= SearchEngine.Open(SearchSite.Root);

    [OneTimeTearDown]
    public void Close() { _engine?.Dispose(); _engine = null; }

    private static List<string> Ids(string query, Dictionary<string, IReadOnlyList<string>>? filters = null) =>
        Engine.Search(new SearchRequest(query, filters ?? [], 50)).Hits.Select(h => h.Id).ToList();

    [TestCase("tramites en linea")]
    [TestCase("trámite en línea")]
    [TestCase("Trámites En Línea")]
    [TestCase("TRAMITE LINEA")]
    public void Spanish_accent_case_and_inflection_insensitive(string query)
    {
        // The practice has every word; documents with some of them follow it.
        var ids = Ids(query);
        Assert.That(ids[0], Is.EqualTo("practice/tramites-en-linea-municipales"));
        Assert.That(Ids(query.ToUpperInvariant()), Is.EqualTo(ids));
    }

    [TestCase("telecentro")]
    [TestCase("telecentros")]
    [TestCase("Telecentros")]
    public void Spanish_and_portuguese_plurals_find_the_same_documents(string query) =>
        Assert.That(Ids(query), Is.SupersetOf(new[] { "practice/telecentro-rural", "practice/telecentros-comunitarios" }));

    [TestCase("municipios")]
    [TestCase("municípios")]
    [TestCase("MUNICIPIO")]
    public void Portuguese_and_spanish_municipalities(string query) =>
        Assert.That(Ids(query), Is.SupersetOf(new[] { "practice/prefeitura-digital", "practice/tramites-en-linea-municipales" }));

    [TestCase("serviços municipais")]
    [TestCase("servico municipal")]
    public void Portuguese_services(string query) =>
        Assert.That(Ids(query), Does.Contain("practice/prefeitura-digital"));

    [TestCase("citizens government")]
    [TestCase("Citizen Governments")]
    [TestCase("government's citizen")]
    public void English_inflections(string query) =>
        Assert.That(Ids(query), Does.Contain("practice/online-services-portal"));

    [Test]
    public void English_telecentres_by_singular_and_plural()
    {
        Assert.That(Ids("telecentre"), Does.Contain("practice/community-telecentres"));
        Assert.That(Ids("telecentres"), Does.Contain("practice/community-telecentres"));
    }

    [Test]
    public void Fielded_query_restricts_to_the_field()
    {
        Assert.That(Ids("title:biblioteca"), Is.EqualTo(new[] { "practice/telecentro-rural" }));
        Assert.That(Ids("biblioteca"), Is.EqualTo(new[] { "practice/telecentro-rural" }));
        Assert.That(Ids("title:computadoras"), Is.Empty, "'computadoras' is only in the summary");
        Assert.That(Ids("computadoras"), Is.Not.Empty);
    }

    [Test]
    public void Lucene_syntax_phrases_boolean_and_fuzzy()
    {
        Assert.That(Ids("\"trámites en línea\""), Is.EqualTo(new[] { "practice/tramites-en-linea-municipales" }));
        Assert.That(Ids("prefeitura OR portal"), Is.SupersetOf(new[] { "practice/prefeitura-digital", "practice/online-services-portal" }));
        Assert.That(Ids("prefeitura AND portal"), Is.Empty);
        Assert.That(Ids("telecentro NOT biblioteca"), Does.Not.Contain("practice/telecentro-rural"));
        Assert.That(Ids("bibliteca~"), Does.Contain("practice/telecentro-rural"));
        Assert.That(Ids("country:jm AND type:practice"), Is.EquivalentTo(new[] { "practice/online-services-portal", "practice/community-telecentres" }));
    }

    [Test]
    public void Exclusion_drops_documents()
    {
        var with = Ids("telecentros");
        var without = Ids("telecentros -escolas");
        Assert.That(with, Does.Contain("practice/telecentros-comunitarios"));
        Assert.That(without, Does.Not.Contain("practice/telecentros-comunitarios"));
    }

    [Test]
    public void Facet_filters_narrow_and_counts_ignore_their_own_filter()
    {
        var all = Engine.Search(new SearchRequest("telecentros", new Dictionary<string, IReadOnlyList<string>>()));
        var br = Engine.Search(new SearchRequest("telecentros", new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["br"] }));
        Assert.That(br.Total, Is.LessThan(all.Total));
        Assert.That(br.Hits.All(h => h.Facets["country"].Contains("BR")));
        Assert.That(br.Facets["country"], Is.EqualTo(all.Facets["country"]), "a facet's counts do not depend on its own filter");
        Assert.That(br.Facets["type"].Values.Sum(), Is.EqualTo(br.Total));
    }

    [Test]
    public void Snippets_mark_matched_words()
    {
        var hit = Engine.Search(new SearchRequest("telecentros", new Dictionary<string, IReadOnlyList<string>>())).Hits[0];
        Assert.That(hit.Snippet, Does.Match("<mark>[Tt]elecentr[a-z]*</mark>"));
    }

    [Test]
    public void Invalid_query_is_a_clear_exception() =>
        Assert.That(() => Engine.Search(new SearchRequest("\"telecentro", new Dictionary<string, IReadOnlyList<string>>())),
            Throws.TypeOf<InvalidQueryException>().With.Message.Contains("line 1"));

    [Test]
    public void Drafts_are_absent_from_the_lucene_index_and_every_shard()
    {
        Assert.That(Ids("zqxdraftmarker"), Is.Empty);
        var search = Path.Combine(SearchSite.Root, "search");
        Assert.That(Directory.GetFiles(Path.Combine(search, "lucene")), Is.Not.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(search, "data")), Is.Not.Empty);
        Assert.That(SiteSnapshot.FilesContaining(SearchSite.Root, "zqxdraftmarker"), Is.Empty);
        Assert.That(SiteSnapshot.FilesContaining(SearchSite.Root, "Zqxdraftmarker"), Is.Empty);
        Assert.That(SiteSnapshot.FilesContaining(Path.Combine(Repo.Fixture("search"), "content"), "zqxdraftmarker"), Is.Not.Empty);
    }
}
