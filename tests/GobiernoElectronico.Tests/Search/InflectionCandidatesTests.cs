using GobiernoElectronico.Index;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The lexicon writes a word's likely inflections into a buffer instead of making a string of each: the same
/// candidates, in the same order, as the strings <see cref="InflectionCandidates.Of"/> gives.</summary>
public class InflectionCandidatesTests
{
    [Test]
    public void Written_candidates_are_the_strings_Of_gives_in_the_same_order()
    {
        string[] words = ["biblioteca", "bibliotecas", "municipios", "informacion", "telecentro", "ciudadanos", "nacional", "nacionais",
            "papel", "papeis", "gestao", "gestoes", "nuvem", "nuvens", "luz", "luces", "city", "cities", "trained", "training", "rede",
            "mes", "ab", "a1b", "año", "servicios", "canales", "digital", "ses", "estes", "ion", "nacion", "naciones", "stage", "ees"];
        var buffer = new char[4]; // made larger as the words need
        var ends = new int[InflectionCandidates.MostCandidates];
        var compared = 0;
        foreach (var word in words)
        {
            var count = InflectionCandidates.Write(word, ref buffer, ends);
            var written = Enumerable.Range(0, count).Select(k => new string(buffer, k == 0 ? 0 : ends[k - 1], ends[k] - (k == 0 ? 0 : ends[k - 1]))).ToList();
            Assert.That(written, Is.EqualTo(InflectionCandidates.Of(word).ToList()), word);
            compared += count;
        }
        Assert.That(compared, Is.GreaterThan(300));
    }
}
