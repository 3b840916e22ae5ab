using GobiernoElectronico.Index;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// The words a lexicon works out (<see cref="WordAnalyses"/>), held as the cache file holds them: a pool of characters per
/// shard that grows, and tables rehashed as words come, from both cores at once. A first build with a real collection's
/// vocabulary adds 1.8 million words at 20,104 documents; these tests add enough to a store sized for few to make every
/// shard grow several times.
/// </summary>
public class WordAnalysesTests
{
    /// <summary>A word's made-up terms: the word, its beginning, another string (two in a word), the term of the language
    /// before, or none (a stop word), by language.</summary>
    private static string?[] Analyse(string word) => (word.Length % 4) switch
    {
        0 => ["a" + word, "b" + word[..^1], word],
        1 => [word[..^1], word[..^1], "x" + word],
        2 => [null, "t" + word, "t" + word],
        _ => [word, null, word[..2]],
    };

    private static int Family(string word) => word.Length % 3 == 0 ? 0 : word.Length - 1;

    private static List<string> Words(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "w" + ((uint)(i * 2654435761u)).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + new string('a', i % 7))];

    [Test]
    public void Words_added_from_two_cores_are_held_written_in_order_and_read_back()
    {
        using var dir = new TempDir();
        // A store that knew a few words starts small (sized for an edit's words), then grows.
        var first = WordAnalyses.Empty();
        first.Begin(1);
        foreach (var word in Words(40)) first.TermsOf(word, Analyse);
        first.End();
        first.Write(dir["words"]);
        var analyses = WordAnalyses.Read(dir["words"]);
        Assert.That(analyses.Count, Is.EqualTo(40));

        var words = Words(60_000);
        analyses.Begin(2);
        Parallel.ForEach(words, new ParallelOptions { MaxDegreeOfParallelism = 2 }, word =>
        {
            Assert.That(analyses.TermsOf(word, Analyse), Is.EqualTo(Analyse(word)), word);
            Assert.That(analyses.FamilyOf(word, Analyse, Family), Is.EqualTo(Family(word)), word);
        });
        // Held: asked again, each word gives the same terms without being worked out.
        Parallel.ForEach(words, new ParallelOptions { MaxDegreeOfParallelism = 2 }, word =>
            Assert.That(analyses.TermsOf(word, _ => throw new AssertionException($"{word} worked out again")), Is.EqualTo(Analyse(word)), word));
        Assert.That(analyses.Count, Is.EqualTo(60_000));
        analyses.End();
        analyses.Write(dir["words"]);

        var read = WordAnalyses.Read(dir["words"]);
        Assert.That(read.Count, Is.EqualTo(60_000), "the words this lexicon used (the 40 before it were not used, and are dropped)");
        read.Begin(3);
        foreach (var word in words)
        {
            Assert.That(read.TermsOf(word, _ => throw new AssertionException($"{word} not in the file")), Is.EqualTo(Analyse(word)), word);
            Assert.That(read.FamilyOf(word, Analyse, _ => throw new AssertionException($"{word}'s family not in the file")), Is.EqualTo(Family(word)), word);
        }
    }

    [Test]
    public void A_word_held_is_kept_only_when_one_of_its_terms_is_indexed()
    {
        var analyses = WordAnalyses.Empty();
        analyses.Begin(1);
        var indexed = new Dictionary<string, int>(StringComparer.Ordinal) { ["tbeta12"] = 1 };
        var lookups = Enumerable.Range(0, 3).Select(_ => indexed.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        // "beta12" (6 letters: terms none, "tbeta12", "tbeta12") is indexed in the second language; "alpha1" (6 letters too) is not.
        Assert.That(analyses.TermsIfIndexed("beta12".AsSpan(), Analyse, lookups, out var text), Is.EqualTo(Analyse("beta12")));
        Assert.That(text, Is.EqualTo("beta12"));
        Assert.That(analyses.TermsIfIndexed("alpha1".AsSpan(), Analyse, lookups, out text), Is.Null);
        // Both are held now: asked again, neither is worked out, and the one not kept makes no string.
        Assert.That(analyses.TermsIfIndexed("alpha1".AsSpan(), _ => throw new AssertionException("worked out again"), lookups, out text), Is.Null);
        Assert.That(text, Is.Null);
        Assert.That(analyses.TermsIfIndexed("beta12", _ => throw new AssertionException("worked out again"), lookups), Is.EqualTo(Analyse("beta12")));
    }

    /// <summary><see cref="Analyse"/>'s terms written without strings, one after another into the buffer (as
    /// <see cref="SearchAnalysis.TryTermsOf"/> writes them); false for a word beginning with "z", left to the string way.</summary>
    private static bool AnalyseSpan(ReadOnlySpan<char> word, ref char[] buffer, Span<int> places)
    {
        if (word[0] == 'z') return false;
        var terms = Analyse(new string(word));
        var at = 0;
        for (var l = 0; l < terms.Length; l++)
        {
            if (terms[l] is not { } term)
            {
                (places[2 * l], places[2 * l + 1]) = (0, -1);
                continue;
            }
            if (buffer.Length < at + term.Length) Array.Resize(ref buffer, at + term.Length);
            term.CopyTo(buffer.AsSpan(at));
            (places[2 * l], places[2 * l + 1]) = (at, term.Length);
            at += term.Length;
        }
        return true;
    }

    [Test]
    public void Words_worked_out_without_strings_are_held_as_those_worked_out_as_strings()
    {
        using var dir = new TempDir();
        var indexedTerms = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = Words(20_000).Concat(Words(200).Select(w => "z" + w)).ToList();
        // Every third word's second or third term is indexed.
        for (var i = 0; i < words.Count; i += 3)
            if ((Analyse(words[i])[2] ?? Analyse(words[i])[1]) is { } term) indexedTerms[term] = 1;
        var lookups = Enumerable.Range(0, 3).Select(_ => indexedTerms.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        bool Kept(string word) => Analyse(word).Any(t => t is not null && indexedTerms.ContainsKey(t));
        Assert.That(words.Count(Kept), Is.InRange(words.Count / 10, words.Count * 9 / 10), "some words kept, some not");

        var analyses = WordAnalyses.Empty();
        analyses.Begin(1);
        Parallel.ForEach(words, new ParallelOptions { MaxDegreeOfParallelism = 2 }, word =>
        {
            var terms = analyses.TermsIfIndexed(word.AsSpan(), Analyse, lookups, out var text, AnalyseSpan);
            Assert.That(terms, Is.EqualTo(Kept(word) ? Analyse(word) : null), word);
            Assert.That(text, Is.EqualTo(Kept(word) ? word : null), word);
        });
        // Held, as strings or not: asked again, none is worked out.
        foreach (var word in words)
            Assert.That(analyses.TermsOf(word, _ => throw new AssertionException($"{word} worked out again")), Is.EqualTo(Analyse(word)), word);
        analyses.End();
        analyses.Write(dir["words"]);

        // The file is the one words worked out as strings give.
        var strings = WordAnalyses.Empty();
        strings.Begin(1);
        foreach (var word in words) strings.TermsOf(word, Analyse);
        strings.End();
        strings.Write(dir["strings"]);
        Assert.That(File.ReadAllBytes(dir["words"]), Is.EqualTo(File.ReadAllBytes(dir["strings"])));

        // Without a store: the same terms, and a string only for a word kept.
        foreach (var word in words)
        {
            Assert.That(WordAnalyses.AnalysedIfIndexed(word, Analyse, AnalyseSpan, lookups, out var text), Is.EqualTo(Kept(word) ? Analyse(word) : null), word);
            Assert.That(text, Is.EqualTo(Kept(word) ? word : null), word);
        }
    }

    [Test]
    public void Words_that_begin_alike_for_many_characters_are_written_in_ordinal_order()
    {
        using var dir = new TempDir();
        // Words sharing their first 0 to 24 characters, words that begin others, and characters past ASCII (ordinal order is by
        // UTF-16 code unit): the file is read back only when its words are in ordinal order.
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in new[] { "", "a", "abcd", "abcdefgh", "informacion", "interoperabilidades", "zzzzzzzzzzzzzzzzzzzzzzzz" })
            foreach (var end in new[] { "", "a", "b", "ab", "ba", "é", "ā", "aaaa", "aaaab", "aaaaaaaaa", "z\uffee", "es", "ones" })
                if (stem.Length + end.Length >= 1) words.Add(stem + end);
        var analyses = WordAnalyses.Empty();
        analyses.Begin(1);
        foreach (var word in words.OrderBy(w => w.GetHashCode())) analyses.TermsOf(word, Analyse);
        analyses.End();
        analyses.Write(dir["words"]);
        var read = WordAnalyses.Read(dir["words"]);
        Assert.That(read.Count, Is.EqualTo(words.Count));
        Assert.That(read.WordsRead(), Is.EqualTo(words.Order(StringComparer.Ordinal)), "in ordinal order");
        read.Begin(2);
        foreach (var word in words)
            Assert.That(read.TermsOf(word, _ => throw new AssertionException($"{word} not in the file")), Is.EqualTo(Analyse(word)), word);
    }
    /// <summary>Writes a file of <paramref name="count"/> words, and returns its bytes.</summary>
    private static byte[] Written(TempDir dir, int count)
    {
        var analyses = WordAnalyses.Empty();
        analyses.Begin(1);
        foreach (var word in Words(count)) analyses.TermsOf(word, Analyse);
        analyses.End();
        analyses.Write(dir["words"]);
        return File.ReadAllBytes(dir["words"]);
    }

    [Test]
    public void A_damaged_file_is_read_as_no_words_and_never_read_past_its_tables()
    {
        using var dir = new TempDir();
        var bytes = Written(dir, 300);
        var whole = WordAnalyses.Read(dir["words"]);
        Assert.That(whole.Count, Is.EqualTo(300), "the file as written");
        whole.Release(); // the file is written over in place below, as no build of the tool does
        // The tables start at a multiple of 8 after the header; each damage makes a reader that trusted the file read past its
        // pool, loop over slots with no empty one, or take a slot for a word that is not there.
        var cases = new Dictionary<string, Func<byte[], byte[]>>
        {
            ["cut short"] = b => b[..^9],
            ["one byte more"] = b => [.. b, 0],
            ["no end mark"] = b => { var c = (byte[])b.Clone(); c[^1] = (byte)'x'; return c; },
            ["a word's length past the pool"] = b => Patched(b, PlacesAt(b) + 4, int.MaxValue / 2),
            ["a word's place negative"] = b => Patched(b, PlacesAt(b), -5),
            ["a slot past the words"] = b => Patched(b, SlotsAt(b, 300) + 4 * Array.FindIndex(Ints(b, SlotsAt(b, 300), 1024), s => s != 0), 301),
            ["every slot full"] = b => { var c = (byte[])b.Clone(); for (var i = 0; i < 1024; i++) BitConverter.TryWriteBytes(c.AsSpan(SlotsAt(b, 300) + 4 * i), 1 + i % 300); return c; },
            ["not this generator's"] = b => { var c = (byte[])b.Clone(); c[40] ^= 0x20; return c; },
        };
        foreach (var (damage, make) in cases)
        {
            File.WriteAllBytes(dir["words"], make(bytes));
            var read = WordAnalyses.Read(dir["words"]);
            Assert.That(read.Count, Is.Zero, damage);
            read.Begin(2);
            Assert.That(read.TermsOf("w0", Analyse), Is.EqualTo(Analyse("w0")), damage + ": worked out instead");
        }
    }

    /// <summary>Where the places start: after the header (format, generator, languages, count, slots), at a multiple of 8.</summary>
    private static int PlacesAt(byte[] file)
    {
        using var reader = new BinaryReader(new MemoryStream(file));
        reader.ReadString();
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadInt32();
        return (int)((reader.BaseStream.Position + 7) & ~7L);
    }

    /// <summary>Where the slots start in a file of <paramref name="count"/> words: after 8 ints of places and a family each.</summary>
    private static int SlotsAt(byte[] file, int count) => PlacesAt(file) + 4 * 9 * count;

    private static int[] Ints(byte[] file, int at, int count) => [.. Enumerable.Range(0, count).Select(i => BitConverter.ToInt32(file, at + 4 * i))];

    private static byte[] Patched(byte[] file, int at, int value)
    {
        var copy = (byte[])file.Clone();
        BitConverter.TryWriteBytes(copy.AsSpan(at), value);
        return copy;
    }

    [Test]
    public void Words_read_stay_readable_when_their_file_is_replaced_and_are_released_after()
    {
        using var dir = new TempDir();
        Written(dir, 500);
        var read = WordAnalyses.Read(dir["words"]);
        read.Begin(2);
        foreach (var word in Words(500)) read.TermsOf(word, Analyse);
        read.End();
        // The cache's files are replaced through a temporary file renamed over the old one: the words read are still there.
        Written(dir, 20);
        foreach (var word in Words(500))
            Assert.That(read.TermsOf(word, _ => throw new AssertionException($"{word} lost")), Is.EqualTo(Analyse(word)), word);
        read.Write(dir["again"]);
        Assert.That(WordAnalyses.Read(dir["again"]).Count, Is.EqualTo(500));
        read.Release();
        Assert.Throws<ObjectDisposedException>(() => read.TermsOf(Words(1)[0], Analyse), "released: never read from an unmapped file");

        // A cache spent once written writes over the file its words were read from, letting that one go first.
        var spent = WordAnalyses.Read(dir["again"]);
        spent.Begin(3);
        foreach (var word in Words(500).Take(100)) spent.TermsOf(word, Analyse);
        spent.End();
        spent.Write(dir["again"], spent: true);
        Assert.Throws<ObjectDisposedException>(() => spent.TermsOf(Words(1)[0], Analyse));
        Assert.That(WordAnalyses.Read(dir["again"]).Count, Is.EqualTo(100), "the words this lexicon used");
    }
}
