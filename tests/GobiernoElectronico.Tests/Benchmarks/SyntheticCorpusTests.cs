using System.Text.RegularExpressions;
using GobiernoElectronico.Bench;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Benchmarks;

/// <summary>
/// The benchmark's corpus at region scale (<see cref="SyntheticCorpus.Replicate"/>): copies of real documents whose
/// vocabulary grows as a larger collection's would. Plain copies kept the vocabulary of their 359 sources, and the
/// benchmark measured the index, lexicon and search files of 27,000 surfaces at 20,104 practices instead of about 150,000.
/// </summary>
public class SyntheticCorpusTests
{
    private static readonly Regex Word = new(@"[^\W\d_]+", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Sources => Path.Combine(Repo.Fixture("relevance"), "content");

    /// <summary>The words read in the bodies of a content tree's practices, and how many distinct.</summary>
    private static (long Read, int Distinct) Words(string content)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long read = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(content, "practices"), "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var body = text[(text.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];
            foreach (Match m in Word.Matches(body))
            {
                read++;
                seen.Add(m.Value.ToLowerInvariant());
            }
        }
        return (read, seen.Count);
    }

    [Test]
    public void Copies_bring_new_words_on_Heaps_curve_and_still_validate()
    {
        using var dir = new TempDir();
        var grown = dir["grown"];
        var plain = dir["plain"];
        SyntheticCorpus.Replicate(Sources, grown, copies: 4, seed: 3);
        SyntheticCorpus.Replicate(Sources, plain, copies: 4, seed: 3, growVocabulary: false);
        var sources = Words(Sources);
        var (read, distinct) = Words(grown);
        // The sources are on the curve V = K·n^β; four copies read about four times the words.
        var expected = sources.Distinct * Math.Pow((double)read / sources.Read, SyntheticCorpus.HeapsExponent);
        Assert.That(distinct, Is.InRange(0.97 * expected, 1.03 * expected), $"{distinct} distinct words of {read}; the curve gives {expected:F0}");
        Assert.That(Words(plain).Distinct, Is.EqualTo(sources.Distinct), "plain copies keep their sources' words");
        Assert.That(read, Is.EqualTo(Words(plain).Read), "a new word takes the place of one word");

        // Every copy is still a valid practice: its links and Markdown untouched.
        var bag = new DiagnosticBag();
        var content = BuildPipeline.LoadAndValidate(new BuildOptions(grown, Repo.Templates, dir["site"]), bag);
        Assert.That(bag.Sorted().Where(d => d.Severity == Severity.Error), Is.Empty);
        Assert.That(content!.Practices, Has.Count.EqualTo(4 * Directory.GetFiles(Path.Combine(Sources, "practices"), "*.md").Length));
    }

    [Test]
    public void The_same_seed_writes_the_same_corpus()
    {
        using var dir = new TempDir();
        SyntheticCorpus.Replicate(Sources, dir["a"], copies: 2, seed: 5);
        SyntheticCorpus.Replicate(Sources, dir["b"], copies: 2, seed: 5);
        foreach (var file in Directory.GetFiles(dir["a/practices"]))
            Assert.That(File.ReadAllText(file), Is.EqualTo(File.ReadAllText(Path.Combine(dir["b/practices"], Path.GetFileName(file)))), file);
    }
}
