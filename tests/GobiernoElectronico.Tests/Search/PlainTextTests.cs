using GobiernoElectronico.Index;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The one-pass paragraphs of a plain text (<see cref="SearchDocuments.Paragraphs"/>) are what splitting it at
/// blank lines and spaces and joining it again gave.</summary>
public class PlainTextTests
{
    private static string BySplitting(string text) =>
        string.Join("\n", text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0));

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("a\n\n\nb")]
    [TestCase("  Título \t uno\r\nsegunda línea\n\n\n\n párrafo  dos \n")]
    [TestCase("a\n \nb\n\n \n\nc")]
    public void Keeps_the_paragraphs_and_words_splitting_kept(string text) =>
        Assert.That(SearchDocuments.Paragraphs(text), Is.EqualTo(BySplitting(text)));

    [Test]
    public void Keeps_what_splitting_kept_for_random_texts()
    {
        var alphabet = "ab é\n\r\t.".ToCharArray();
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.That(SearchDocuments.Paragraphs(text), Is.EqualTo(BySplitting(text)), text.Replace("\n", "\\n"));
        }
    }
}
