using GobiernoElectronico.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// The index writer indexes tokens analysed on another thread (<see cref="RecordedTokens"/>): what it reads of each
/// token, and of the end of the text, is what the analyzer itself gives it, so the index is the same.
/// </summary>
public class RecordedTokensTests
{
    private static List<string> Trace(TokenStream stream)
    {
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var trace = new List<string>();
        stream.Reset();
        while (stream.IncrementToken()) trace.Add($"{term}@+{increment.PositionIncrement}[{offset.StartOffset},{offset.EndOffset}]");
        stream.End();
        trace.Add($"end +{increment.PositionIncrement}[{offset.StartOffset},{offset.EndOffset}]");
        return trace;
    }

    [TestCase("es", "Los telecentros municipales de la región, según el Ministerio; y de")]
    [TestCase("pt", "Os municípios e as prefeituras: serviços digitais ao cidadão — não")]
    [TestCase("en", "The government's one-stop shop for citizens' services, and the")]
    [TestCase("es", "")]
    [TestCase("en", "of the and")]
    [TestCase("es", "Ñandutí 😀 São Luís  \t  Maracaibo x2 2026-12-02 e-gobierno")]
    public void Replays_what_the_analyzer_made(string language, string text)
    {
        var analyzer = SearchAnalysis.For(language);
        var field = SearchFields.For("body", language);
        List<string> direct;
        using (var stream = analyzer.GetTokenStream(field, text)) direct = Trace(stream);
        using var recorded = RecordedTokens.Of(analyzer, field, text);
        Assert.That(Trace(recorded), Is.EqualTo(direct));
        Assert.That(Trace(recorded), Is.EqualTo(direct), "a second reading replays the same tokens");
        Assert.That(recorded.Count, Is.EqualTo(direct.Count - 1));
    }

    [Test]
    public void Trailing_stop_words_move_the_final_position_as_the_analyzer_does()
    {
        var analyzer = SearchAnalysis.For("es");
        using var recorded = RecordedTokens.Of(analyzer, "body_es", "telecentro de la y el");
        Assert.That(Trace(recorded)[^1], Is.EqualTo("end +4[21,21]"));
    }

    [Test]
    public void A_long_text_is_replayed_whole()
    {
        var words = Enumerable.Range(0, 5000).Select(i => $"municipio{i % 97} telecentros").ToList();
        var text = string.Join(' ', words);
        var analyzer = SearchAnalysis.For("es");
        List<string> direct;
        using (var stream = analyzer.GetTokenStream("body_es", text)) direct = Trace(stream);
        using var recorded = RecordedTokens.Of(analyzer, "body_es", text);
        Assert.That(Trace(recorded), Is.EqualTo(direct));
    }
}
