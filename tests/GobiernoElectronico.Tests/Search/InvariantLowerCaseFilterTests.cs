using System.Text;
using GobiernoElectronico.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The index's lower-casing must be Lucene's to the character: the same terms, the same site.</summary>
public class InvariantLowerCaseFilterTests
{
    /// <summary>Every UTF-16 unit that is not a surrogate, as a one-letter token, and texts mixing ASCII, accented
    /// letters, letters with special cases (İ, ẞ, Σ, ǅ) and letters beyond the first plane (Deseret, mathematical).</summary>
    [Test]
    public void Lower_cases_every_character_as_Lucene_does()
    {
        var tokens = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
            if (!char.IsSurrogate((char)c)) tokens.Add(((char)c).ToString());
        tokens.AddRange(["ACCIÓN", "Gestión", "SÃO", "PAULO", "İstanbul", "STRAẞE", "ΣΟΦΊΑ", "ǅemal", "𐐀𐐁x", "Ab𝐀Cd", "É𐐀É", "x\ud801", "\udc00Y"]);
        var random = new Random(20261203);
        for (var i = 0; i < 2_000; i++)
        {
            var b = new StringBuilder();
            for (var j = random.Next(1, 24); j > 0; j--)
                b.Append(random.Next(6) switch
                {
                    0 => char.ConvertFromUtf32(0x10400 + random.Next(0x50)),
                    1 => (char)random.Next(0x41, 0x5b),
                    2 => (char)random.Next(0xc0, 0x250),
                    3 => (char)random.Next(0x370, 0x530),
                    4 => (char)random.Next(0x1e00, 0x2000),
                    _ => (char)random.Next(0x61, 0x7b),
                });
            tokens.Add(b.ToString());
        }
        var ours = tokens.Select(t => Lowered(t, s => new InvariantLowerCaseFilter(s))).ToList();
        var lucenes = tokens.Select(t => Lowered(t, s => new LowerCaseFilter(LuceneVersion.LUCENE_48, s))).ToList();
        var differ = Enumerable.Range(0, tokens.Count).Where(i => ours[i] != lucenes[i]).Take(5)
            .Select(i => $"{tokens[i]}: {ours[i]} against {lucenes[i]}").ToList();
        Assert.That(differ, Is.Empty);
        Assert.That(Lowered("ACCIÓN", s => new InvariantLowerCaseFilter(s)), Is.EqualTo("acción"), "it lower-cases");
    }

    /// <summary>The token as the filter leaves it: the whole text is one token (a keyword tokenizer).</summary>
    private static string Lowered(string text, Func<TokenStream, TokenStream> filter)
    {
        using var analyzer = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new KeywordTokenizer(reader);
            return new TokenStreamComponents(source, filter(source));
        });
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : "";
        stream.End();
        return result;
    }
}
