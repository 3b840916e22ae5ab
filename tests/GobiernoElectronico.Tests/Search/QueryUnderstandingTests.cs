using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// What a planner types, on the shipped content and its thesaurus: words that are not all in one document,
/// questions, typos, another language than the document's, numbers with punctuation. The browser's
/// search.js plans and scores the same queries identically (BrowserEquivalenceTests, RelevanceTests).
/// </summary>
public class QueryUnderstandingTests
{
    private static SearchEngine? _engine;

    private static SearchEngine Engine => _engine ??= SearchEngine.Open(BuiltSite.Root);

    [OneTimeTearDown]
    public void Close() { _engine?.Dispose(); _engine = null; }

    private static SearchResponse Search(string query) => Engine.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 20));

    private static List<string> Ids(string query) => Search(query).Hits.Select(h => h.Id).ToList();

    [Test]
    public void Not_every_word_is_required_and_documents_with_more_of_them_come_first()
    {
        var ids = Ids("telecentros xylophone");
        Assert.That(ids, Is.SupersetOf(Ids("telecentros")));
        Assert.That(ids, Has.Count.EqualTo(Ids("telecentros").Count));
        // Both words beat one: a document about telecentres in Venezuela ranks above other telecentre documents.
        Assert.That(Ids("telecentros venezuela")[0], Is.EqualTo("practice/infocentros-venezuela"));
    }

    // Since Costa Rica's digital signature joined the practices, it answers this best (Bolivia's digital citizenship follows).
    [TestCase("¿cómo obtener un certificado digital?", "practice/firma-digital-costa-rica")]
    [TestCase("¿Qué es Guatecompras?", "practice/guatecompras")]
    public void Questions_find_what_they_ask_about(string question, string expected)
    {
        var r = Search(question);
        Assert.That(r.Hits.Select(h => h.Id).Take(3), Does.Contain(expected), string.Join(", ", r.Hits.Select(h => h.Id)));
    }

    // Two practices answer this one: Brazil's Receitanet (in Portuguese, reached through the thesaurus) and
    // Jamaica's online tax filing (in English); the better-matching one first, both near the top.
    [Test]
    public void A_question_in_English_finds_the_tax_filing_practices_in_both_languages()
    {
        var ids = Search("how can citizens file their tax return online?").Hits.Select(h => h.Id).ToList();
        Assert.That(ids.Take(3).Intersect(["practice/receitanet-declaracao-ir", "practice/jamaica-tax-online"]), Is.Not.Empty, string.Join(", ", ids));
        Assert.That(ids.Take(5), Does.Contain("practice/receitanet-declaracao-ir").And.Contain("practice/jamaica-tax-online"), string.Join(", ", ids));
    }

    [Test]
    public void Question_words_are_not_required_but_a_query_of_only_question_words_still_searches()
    {
        Assert.That(Ids("¿qué es la transparencia?"), Is.EqualTo(Ids("transparencia")));
        Assert.DoesNotThrow(() => Search("¿qué?"));
    }

    [TestCase("decreto 117/2016")]
    [TestCase("¿Qué es un dato abierto?")]
    [TestCase("C++ / .NET (2024)")]
    [TestCase("100% en línea!")]
    public void Punctuation_is_text_not_syntax(string query)
    {
        Assert.DoesNotThrow(() => Search(query));
        Assert.That(SimpleQuery.UsesSyntax(query), Is.False);
    }

    [Test]
    public void Numbers_are_never_corrected() => Assert.That(Search("decreto 117/2016").Suggestion, Is.Null);

    [TestCase("trasparencia", "transparencia")]
    [TestCase("interoperabilty", "interoperability")]
    [TestCase("guatecompra", null)] // a prefix is completed, not corrected
    // One edit from two words each: the suggestion is the one more documents use (porta, projeto come first alphabetically).
    [TestCase("portl", "portal")]
    [TestCase("proyeto", "proyecto")]
    [TestCase("oferts", "oferta")] // oferta and ofertas are in as many documents: the first alphabetically
    public void Typos_are_corrected_with_a_suggestion(string typo, string? suggestion)
    {
        var r = Search(typo);
        Assert.That(r.Total, Is.GreaterThan(0), typo);
        Assert.That(r.Suggestion, Is.EqualTo(suggestion));
    }

    [TestCase("libraries", "practice/farois-do-saber-curitiba")]
    [TestCase("public libraries", "practice/farois-do-saber-curitiba")]
    [TestCase("telecentres", "practice/infocentros-venezuela")]
    [TestCase("public procurement", "practice/guatecompras")]
    [TestCase("income tax return", "practice/receitanet-declaracao-ir")]
    [TestCase("declaración de impuestos", "practice/receitanet-declaracao-ir")]
    public void Another_language_than_the_documents_finds_them(string query, string expected) =>
        Assert.That(Ids(query).Take(5), Does.Contain(expected), string.Join(", ", Ids(query)));

    [Test]
    public void A_typo_inside_a_thesaurus_phrase_is_corrected_and_the_phrase_reaches_the_other_languages()
    {
        var r = Search("how can I file my tax retrun online?");
        Assert.That(r.Suggestion, Does.Contain("tax return"));
        Assert.That(r.Hits.Select(h => h.Id).Take(3), Does.Contain("practice/receitanet-declaracao-ir"), string.Join(", ", r.Hits.Select(h => h.Id)));
    }

    [Test]
    public void Typos_are_never_corrected_into_inflections_proposed_by_rule()
    {
        Assert.That(Search("fixx").Suggestion ?? "", Does.Not.Contain("fixe"));
        Assert.That(Search("file").Suggestion ?? "", Does.Not.Contain("fixe"));
    }

    [Test]
    public void A_word_only_the_thesaurus_knows_is_corrected_towards_the_content()
    {
        // «estructura» is in the thesaurus only (estructura orgánica); the content writes «estrutura».
        var r = Search("estructura");
        Assert.That(r.Suggestion, Is.EqualTo("estrutura")); // shown as the content writes it
        Assert.That(r.Hits.Select(h => h.Id).Take(3), Does.Contain("practice/poupatempo-sao-paulo"), string.Join(", ", r.Hits.Select(h => h.Id)));
    }

    [Test]
    public void Lucene_syntax_analyses_fuzzy_and_wildcard_terms()
    {
        Assert.That(Ids("telecentros~1"), Is.Not.Empty);
        Assert.That(Ids("compra*"), Does.Contain("practice/compras-publicas-ecuador"));
        Assert.That(Ids("title:telecentros -escuela"), Is.Not.Null);
    }

    [Category("Build")]
    [Test]
    public void An_editor_adds_a_concept_to_the_thesaurus_without_touching_code()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        // Before: the English name of Curitiba's "faróis" (lighthouses) finds nothing.
        Assert.That(SearchIn(dir, "lighthouses"), Does.Not.Contain("practice/farois-do-saber-curitiba"));
        File.AppendAllText(Path.Combine(dir["content"], "data", "thesaurus.yml"), "- en: [lighthouse]\n  pt: [faróis]\n");
        Assert.That(SearchIn(dir, "lighthouses").Take(3), Does.Contain("practice/farois-do-saber-curitiba"));
    }

    private static List<string> SearchIn(TempDir dir, string query)
    {
        var site = dir["site-" + Guid.NewGuid().ToString("N")];
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, site));
        Assert.That(result.Succeeded, string.Join('\n', result.Diagnostics));
        using var engine = SearchEngine.Open(site);
        return engine.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>(), 20)).Hits.Select(h => h.Id).ToList();
    }

    [TestCase("- es: [trámite]\n  fr: [démarche]\n", 2, 3, ErrorCodes.UnknownField)]
    [TestCase("- es: [trámite, trámite]\n", 1, 17, ErrorCodes.ValueOutOfRange)]
    [TestCase("- es: [trámite]\n  pt: [trâmite]\n- es: trámites\n  en: formality\n- es: [trámite]\n  en: procedure\n", 5, 8, ErrorCodes.ValueOutOfRange)]
    [TestCase("- es: [trámite]\n  pt: [trâmite]\n- en: [procedure]\n", 3, 3, ErrorCodes.MissingField)]
    [TestCase("es: trámite\n", 1, 1, ErrorCodes.WrongType)]
    [TestCase("- es: [trámite\n", 2, 1, ErrorCodes.MalformedYaml)]
    [TestCase("- es: [a b c d e f g h]\n  pt: [x]\n", 1, 8, ErrorCodes.ValueOutOfRange)]
    [TestCase("- es: []\n  pt: [x]\n", 1, 7, ErrorCodes.WrongType)]
    public void Thesaurus_mistakes_are_located(string yaml, int line, int column, string code)
    {
        var bag = new DiagnosticBag();
        Assert.That(ThesaurusData.Parse(yaml, "content/data/thesaurus.yml", bag), Is.Null);
        var errors = bag.Sorted().Where(d => d.Severity == Severity.Error).ToList();
        Assert.That(errors.Select(e => (e.Position.Line, e.Position.Column, e.Code)), Does.Contain((line, column, code)), string.Join('\n', errors));
    }

    [Category("Process")]
    [Test]
    public void The_shipped_thesaurus_is_valid_and_ge_check_reports_a_broken_one()
    {
        var bag = new DiagnosticBag();
        Assert.That(ThesaurusData.Load(Repo.Content, bag), Is.Not.Null, string.Join('\n', bag.Sorted()));
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        File.WriteAllText(Path.Combine(dir["content"], "data", "thesaurus.yml"), "- es: [trámite]\n  fr: [démarche]\n");
        var r = GeProcess.Run(dir.Path, "check");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("content/data/thesaurus.yml(2,3): error GE0101: 'fr' is not a language of the site"));
    }
}
