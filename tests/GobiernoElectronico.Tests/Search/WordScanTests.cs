using GobiernoElectronico.Text;

namespace GobiernoElectronico.Tests.Search;

/// <summary><see cref="Folding.Words"/> is a hand-written scan of <see cref="Folding.WordPattern"/>: it must find the
/// same words, in the same places, for any text.</summary>
public class WordScanTests
{
    private static List<(int, int)> Scanned(string text)
    {
        var words = new List<(int, int)>();
        foreach (var w in Folding.Words(text)) words.Add(w);
        return words;
    }

    private static List<(int, int)> Matched(string text) =>
        Folding.WordPattern().Matches(text).Select(m => (m.Index, m.Length)).ToList();

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("Trámites en línea: 24 h/día.")]
    [TestCase("government's d'Água l'état o'. .x x. 3.14 1,5 a..b a.'b a'’b")]
    [TestCase("municipalidad’s e-gobierno co-op")]
    [TestCase("e\u0301 café\u0301s 𝔘nicode 😀x x😀")]
    [TestCase("ⅩⅡ ½ ٣ 二〇二六 ª º")]
    public void Finds_the_words_the_pattern_finds(string text) => Assert.That(Scanned(text), Is.EqualTo(Matched(text)));

    [Test]
    public void Takes_every_character_as_the_pattern_does()
    {
        // Each UTF-16 unit alone, and between two letters (where a separator would join them).
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var one = ((char)c).ToString();
            var between = "a" + one + "b";
            Assert.That(Scanned(one), Is.EqualTo(Matched(one)), $"U+{c:X4}");
            Assert.That(Scanned(between), Is.EqualTo(Matched(between)), $"a U+{c:X4} b");
        }
    }

    [Test]
    public void Finds_the_words_of_random_texts_as_the_pattern_does()
    {
        var alphabet = "aZé9 .'’-,\u0301\u00aa½😀\n".ToCharArray();
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.That(Scanned(text), Is.EqualTo(Matched(text)), text);
        }
    }
}
