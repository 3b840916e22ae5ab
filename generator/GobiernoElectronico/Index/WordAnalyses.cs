using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Index;

/// <summary>
/// What the query lexicon works out of each word on its own (<see cref="QueryLexicon"/>): Lucene's term of it in each
/// language, and the length of its family key. Both are functions of the word alone (and of Lucene's analysis), so a
/// lexicon made with what earlier lexicons worked out is the lexicon made without it. At 20,107 documents a lexicon
/// analyses 330,000 words in three languages (the content's surfaces, and their likely inflections, most of which no
/// language indexes) and stems 108,000 with three Snowball stemmers: 0.8 s of the export after an edit, for words nearly
/// all the ones the last build analysed.
/// <para>
/// Kept by the <see cref="LexiconCache"/> of <c>ge build</c>, in a file of the build cache (<see cref="Read"/>,
/// <see cref="Write"/>; valid only for the generator that wrote it). The words read from it stay in one block of characters
/// with a table of places, and a word that no language indexes is checked against the index there, without making a string
/// of its terms: 330,000 words read as objects cost about what working them out did (their reading, and the collector
/// moving 50 MB of them). The words the last lexicon did not use are dropped once they are a fifth of what is kept; the file
/// is written again only then, or when more than a few words were worked out (<see cref="FewWords"/>).
/// </para>
/// </summary>
internal sealed class WordAnalyses
{
    private const string Format = "ge-word-analyses 2";

    private static string Generator { get; } =
        CacheFile.Generator(typeof(WordAnalyses), typeof(Lucene.Net.Analysis.Standard.StandardTokenizer), typeof(Lucene.Net.Analysis.Analyzer),
            typeof(Lucene.Net.Tartarus.Snowball.SnowballProgram));

    private static readonly int Languages = Schema.Vocabulary.Languages.Count;

    /// <summary>The words read, and their terms, one after another.</summary>
    private readonly string _pool;

    /// <summary>Per word read: where it is in the pool, and its length.</summary>
    private readonly int[] _words;

    /// <summary>Per word read and language: where its term is in the pool and its length (-1: a stop word, no term).</summary>
    private readonly int[] _terms;

    /// <summary>Per word read: its family key's length, -1 until worked out.</summary>
    private readonly int[] _families;

    /// <summary>Per word read: the last lexicon that used it.</summary>
    private readonly int[] _used;

    /// <summary>The words read, by the hash of their characters: each slot the word's number + 1 (0: empty).</summary>
    private readonly int[] _slots;

    /// <summary>The words the lexicon worked out (from both cores): their terms, and their family key's length (-1: not yet).</summary>
    private ConcurrentDictionary<string, (string?[] Terms, StrongBox Family)> _added = NoneAdded;

    private static readonly ConcurrentDictionary<string, (string?[] Terms, StrongBox Family)> NoneAdded = new(StringComparer.Ordinal);

    /// <summary>The table of added words, made when the first is added: sized at once for a whole vocabulary when no word
    /// was known (a first build adds 330,000 at 20,107 documents; growing the table as they came cost a third of a second).</summary>
    private ConcurrentDictionary<string, (string?[] Terms, StrongBox Family)> Adding()
    {
        if (!ReferenceEquals(_added, NoneAdded)) return _added;
        var table = new ConcurrentDictionary<string, (string?[] Terms, StrongBox Family)>(Environment.ProcessorCount,
            _families.Length == 0 ? 1 << 19 : 1024, StringComparer.Ordinal);
        return Interlocked.CompareExchange(ref _added, table, NoneAdded) is var was && ReferenceEquals(was, NoneAdded) ? table : was;
    }

    /// <summary>A family key length worked out on one core and read on another.</summary>
    private sealed class StrongBox
    {
        public int Value = -1;
    }

    private int _lexicon;

    private WordAnalyses(string pool, int[] words, int[] terms, int[] families)
    {
        _pool = pool;
        _words = words;
        _terms = terms;
        _families = families;
        var count = families.Length;
        _used = new int[count];
        _slots = new int[Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(count * 2 + 1)))];
        for (var i = 0; i < count; i++)
        {
            var slot = Slot(Word(i));
            while (_slots[slot] != 0) slot = (slot + 1) & (_slots.Length - 1);
            _slots[slot] = i + 1;
        }
    }

    /// <summary>Knows no word yet.</summary>
    public static WordAnalyses Empty() => new("", [], [], []);

    private ReadOnlySpan<char> Word(int i) => _pool.AsSpan(_words[2 * i], _words[2 * i + 1]);

    private int Slot(ReadOnlySpan<char> word) => string.GetHashCode(word) & (_slots.Length - 1);

    /// <summary>The number of a word read, or -1.</summary>
    private int Find(ReadOnlySpan<char> word)
    {
        if (_families.Length == 0) return -1;
        for (var slot = Slot(word); _slots[slot] != 0; slot = (slot + 1) & (_slots.Length - 1))
            if (Word(_slots[slot] - 1).SequenceEqual(word)) return _slots[slot] - 1;
        return -1;
    }

    /// <summary>How many words are kept.</summary>
    public int Count => _families.Length + _added.Count;

    /// <summary>How many words the last lexicon worked out (the others it found analysed already).</summary>
    public int WorkedOut => _workedOut;

    private int _workedOut;

    /// <summary>Whether what is kept is no longer what was read (words added or dropped, or families worked out).</summary>
    public bool Changed { get; private set; }

    /// <summary>How many known words' families the lexicon worked out.</summary>
    private int _familiesWorkedOut;

    /// <summary>Starts the lexicon <paramref name="lexicon"/> (one at a time).</summary>
    public void Begin(int lexicon)
    {
        _lexicon = lexicon;
        _workedOut = 0;
    }

    /// <summary>The word's term in each language, worked out by <paramref name="analyse"/> when it is not known. Called from
    /// both cores at once.</summary>
    public string?[] TermsOf(string word, Func<string, string?[]> analyse)
    {
        var i = Find(word);
        if (i < 0) return Added(word, analyse).Terms;
        _used[i] = _lexicon;
        return Terms(i, word);
    }

    /// <summary>As <see cref="TermsIfIndexed(string, Func{string, string?[]}, Dictionary{string, int}.AlternateLookup{ReadOnlySpan{char}}[])"/>
    /// for a word given as characters: made into a string (<paramref name="text"/>) only when it is kept, or not known yet
    /// (the lexicon proposes a few hundred thousand likely inflections, of which it keeps a few thousand).</summary>
    public string?[]? TermsIfIndexed(ReadOnlySpan<char> word, Func<string, string?[]> analyse,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed, out string? text)
    {
        text = null;
        var i = Find(word);
        if (i < 0)
        {
            text = new string(word);
            return TermsIfIndexed(text, analyse, indexed);
        }
        _used[i] = _lexicon;
        for (var l = 0; l < Languages; l++)
            if (_terms[2 * (i * Languages + l) + 1] >= 0 && indexed[l].ContainsKey(Term(i, l)))
            {
                text = new string(word);
                return Terms(i, text);
            }
        return null;
    }

    /// <summary>As <see cref="TermsOf"/>, for a word kept only when one of its terms is indexed in its language
    /// (<paramref name="indexed"/>, by language): null otherwise, and then a known word's terms are not made into strings.</summary>
    public string?[]? TermsIfIndexed(string word, Func<string, string?[]> analyse, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed)
    {
        var i = Find(word);
        if (i < 0)
        {
            var terms = Added(word, analyse).Terms;
            for (var l = 0; l < terms.Length; l++)
                if (terms[l] is { } term && indexed[l].ContainsKey(term)) return terms;
            return null;
        }
        _used[i] = _lexicon;
        for (var l = 0; l < Languages; l++)
            if (_terms[2 * (i * Languages + l) + 1] >= 0 && indexed[l].ContainsKey(Term(i, l))) return Terms(i, word);
        return null;
    }

    /// <summary>The word's family key length, worked out by <paramref name="family"/> when it is not known.</summary>
    public int FamilyOf(string word, Func<string, string?[]> analyse, Func<string, int> family)
    {
        var i = Find(word);
        if (i < 0)
        {
            var box = Added(word, analyse).Family;
            if (box.Value < 0) box.Value = family(word); // the same value whichever core writes it
            return box.Value;
        }
        _used[i] = _lexicon;
        if (_families[i] < 0)
        {
            _families[i] = family(word);
            Interlocked.Increment(ref _familiesWorkedOut);
        }
        return _families[i];
    }

    private (string?[] Terms, StrongBox Family) Added(string word, Func<string, string?[]> analyse)
    {
        if (_added.TryGetValue(word, out var added)) return added;
        Interlocked.Increment(ref _workedOut);
        return Adding().GetOrAdd(word, w => (analyse(w), new StrongBox()));
    }

    private ReadOnlySpan<char> Term(int i, int language) => _pool.AsSpan(_terms[2 * (i * Languages + language)], _terms[2 * (i * Languages + language) + 1]);

    /// <summary>A known word's terms as strings: the word itself where a term is the word, one string for equal terms.</summary>
    private string?[] Terms(int i, string word)
    {
        var terms = new string?[Languages];
        for (var l = 0; l < Languages; l++)
        {
            if (_terms[2 * (i * Languages + l) + 1] < 0) continue;
            var term = Term(i, l);
            terms[l] = term.SequenceEqual(word) ? word : l > 0 && terms[l - 1] is { } previous && term.SequenceEqual(previous) ? previous : term.ToString();
        }
        return terms;
    }

    /// <summary>Ends the lexicon: whether what is kept is to be written again (<see cref="Changed"/>): when the words it worked
    /// out (added, or a known word's family) are more than <see cref="FewWords"/>, or the words it did not use are more than a
    /// fifth of those kept (then dropped on writing). A few words worked out are not worth writing 20 MB for (at 20,107
    /// documents, a quarter of a second after each edit that brings a new word): the next lexicon works them out again.</summary>
    public void End()
    {
        var used = 0;
        foreach (var u in _used)
            if (u == _lexicon) used++;
        Changed = _added.Count + _familiesWorkedOut > FewWords(_families.Length) || (_families.Length - used) * 5 > used + _added.Count;
        _familiesWorkedOut = 0;
    }

    /// <summary>How many words worked out are not worth writing the analyses again for, of <paramref name="kept"/> kept.</summary>
    public static int FewWords(int kept) => Math.Max(256, kept / 64);

    /// <summary>The analyses in <paramref name="file"/>; none when there is none, it is another generator's, or it cannot be
    /// read whole.</summary>
    public static WordAnalyses Read(string file) => (BitConverter.IsLittleEndian ? CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator || reader.ReadInt32() != Languages) return null;
        var length = reader.BaseStream.Length;
        var count = reader.ReadInt32();
        var poolLength = reader.ReadInt32();
        if (count < 0 || poolLength < 0 || (long)count * (2 + 2 * Languages + 1) * 4 + poolLength * 2L > length) throw new FormatException("counts past the file");
        var pool = new string(MemoryMarshal.Cast<byte, char>(Exactly(reader, poolLength * 2)));
        var words = Ints(reader, 2 * count);
        var terms = Ints(reader, 2 * Languages * count);
        var families = Ints(reader, count);
        if (reader.ReadString() != "end") return null;
        for (var i = 0; i < words.Length; i += 2) Within(words[i], words[i + 1], poolLength, allowNone: false);
        for (var i = 0; i < terms.Length; i += 2) Within(terms[i], terms[i + 1], poolLength, allowNone: true);
        var analyses = new WordAnalyses(pool, words, terms, families);
        for (var i = 1; i < count; i++)
            if (analyses.Word(i - 1).SequenceCompareTo(analyses.Word(i)) >= 0) throw new FormatException("words not in order");
        return analyses;
    }) : null) ?? Empty();

    private static byte[] Exactly(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException();
    }

    private static int[] Ints(BinaryReader reader, int count) => MemoryMarshal.Cast<byte, int>(Exactly(reader, count * 4)).ToArray();

    private static void Within(int start, int length, int poolLength, bool allowNone)
    {
        if (allowNone && length == -1) return;
        if (start < 0 || length < 0 || start > poolLength - length) throw new FormatException("a place past the pool");
    }

    /// <summary>Writes the words this lexicon used (or all kept, when few went unused) to <paramref name="file"/>, whole or
    /// not at all, in ordinal order: the same words give the same file.</summary>
    public void Write(string file)
    {
        var prune = _families.Length - _used.Count(u => u == _lexicon) > 0 && Changed;
        var entries = new List<(string Word, string?[] Terms, int Family)>(Count);
        for (var i = 0; i < _families.Length; i++)
            if (!prune || _used[i] == _lexicon)
            {
                var word = Word(i).ToString();
                entries.Add((word, Terms(i, word), _families[i]));
            }
        foreach (var (word, (terms, family)) in _added) entries.Add((word, terms, family.Value));
        entries.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word));
        var pool = new System.Text.StringBuilder();
        var words = new int[2 * entries.Count];
        var places = new int[2 * Languages * entries.Count];
        var families = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var (word, terms, family) = entries[i];
            var at = pool.Length;
            words[2 * i] = at;
            words[2 * i + 1] = word.Length;
            pool.Append(word);
            for (var l = 0; l < Languages; l++)
            {
                var p = 2 * (i * Languages + l);
                if (terms[l] is not { } term) (places[p], places[p + 1]) = (0, -1);
                else if (term == word) (places[p], places[p + 1]) = (at, word.Length);
                else if (term.Length < word.Length && word.StartsWith(term, StringComparison.Ordinal)) (places[p], places[p + 1]) = (at, term.Length);
                else if (l > 0 && terms[l - 1] == term) (places[p], places[p + 1]) = (places[p - 2], places[p - 1]);
                else
                {
                    (places[p], places[p + 1]) = (pool.Length, term.Length);
                    pool.Append(term);
                }
            }
            families[i] = family;
        }
        var chars = pool.ToString();
        CacheFile.Write(file, writer =>
        {
            writer.Write(Format);
            writer.Write(Generator);
            writer.Write(Languages);
            writer.Write(entries.Count);
            writer.Write(chars.Length);
            writer.Write(MemoryMarshal.AsBytes(chars.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(words.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(places.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(families.AsSpan()));
            writer.Write("end");
        });
    }
}
