using GobiernoElectronico.Index;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// The browser search code (search.js, run by Jint over the exported shards) and Lucene (the CLI's engine
/// over the Lucene index) return the same documents in the same order, with the same scores and "did you mean", for the same
/// queries — on the trilingual fixture and on the shipped content.
/// </summary>
public class BrowserEquivalenceTests
{
    private static readonly string[] FixtureQueries =
    [
        "telecentro", "telecentros", "Telecentros", "TELECENTRO", "telecentre", "telecentres",
        "tramites", "trámites en línea", "Trámites En Línea", "tramite linea", "municipios", "municípios", "municipal",
        "serviços", "servicos municipais", "services", "citizens", "Citizen", "government", "government's portal",
        "biblioteca", "bibliotecas", "escolas", "escuela", "internet", "Internet acceso", "comunidad", "comunidade",
        "title:telecentros", "summary:computadoras", "body:telecentro", "telecentros -escolas", "-telecentros",
        "portal", "online", "en línea", "de la", "computers internet", "oficinas", "post offices", "xylophone", "",
    ];

    private static readonly string[] ShippedQueries =
    [
        "telecentros", "telecentro", "gobierno electrónico", "Gobierno Electronico", "compras públicas", "compras publicas",
        "procurement", "transparency", "transparencia", "imposto de renda", "declaração", "identidad digital", "ciudadanía",
        "municipios", "municípios", "prefeitura", "biblioteca", "bibliotecas", "internet", "banda ancha", "banda larga",
        "interoperabilidad", "SIAF", "guatecompras", "infocentros", "Bolivia", "Brasil", "Brazil", "Perú", "peru",
        "title:telecentros", "summary:internet", "telecentros -curitiba", "servicios en línea", "municipal", "tax", "online",
        // questions, typos, other languages, thesaurus-only words, partial phrases, numbers (QueryUnderstandingTests)
        "¿cómo obtener un certificado digital?", "¿Qué es Guatecompras?", "how can citizens file their tax return online?", "¿qué?",
        "trasparencia", "interoperabilty", "presupusto participativo", "guatecompra", "declaracion", "libraries", "public libraries",
        "telecentres", "income tax return", "decreto 117/2016", "100% en línea!", "telecentros xylophone", "telecentros venezuela",
        "certificado xylophone", "compras publicas -ecuador", "interoperables", "digitalización",
        "how can I file my tax retrun online?", "compras pubicas", "tax retrun", "file",
        // typos one edit from several words, where "did you mean" offers the one the most documents use
        "portl", "proyeto", "informba", "goiernos", "oferts", "infocentrs", "centrs",
    ];

    private static IEnumerable<TestCaseData> Cases(string site, string[] queries) =>
        queries.Select(q => new TestCaseData(site, q).SetArgDisplayNames(site, q.Length == 0 ? "(empty)" : q));

    private static IEnumerable<TestCaseData> All() => Cases("fixture", FixtureQueries).Concat(Cases("shipped", ShippedQueries))
        .Concat(Cases("shipped, terms in files of their own", ShippedQueries));

    private static readonly Dictionary<string, (SearchEngine Lucene, JsSearch Js)> Sites = [];

    private static (SearchEngine Lucene, JsSearch Js) Site(string name)
    {
        if (!Sites.TryGetValue(name, out var site))
        {
            var root = name switch
            {
                "fixture" => SearchSite.Root,
                "shipped" => BuiltSite.Root,
                _ => OwnFilesSite.Of(Repo.Content, BuiltSite.Root),
            };
            Sites[name] = site = (SearchEngine.Open(root), new JsSearch(root));
        }
        return site;
    }

    [OneTimeTearDown]
    public void Close()
    {
        foreach (var s in Sites.Values)
        {
            s.Lucene.Dispose();
            s.Js.Dispose();
        }
        Sites.Clear();
    }

    [Test]
    public void There_are_at_least_thirty_queries_per_corpus()
    {
        Assert.That(FixtureQueries, Has.Length.GreaterThanOrEqualTo(30));
        Assert.That(ShippedQueries, Has.Length.GreaterThanOrEqualTo(30));
    }

    [TestCaseSource(nameof(All))]
    public void Top_ten_documents_order_and_scores_match_lucene(string siteName, string query)
    {
        var (lucene, js) = Site(siteName);
        var expected = lucene.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 10));
        var actual = js.Search(query);
        Assert.That(actual.Total, Is.EqualTo(expected.Total), "number of matches");
        Assert.That(actual.Hits.Select(h => h.Doc), Is.EqualTo(expected.Hits.Select(h => h.DocId)), "documents and order");
        Assert.That(actual.Hits.Select(h => (float)h.Score), Is.EqualTo(expected.Hits.Select(h => h.Score)), "scores, bit for bit as floats");
        Assert.That(actual.Suggestion, Is.EqualTo(expected.Suggestion), "the suggestion");
    }

    [TestCase("telecentros", "country", "BR")]
    [TestCase("telecentros", "pillar", "infrastructure")]
    [TestCase("", "type", "country")]
    [TestCase("", "language", "pt")]
    public void Facet_filters_and_counts_match_lucene(string query, string facet, string value)
    {
        var (lucene, js) = Site("fixture");
        var filters = new Dictionary<string, IReadOnlyList<string>> { [facet] = [value] };
        var expected = lucene.Search(new SearchRequest(query, filters, 10));
        var actual = js.Search(query, filters);
        Assert.That(actual.Hits.Select(h => h.Doc), Is.EqualTo(expected.Hits.Select(h => h.DocId)));
        foreach (var f in SearchFields.Facets)
            Assert.That(actual.Counts.GetValueOrDefault(f) ?? [], Is.EquivalentTo(expected.Facets[f]), f);
    }

    [TestCase("telecentro")]
    [TestCase("trámites en línea")]
    [TestCase("ÿ-weird ünïcode")]
    [TestCase("")]
    public void Shard_names_agree_between_csharp_and_javascript(string text)
    {
        var (_, js) = Site("fixture");
        var escaped = System.Text.Json.JsonSerializer.Serialize(text);
        Assert.That(js.Eval($"GESearch.hash({escaped})"), Is.EqualTo(ShardNames.Hash(text).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(js.Eval($"GESearch.names.term({escaped}, 7)"), Is.EqualTo(ShardNames.Term(text, 7)));
        if (text.Length > 0)
            Assert.That(js.Eval($"GESearch.names.vocab(GESearch.fold({escaped}))"), Is.EqualTo(ShardNames.Vocabulary(Folding.Fold(text))));
        for (var length = 1; length <= ShardNames.MaxVocabularyKey; length++)
            Assert.That(js.Eval($"GESearch.names.vocabKey(GESearch.fold({escaped}), {length})"), Is.EqualTo(ShardNames.VocabularyKey(Folding.Fold(text), length)));
    }
}
