using GobiernoElectronico.Index;
using GobiernoElectronico.Search;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Tests.Search;

public class AnalysisTests
{
    [TestCase("es", "Trámites", "tramites")]
    [TestCase("es", "trámite", "tramites")]
    [TestCase("es", "TELECENTROS", "telecentro")]
    [TestCase("es", "municipios", "municipio")]
    [TestCase("pt", "municípios", "municipios")]
    [TestCase("pt", "serviços", "servico")]
    [TestCase("en", "citizens", "Citizen")]
    [TestCase("en", "government's", "government")]
    public void Inflections_case_and_accents_meet_in_one_term(string language, string a, string b)
    {
        var analyzer = SearchAnalysis.For(language);
        Assert.That(SearchAnalysis.Terms(analyzer, a), Is.EqualTo(SearchAnalysis.Terms(analyzer, b)).And.Count.EqualTo(1));
    }

    [TestCase("en")]
    [TestCase("de")]
    [TestCase("the")]
    [TestCase("não")]
    public void Stop_words_of_any_language_are_dropped_in_every_language(string word)
    {
        foreach (var language in Schema.Vocabulary.Languages)
            Assert.That(SearchAnalysis.TermOf(language, Folding.Fold(word)), Is.Null, $"{word} in {language}");
    }

    [Test]
    public void Simple_queries_split_and_fold_like_the_browser()
    {
        Assert.That(SimpleQuery.Parse("telecentros country:BO"), Is.Null, "a facet field is Lucene syntax");
        Assert.That(SimpleQuery.Parse("telecentros~1"), Is.Null, "fuzzy is Lucene syntax");
        Assert.That(SimpleQuery.Parse("compra*"), Is.Null, "a wildcard is Lucene syntax");
        Assert.That(SimpleQuery.Parse("\"datos abiertos\""), Is.Null, "a phrase is Lucene syntax");
        Assert.That(SimpleQuery.Parse("datos OR abiertos"), Is.Null, "an operator is Lucene syntax");
        // Punctuation is text: questions, slashes and colons are just their words.
        Assert.That(SimpleQuery.Parse("¿Qué es un dato abierto?")!.Select(w => w.Surface), Is.EqualTo(new[] { "que", "es", "un", "dato", "abierto" }));
        Assert.That(SimpleQuery.Parse("decreto 117/2016")!.Select(w => w.Surface), Is.EqualTo(new[] { "decreto", "117", "2016" }));
        Assert.That(SimpleQuery.Parse("Trámites: -título:x (borrador)")!.Select(w => (w.Surface, w.Exclude)),
            Is.EqualTo(new[] { ("tramites", false), ("titulo", true), ("x", true), ("borrador", false) }));
        var words = SimpleQuery.Parse("Trámites -Municipal title:Línea e-gobierno d’água")!;
        Assert.That(words, Is.EqualTo(new[]
        {
            new QueryWord("tramites", false, null), new QueryWord("municipal", true, null), new QueryWord("linea", false, "title"),
            new QueryWord("e", false, null), new QueryWord("gobierno", false, null), new QueryWord("d'agua", false, null),
        }));
        Assert.That(SimpleQuery.Parse("\"trámites en línea\""), Is.Null);
        Assert.That(SimpleQuery.Parse("a OR b"), Is.Null);
    }
}
