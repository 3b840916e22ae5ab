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
/// <see cref="Write"/>; valid only for the generator that wrote it). The words read from it stay where the file has them,
/// mapped into memory (<see cref="MappedCacheFile"/>): a block of characters, a table of places and a table of slots by a hash
/// of each word, and a word that no language indexes is checked against the index there, without making a string of its
/// terms. 330,000 words read as objects cost about what working them out did (their reading, and the collector moving 50 MB
/// of them); 1.8 million read into arrays and a string, with their slots made again, were 0.23–0.38 s of CPU and 150 MB on
/// the collector's heap in every build after an edit. The words the last lexicon did not use are dropped once they are a
/// fifth of what is kept; the file is written again only then, or when more than a few words were worked out
/// (<see cref="FewWords"/>).
/// </para>
/// </summary>
internal sealed class WordAnalyses
{
    private const string Format = "ge-word-analyses 4";

    private static string Generator { get; } =
        CacheFile.Generator(typeof(WordAnalyses), typeof(Lucene.Net.Analysis.Standard.StandardTokenizer), typeof(Lucene.Net.Analysis.Analyzer),
            typeof(Lucene.Net.Tartarus.Snowball.SnowballProgram));

    private static readonly int Languages = Schema.Vocabulary.Languages.Count;

    /// <summary>Ints per word in <see cref="Places"/>: where the word is in the pool and its length, then per language where
    /// its term is and its length (-1: a stop word, no term).</summary>
    private static readonly int Stride = 2 + 2 * Languages;

    /// <summary>The file the words were read from, mapped (<see cref="Read"/>); null when none was read (<see cref="Empty"/>).
    /// Its tables are taken from it as the file lays them out: the places, the slots and the pool.</summary>
    private readonly MappedCacheFile? _file;

    /// <summary>Where the tables are in <see cref="_file"/>, in bytes; how many slots, and how long the pool.</summary>
    private readonly long _placesAt, _slotsAt, _poolAt;
    private readonly int _slotCount, _poolLength;

    /// <summary>The words read, and their terms, one after another.</summary>
    private ReadOnlySpan<char> Pool => _file is null ? default : _file.Span<char>(_poolAt, _poolLength);

    /// <summary>Per word read: its place and length in the pool, then each language's term's (<see cref="Stride"/> ints).</summary>
    private ReadOnlySpan<int> Places => _file is null ? default : _file.Span<int>(_placesAt, Stride * _families.Length);

    /// <summary>The words read, by a hash of their characters that is the same in every process (<see cref="SlotHash"/>): each
    /// slot the word's number + 1 (0: empty), written by <see cref="Write"/> rather than made again by every build that reads them.</summary>
    private ReadOnlySpan<int> Slots => _file is null ? default : _file.Span<int>(_slotsAt, _slotCount);

    /// <summary>Per word read: its family key's length, -1 until worked out (copied from the file: a lexicon fills it in).</summary>
    private readonly int[] _families;

    /// <summary>Per word read: the last lexicon that used it.</summary>
    private readonly int[] _used;

    /// <summary>The words the lexicon worked out (from both cores): their terms, and their family key's length (-1: not yet),
    /// held as the file holds them (<see cref="AddedWords"/>), made when the first is added: sized at once for a whole
    /// vocabulary when no word was known (a first build adds 330,000 at 20,107 documents of the plain copies, 1.8 million with
    /// a real collection's vocabulary).</summary>
    private AddedWords? _added;

    private AddedWords Adding()
    {
        if (Volatile.Read(ref _added) is { } added) return added;
        var table = new AddedWords(_families.Length == 0 ? 1 << 19 : 1024);
        return Interlocked.CompareExchange(ref _added, table, null) ?? table;
    }

    private int _lexicon;

    private WordAnalyses(MappedCacheFile? file, long placesAt, int[] families, long slotsAt, int slotCount, long poolAt, int poolLength)
    {
        (_file, _placesAt, _families, _slotsAt, _slotCount, _poolAt, _poolLength) = (file, placesAt, families, slotsAt, slotCount, poolAt, poolLength);
        _used = new int[families.Length];
    }

    /// <summary>Knows no word yet.</summary>
    public static WordAnalyses Empty() => new(null, 0, [], 0, 0, 0, 0);

    /// <summary>The file the words were read from, mapped; null when none was read.</summary>
    internal MappedCacheFile? Mapped => _file;

    /// <summary>Lets go of the file the words were read from: no word read may be asked for after this (<see cref="LexiconCache"/>
    /// does so once it has written what it keeps).</summary>
    public void Release() => _file?.Dispose();

    private ReadOnlySpan<char> Word(int i) => WordIn(Pool, Places, i);

    /// <summary>The words read from the file, in its order (for tests: the file holds them in ordinal order).</summary>
    internal IReadOnlyList<string> WordsRead() => [.. Enumerable.Range(0, _families.Length).Select(i => Word(i).ToString())];

    private static ReadOnlySpan<char> WordIn(ReadOnlySpan<char> pool, ReadOnlySpan<int> places, int i) => pool.Slice(places[Stride * i], places[Stride * i + 1]);

    /// <summary>The hash a word's slot is found by: the same in every process, since the slots are in the file.</summary>
    private static int SlotHash(ReadOnlySpan<char> word) => (int)System.IO.Hashing.XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word));

    /// <summary>How many slots a table of <paramref name="count"/> words has: a power of two, more than twice as many.</summary>
    private static int SlotCountFor(int count) => Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(count * 2 + 1)));

    /// <summary>The number of a word read, or -1.</summary>
    private int Find(ReadOnlySpan<char> word)
    {
        if (_families.Length == 0) return -1;
        var slots = Slots;
        var pool = Pool;
        var places = Places;
        var mask = slots.Length - 1;
        for (var slot = SlotHash(word) & mask; slots[slot] != 0; slot = (slot + 1) & mask)
            if (WordIn(pool, places, slots[slot] - 1).SequenceEqual(word)) return slots[slot] - 1;
        return -1;
    }

    /// <summary>How many words are kept.</summary>
    public int Count => _families.Length + (_added?.Count ?? 0);

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
        _keepUnused = false;
    }

    /// <summary>Set by <see cref="KeepUnused"/> for the current lexicon.</summary>
    private bool _keepUnused;

    /// <summary>Tells that the current lexicon does not look up every word it uses: it took the inflections the last one found
    /// (<see cref="FoundInflections"/>), whose candidates were among the words looked up then. No word is dropped as unused
    /// (nor is the file written again for them): the lexicon that next proposes the candidates finds them analysed.</summary>
    public void KeepUnused() => _keepUnused = true;

    /// <summary>The word's term in each language, worked out by <paramref name="analyse"/> when it is not known. Called from
    /// both cores at once.</summary>
    public string?[] TermsOf(string word, Func<string, string?[]> analyse)
    {
        var i = Find(word);
        if (i >= 0)
        {
            _used[i] = _lexicon;
            return Terms(i, word);
        }
        var added = Adding();
        return added.TermsOf(word) ?? Added(added, word, analyse);
    }

    /// <summary>As <see cref="TermsIfIndexed(string, Func{string, string?[]}, Dictionary{string, int}.AlternateLookup{ReadOnlySpan{char}}[])"/>
    /// for a word given as characters: <paramref name="text"/> is the word made into a string when it is kept, else null (the
    /// lexicon proposes 1.7 million likely inflections at 20,104 documents, of which it keeps a quarter).</summary>
    /// <param name="analyseSpan">Writes a word's terms without a string each, when it can (<see cref="SearchAnalysis.TryTermsOf"/>):
    /// a word no lexicon knew is then made into a string only when it is kept.</param>
    public string?[]? TermsIfIndexed(ReadOnlySpan<char> word, Func<string, string?[]> analyse,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed, out string? text, SpanTerms? analyseSpan = null)
    {
        text = null;
        var i = Find(word);
        if (i < 0)
        {
            var added = Adding();
            switch (added.Indexed(word, indexed))
            {
                case false:
                    return null;
                case true:
                    text = new string(word);
                    return added.TermsOf(text);
            }
            Span<int> places = stackalloc int[2 * Languages];
            if (Written(word, analyseSpan, places, out var buffer))
            {
                if (added.Add(word, buffer, places)) Interlocked.Increment(ref _workedOut);
                return IfIndexed(word, buffer, places, indexed, out text);
            }
            return IfIndexed(word, w => Added(added, w, analyse), indexed, out text);
        }
        _used[i] = _lexicon;
        if (!Indexed(i, indexed)) return null;
        text = new string(word);
        return Terms(i, text);
    }

    /// <summary>As <see cref="TermsOf"/>, for a word kept only when one of its terms is indexed in its language
    /// (<paramref name="indexed"/>, by language): null otherwise, and then a known word's terms are not made into strings.</summary>
    public string?[]? TermsIfIndexed(string word, Func<string, string?[]> analyse, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed)
    {
        var i = Find(word);
        if (i < 0)
        {
            var added = Adding();
            return added.Indexed(word, indexed) switch
            {
                false => null,
                true => added.TermsOf(word),
                null => IfIndexed(Added(added, word, analyse), indexed),
            };
        }
        _used[i] = _lexicon;
        return Indexed(i, indexed) ? Terms(i, word) : null;
    }

    /// <summary>Writes a word's term in each language into <paramref name="terms"/> (made larger when too small), with per language its
    /// start and length there in <paramref name="places"/> (length -1: none); false when it cannot, with nothing written.</summary>
    public delegate bool SpanTerms(ReadOnlySpan<char> word, ref char[] terms, Span<int> places);

    /// <summary>The buffer each thread writes a word's terms in (<see cref="SpanTerms"/>).</summary>
    [ThreadStatic]
    private static char[]? t_terms;

    /// <summary>For a lexicon that keeps no analyses: the word's terms when one of them is indexed in its language (the word made
    /// into <paramref name="text"/> then), else null; written by <paramref name="analyseSpan"/> when it can.</summary>
    public static string?[]? AnalysedIfIndexed(ReadOnlySpan<char> word, Func<string, string?[]> analyse, SpanTerms analyseSpan,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed, out string? text)
    {
        Span<int> places = stackalloc int[2 * Languages];
        return Written(word, analyseSpan, places, out var buffer)
            ? IfIndexed(word, buffer, places, indexed, out text)
            : IfIndexed(word, analyse, indexed, out text);
    }

    /// <summary>Writes the word's terms into this thread's buffer (<paramref name="buffer"/>, with <paramref name="places"/>); false
    /// when <paramref name="analyseSpan"/> is none or cannot.</summary>
    private static bool Written(ReadOnlySpan<char> word, SpanTerms? analyseSpan, Span<int> places, out char[] buffer)
    {
        buffer = t_terms ??= new char[64];
        var written = analyseSpan is not null && analyseSpan(word, ref buffer, places);
        t_terms = buffer;
        return written;
    }

    /// <summary>The terms <paramref name="analyse"/> gives the word made into a string (<paramref name="text"/>), when one of them is
    /// indexed in its language; else null, and <paramref name="text"/> null.</summary>
    private static string?[]? IfIndexed(ReadOnlySpan<char> word, Func<string, string?[]> analyse,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed, out string? text)
    {
        text = new string(word);
        var terms = IfIndexed(analyse(text), indexed);
        if (terms is null) text = null;
        return terms;
    }

    /// <summary>The terms held so (<see cref="TermsIn"/>) as strings, with the word as <paramref name="text"/>, when one of them is
    /// indexed in its language; else null, and no string made.</summary>
    private static string?[]? IfIndexed(ReadOnlySpan<char> word, ReadOnlySpan<char> pool, ReadOnlySpan<int> places,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed, out string? text)
    {
        text = null;
        if (!AnyIndexed(pool, places, indexed)) return null;
        text = new string(word);
        return TermsIn(pool, places, text);
    }

    /// <summary>The terms when one of them is indexed in its language, else null.</summary>
    private static string?[]? IfIndexed(string?[] terms, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed)
    {
        for (var l = 0; l < terms.Length; l++)
            if (terms[l] is { } term && indexed[l].ContainsKey(term)) return terms;
        return null;
    }

    /// <summary>The word's family key length, worked out by <paramref name="family"/> when it is not known.</summary>
    public int FamilyOf(string word, Func<string, string?[]> analyse, Func<string, int> family)
    {
        var i = Find(word);
        if (i < 0)
        {
            var added = Adding();
            if (!added.Holds(word)) Added(added, word, analyse);
            return added.FamilyOf(word, family);
        }
        _used[i] = _lexicon;
        if (_families[i] < 0)
        {
            _families[i] = family(word);
            Interlocked.Increment(ref _familiesWorkedOut);
        }
        return _families[i];
    }

    /// <summary>Works out a word no lexicon knew (outside any lock: it is Lucene's analysis in three languages), and adds it.</summary>
    private string?[] Added(AddedWords added, string word, Func<string, string?[]> analyse)
    {
        var terms = analyse(word);
        if (added.Add(word, terms)) Interlocked.Increment(ref _workedOut);
        return terms;
    }

    private ReadOnlySpan<char> Term(int i, int language) => Pool.Slice(Places[Stride * i + 2 + 2 * language], Places[Stride * i + 3 + 2 * language]);

    /// <summary>Per language, the place and length of the <paramref name="i"/>-th word read's term.</summary>
    private ReadOnlySpan<int> TermPlaces(int i) => Places.Slice(Stride * i + 2, 2 * Languages);

    /// <summary>A known word's terms as strings: the word itself where a term is the word, one string for equal terms.</summary>
    private string?[] Terms(int i, string word) => TermsIn(Pool, TermPlaces(i), word);

    /// <summary>Whether one of a known word's terms is indexed in its language.</summary>
    private bool Indexed(int i, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed) =>
        AnyIndexed(Pool, TermPlaces(i), indexed);

    /// <summary>A word's terms as strings, from where they are in <paramref name="pool"/> (<paramref name="places"/>: per
    /// language, the term's place and length, -1 for none): the word itself where a term is the word, one string for a term
    /// equal to the language before's. The words read and the words added hold their terms so.</summary>
    private static string?[] TermsIn(ReadOnlySpan<char> pool, ReadOnlySpan<int> places, string word)
    {
        var terms = new string?[Languages];
        for (var l = 0; l < Languages; l++)
        {
            if (places[2 * l + 1] < 0) continue;
            var term = pool.Slice(places[2 * l], places[2 * l + 1]);
            terms[l] = term.SequenceEqual(word) ? word : l > 0 && terms[l - 1] is { } previous && term.SequenceEqual(previous) ? previous : term.ToString();
        }
        return terms;
    }

    /// <summary>Whether one of the terms held so (<see cref="TermsIn"/>) is indexed in its language, without making them strings.</summary>
    private static bool AnyIndexed(ReadOnlySpan<char> pool, ReadOnlySpan<int> places, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed)
    {
        for (var l = 0; l < Languages; l++)
            if (places[2 * l + 1] >= 0 && indexed[l].ContainsKey(pool.Slice(places[2 * l], places[2 * l + 1]))) return true;
        return false;
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
        var added = _added?.Count ?? 0;
        Changed = added + _familiesWorkedOut > FewWords(_families.Length) || (!_keepUnused && (_families.Length - used) * 5 > used + added);
        _familiesWorkedOut = 0;
    }

    /// <summary>How many words worked out are not worth writing the analyses again for, of <paramref name="kept"/> kept.</summary>
    public static int FewWords(int kept) => Math.Max(256, kept / 64);

    /// <summary>The analyses in <paramref name="file"/>, mapped into memory (<see cref="MappedCacheFile"/>); none when there is
    /// none, it is another generator's, or it is not whole. Its tables are checked as far as reading them safely needs (every
    /// place within the pool, every slot a word's number, a slot left empty), not the words' order, which only
    /// <see cref="Write"/> relies on for a file the same words make the same (and sorts them for).</summary>
    public static WordAnalyses Read(string file)
    {
        if (!BitConverter.IsLittleEndian || !File.Exists(file)) return Empty();
        MappedCacheFile? mapped = null;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            long placesAt;
            int count, slotCount;
            using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                if (reader.ReadString() != Format || reader.ReadString() != Generator || reader.ReadInt32() != Languages) return Empty();
                count = reader.ReadInt32();
                slotCount = reader.ReadInt32();
                placesAt = Aligned(stream.Position);
            }
            var length = stream.Length;
            if (count < 0 || slotCount != SlotCountFor(count) || placesAt + ((long)count * (Stride + 1) + slotCount + 1) * sizeof(int) > length)
                return Empty();
            mapped = MappedCacheFile.Map(stream);
            var familiesAt = placesAt + (long)Stride * count * sizeof(int);
            var slotsAt = familiesAt + (long)count * sizeof(int);
            var poolLengthAt = slotsAt + (long)slotCount * sizeof(int);
            var poolLength = mapped.Span<int>(poolLengthAt, 1)[0];
            var poolAt = poolLengthAt + sizeof(int);
            if (poolLength < 0 || poolAt + poolLength * 2L + EndMark.Length != length || !mapped.Span<byte>(length - EndMark.Length, EndMark.Length).SequenceEqual(EndMark))
                throw new FormatException("not the file's length");
            var places = mapped.Span<int>(placesAt, Stride * count);
            for (var i = 0; i < places.Length; i += 2) Within(places[i], places[i + 1], poolLength, allowNone: i % Stride != 0);
            var filled = 0;
            foreach (var slot in mapped.Span<int>(slotsAt, slotCount))
                if (slot != 0 && (uint)(slot - 1) < (uint)count) filled++;
                else if (slot != 0) throw new FormatException("a slot that is no word's");
            if (filled != count) throw new FormatException("not a slot for each word");
            var analyses = new WordAnalyses(mapped, placesAt, mapped.Span<int>(familiesAt, count).ToArray(), slotsAt, slotCount, poolAt, poolLength);
            mapped = null;
            return analyses;
        }
        catch (Exception e) when (CacheFile.Unreadable(e))
        {
            return Empty();
        }
        finally
        {
            mapped?.Dispose();
        }
    }

    /// <summary>The file's last bytes: "end" as <see cref="BinaryWriter"/> writes a string.</summary>
    private static ReadOnlySpan<byte> EndMark => [3, (byte)'e', (byte)'n', (byte)'d'];

    /// <summary>Where the tables start after a header of <paramref name="length"/> bytes: at a multiple of 8.</summary>
    private static long Aligned(long length) => (length + 7) & ~7L;

    private static void Within(int start, int length, int poolLength, bool allowNone)
    {
        if (allowNone && length == -1) return;
        if (start < 0 || length < 0 || start > poolLength - length) throw new FormatException("a place past the pool");
    }

    /// <summary>Writes the words this lexicon used (or all kept, when few went unused) to <paramref name="file"/>, whole or
    /// not at all, in ordinal order: the same words give the same file. The words are taken where they are held (the pool
    /// read, the words added), not made into strings: 1.8 million at 20,104 documents of a real collection's vocabulary.
    /// The file's pool and tables are not made in memory either: they are written as they are laid out, walking the words
    /// once per part of the file (<see cref="Layout"/>). Made whole first, they were 170 MB more on the heap while the
    /// export made the browser's files beside this write, at the build's peak.</summary>
    /// <param name="spent">No word is asked for once written: the file the words were read from is let go before the new one
    /// takes its name (a mapped file cannot be replaced on every system).</param>
    public void Write(string file, bool spent = false)
    {
        var prune = !_keepUnused && _families.Length - _used.Count(u => u == _lexicon) > 0 && Changed;
        var added = _added;
        // Each word to write: one read (source -1, its number) or one added (its shard, its number there).
        var entries = new List<(int Source, int Index)>(Count);
        for (var i = 0; i < _families.Length; i++)
            if (!prune || _used[i] == _lexicon) entries.Add((-1, i));
        added?.Each((shard, index) => entries.Add((shard, index)));
        Sort(entries, WordOf);
        var order = entries; // in the file's order now
        var layout = new Layout(order, WordOf, TermOf);
        var ints = new int[4096];
        var filled = 0;
        // The slots, by a hash of each word's characters that every process makes the same: a build that reads the file finds
        // its words at once, where making the slots again was a tenth of a second of every build after an edit at 20,104 documents.
        var slots = new int[SlotCountFor(order.Count)];
        for (var i = 0; i < order.Count; i++)
        {
            var slot = SlotHash(WordOf(order[i])) & (slots.Length - 1);
            while (slots[slot] != 0) slot = (slot + 1) & (slots.Length - 1);
            slots[slot] = i + 1;
        }
        CacheFile.Write(file, writer =>
        {
            writer.Write(Format);
            writer.Write(Generator);
            writer.Write(Languages);
            writer.Write(order.Count);
            writer.Write(slots.Length);
            // The tables start at a multiple of 8 bytes, where a reader maps them as they are (Read).
            while (writer.BaseStream.Position % 8 != 0) writer.Write((byte)0);
            // The places first, which measure the pool as they go; the pool last: two walks of the words.
            var poolLength = layout.Walk((_, places, _) => Put(writer, places));
            for (var i = 0; i < order.Count; i++) Put(writer, [order[i].Source < 0 ? _families[order[i].Index] : added!.Family(order[i].Source, order[i].Index)]);
            Flush(writer);
            writer.Write(MemoryMarshal.AsBytes(slots.AsSpan()));
            writer.Write(poolLength);
            layout.Walk((i, _, appended) =>
            {
                writer.Write(MemoryMarshal.AsBytes(WordOf(order[i])));
                for (var l = 0; l < Languages; l++)
                    if ((appended & (1 << l)) != 0 && TermOf(order[i], l, out var term)) writer.Write(MemoryMarshal.AsBytes(term));
            });
            writer.Write("end");
        }, beforeReplace: spent ? Release : null);

        void Put(BinaryWriter writer, ReadOnlySpan<int> values)
        {
            if (filled + values.Length > ints.Length) Flush(writer);
            values.CopyTo(ints.AsSpan(filled));
            filled += values.Length;
        }

        void Flush(BinaryWriter writer)
        {
            writer.Write(MemoryMarshal.AsBytes(ints.AsSpan(0, filled)));
            filled = 0;
        }

        ReadOnlySpan<char> WordOf((int Source, int Index) entry) => entry.Source < 0 ? Word(entry.Index) : added!.Word(entry.Source, entry.Index);

        bool TermOf((int Source, int Index) entry, int language, out ReadOnlySpan<char> term)
        {
            if (entry.Source >= 0) return added!.Term(entry.Source, entry.Index, language, out term);
            var length = Places[Stride * entry.Index + 3 + 2 * language];
            term = length < 0 ? default : Term(entry.Index, language);
            return length >= 0;
        }
    }

    /// <summary>A word held somewhere (<see cref="Write"/>'s entries), as characters.</summary>
    private delegate ReadOnlySpan<char> WordAt((int Source, int Index) entry);

    /// <summary>A word's term in a language, as characters; false for none (a stop word).</summary>
    private delegate bool TermAt((int Source, int Index) entry, int language, out ReadOnlySpan<char> term);

    /// <summary>Sorts the entries, in place, in the ordinal order of their words: by their first four characters as one number,
    /// then each run of words that begin alike by their next four, and so on (1.8 million words at 20,104 documents, most of them
    /// likely inflections of one another: sorted by their whole words past the first four characters, 0.7 s of the write).</summary>
    private static void Sort(List<(int Source, int Index)> entries, WordAt wordOf)
    {
        var order = CollectionsMarshal.AsSpan(entries);
        SortFrom(order, new ulong[order.Length], 0, wordOf);
    }

    /// <summary>Sorts <paramref name="order"/> by the words' four characters from <paramref name="at"/> as one number (a shorter
    /// word's missing characters are 0, below any character: "abc" comes before "abca", as ordinally), then each run that
    /// shares them by the four after. A run whose words all end within these characters is one word (the words are distinct).</summary>
    private static void SortFrom(Span<(int Source, int Index)> order, Span<ulong> keys, int at, WordAt wordOf)
    {
        var longer = false;
        for (var i = 0; i < order.Length; i++)
        {
            var word = wordOf(order[i]);
            ulong key = 0;
            for (var c = at; c < at + 4; c++) key = (key << 16) | (c < word.Length ? word[c] : 0u);
            keys[i] = key;
            longer |= word.Length > at + 4;
        }
        keys.Sort(order);
        if (!longer) return;
        for (int from = 0, to; from < order.Length; from = to)
        {
            for (to = from + 1; to < order.Length && keys[to] == keys[from]; to++) { }
            if (to - from > 1) SortFrom(order[from..to], keys[from..to], at + 4, wordOf);
        }
    }

    /// <summary>How a word's term is held beside it, in the file's pool (<see cref="Layout"/>) as in the words added
    /// (<see cref="AddedWords"/>): as the word's beginning (the whole word included), as the term of the language before, or as
    /// characters of its own after the word.</summary>
    private enum Held { Beginning, Previous, Own }

    /// <summary>How <paramref name="term"/> is held beside <paramref name="word"/>, given the term of the language before
    /// (<paramref name="hasPrevious"/> false: none, or no language before).</summary>
    private static Held HeldAs(ReadOnlySpan<char> word, ReadOnlySpan<char> term, bool hasPrevious, ReadOnlySpan<char> previous) =>
        word.StartsWith(term) ? Held.Beginning : hasPrevious && previous.SequenceEqual(term) ? Held.Previous : Held.Own;

    /// <summary>
    /// How <see cref="Write"/> lays the words out in the file's pool, walked once per part of the file rather than held: each
    /// word's characters, then each of its terms that is neither the word, nor its beginning, nor the term of the language
    /// before (those are given the place they already have).
    /// </summary>
    private sealed class Layout(List<(int Source, int Index)> order, WordAt wordOf, TermAt termOf)
    {
        /// <summary>Calls <paramref name="each"/> with every word's number, its places (the word's place and length, then each
        /// language's term's: -1 as the length for none) and the languages whose terms it writes after the word (bit l for
        /// language l), in order. Returns the pool's length.</summary>
        public int Walk(Action<int, ReadOnlySpan<int>, int> each)
        {
            Span<int> places = stackalloc int[2 + 2 * Languages];
            var at = 0;
            for (var i = 0; i < order.Count; i++)
            {
                var entry = order[i];
                var word = wordOf(entry);
                var start = at;
                var appended = 0;
                places[0] = at;
                places[1] = word.Length;
                at += word.Length;
                for (var l = 0; l < Languages; l++)
                {
                    var p = 2 + 2 * l;
                    ReadOnlySpan<char> previous = default;
                    if (!termOf(entry, l, out var term)) (places[p], places[p + 1]) = (0, -1);
                    else
                        switch (HeldAs(word, term, l > 0 && termOf(entry, l - 1, out previous), previous))
                        {
                            case Held.Beginning:
                                (places[p], places[p + 1]) = (start, term.Length);
                                break;
                            case Held.Previous:
                                (places[p], places[p + 1]) = (places[p - 2], places[p - 1]);
                                break;
                            default:
                                (places[p], places[p + 1]) = (at, term.Length);
                                at += term.Length;
                                appended |= 1 << l;
                                break;
                        }
                }
                each(i, places, appended);
            }
            return at;
        }
    }

    /// <summary>
    /// The words a lexicon worked out, held as the cache file holds them rather than as objects: per word its characters, then
    /// those of the terms that are neither the word's beginning nor the term of the language before, in a pool; where the word
    /// starts there; and 14 bytes of lengths and codes (<see cref="Shard.Codes"/>). A first build with a real collection's
    /// vocabulary works out 1.8 million words at 20,104 documents, nearly all of them proposed inflections the index does not
    /// hold: as a table of strings and arrays they were half a gigabyte of the export's heap, with 36 bytes of places a word
    /// about 160 MB. Both cores add words at once: the words are spread over shards by their hash, each under a lock of its
    /// own; a shard's arrays grow by half.
    /// </summary>
    private sealed class AddedWords
    {
        private const int ShardCount = 64;

        /// <summary>Codes per word in <see cref="Shard.Codes"/>: the word's length, each language's term's code
        /// (<see cref="Beginning"/> and the others), and the family key's length + 1 (0 until worked out).</summary>
        private static readonly int Stride = 2 + Languages;

        /// <summary>A term's code, by its two high bits: none (a stop word); the word's first <c>length</c> characters; the term
        /// of the language before; or the next <c>length</c> characters of the pool after the word and the terms before it.</summary>
        private const ushort None = 0, Beginning = 1 << 14, Previous = 2 << 14, Appended = 3 << 14, LengthMask = (1 << 14) - 1;

        private sealed class Shard(int capacity)
        {
            public readonly Lock Gate = new();
            public char[] Pool = new char[Math.Max(64, capacity * 12)];
            public int PoolLength;
            /// <summary>Per word: where it starts in the pool.</summary>
            public int[] Starts = new int[Math.Max(4, capacity)];
            /// <summary>Per word, <see cref="Stride"/> codes.</summary>
            public ushort[] Codes = new ushort[Math.Max(4, capacity) * Stride];
            public int Count;
            public int[] Slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, capacity * 2))];

            public ReadOnlySpan<char> Word(int i) => Pool.AsSpan(Starts[i], Codes[i * Stride]);

            /// <summary>Per language, the place and length of the <paramref name="i"/>-th word's term in the pool (-1: none), as
            /// <see cref="TermsIn"/> reads them.</summary>
            public void Places(int i, Span<int> places)
            {
                var start = Starts[i];
                var next = start + Codes[i * Stride];
                for (var l = 0; l < Languages; l++)
                {
                    var code = Codes[i * Stride + 1 + l];
                    var length = code & LengthMask;
                    switch (code & ~LengthMask)
                    {
                        case None:
                            (places[2 * l], places[2 * l + 1]) = (0, -1);
                            break;
                        case Beginning:
                            (places[2 * l], places[2 * l + 1]) = (start, length);
                            break;
                        case Previous:
                            (places[2 * l], places[2 * l + 1]) = (places[2 * l - 2], places[2 * l - 1]);
                            break;
                        default:
                            (places[2 * l], places[2 * l + 1]) = (next, length);
                            next += length;
                            break;
                    }
                }
            }
        }

        private readonly Shard[] _shards;

        public AddedWords(int expected)
        {
            _shards = new Shard[ShardCount];
            for (var i = 0; i < ShardCount; i++) _shards[i] = new Shard(expected / ShardCount);
        }

        /// <summary>How many words are held (once the lexicon's cores are done adding).</summary>
        public int Count
        {
            get
            {
                var count = 0;
                foreach (var shard in _shards)
                    lock (shard.Gate) count += shard.Count;
                return count;
            }
        }

        private static int HashOf(ReadOnlySpan<char> word) => string.GetHashCode(word);

        private Shard ShardOf(int hash) => _shards[(int)((uint)hash % ShardCount)];

        /// <summary>The word's number in its shard, or -1 (under the shard's lock).</summary>
        private static int Find(Shard shard, ReadOnlySpan<char> word, int hash)
        {
            var mask = shard.Slots.Length - 1;
            for (var slot = (int)((uint)hash / ShardCount) & mask; shard.Slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var i = shard.Slots[slot] - 1;
                if (shard.Word(i).SequenceEqual(word)) return i;
            }
            return -1;
        }

        /// <summary>Adds a word with its terms; false when another core added it first (the same terms).</summary>
        public bool Add(string word, string?[] terms)
        {
            Span<int> places = stackalloc int[2 * Languages];
            var at = 0;
            for (var l = 0; l < Languages; l++)
            {
                (places[2 * l], places[2 * l + 1]) = terms[l] is { } term ? (at, term.Length) : (0, -1);
                at += terms[l]?.Length ?? 0;
            }
            return Add(word, string.Concat(terms), places);
        }

        /// <summary>Adds a word with its terms held as <see cref="TermsIn"/> reads them (per language a place in
        /// <paramref name="pool"/> and a length, -1 for none); false when another core added it first (the same terms).</summary>
        public bool Add(ReadOnlySpan<char> word, ReadOnlySpan<char> pool, ReadOnlySpan<int> termPlaces)
        {
            if (word.Length > ushort.MaxValue - 1) throw new InvalidOperationException($"a word of {word.Length} characters (a token has at most 255)");
            Span<ushort> codes = stackalloc ushort[Stride];
            codes[0] = (ushort)word.Length;
            var appended = 0;
            for (var l = 0; l < Languages; l++)
            {
                var length = termPlaces[2 * l + 1];
                if (length < 0)
                {
                    codes[1 + l] = None;
                    continue;
                }
                if (length > LengthMask) throw new InvalidOperationException($"a term of {length} characters (a token has at most 255)");
                var hasPrevious = l > 0 && termPlaces[2 * l - 1] >= 0;
                var previous = hasPrevious ? pool.Slice(termPlaces[2 * l - 2], termPlaces[2 * l - 1]) : default;
                switch (HeldAs(word, pool.Slice(termPlaces[2 * l], length), hasPrevious, previous))
                {
                    case Held.Beginning:
                        codes[1 + l] = (ushort)(Beginning | length);
                        break;
                    case Held.Previous:
                        codes[1 + l] = Previous;
                        break;
                    default:
                        codes[1 + l] = (ushort)(Appended | length);
                        appended += length;
                        break;
                }
            }
            var hash = HashOf(word);
            var shard = ShardOf(hash);
            lock (shard.Gate)
            {
                if (Find(shard, word, hash) >= 0) return false;
                var i = shard.Count++;
                if (i == shard.Starts.Length)
                {
                    var grown = shard.Starts.Length + shard.Starts.Length / 2;
                    Array.Resize(ref shard.Starts, grown);
                    Array.Resize(ref shard.Codes, grown * Stride);
                }
                var at = shard.PoolLength;
                if (at + word.Length + appended > shard.Pool.Length)
                    Array.Resize(ref shard.Pool, Math.Max(shard.Pool.Length + shard.Pool.Length / 2, at + word.Length + appended));
                word.CopyTo(shard.Pool.AsSpan(at));
                var next = at + word.Length;
                for (var l = 0; l < Languages; l++)
                    if ((codes[1 + l] & ~LengthMask) == Appended)
                    {
                        pool.Slice(termPlaces[2 * l], termPlaces[2 * l + 1]).CopyTo(shard.Pool.AsSpan(next));
                        next += termPlaces[2 * l + 1];
                    }
                shard.PoolLength = next;
                shard.Starts[i] = at;
                codes.CopyTo(shard.Codes.AsSpan(i * Stride));
                if (shard.Count * 2 > shard.Slots.Length) Rehash(shard);
                else Place(shard, i, hash);
                return true;
            }
        }

        private static void Place(Shard shard, int i, int hash)
        {
            var mask = shard.Slots.Length - 1;
            var slot = (int)((uint)hash / ShardCount) & mask;
            while (shard.Slots[slot] != 0) slot = (slot + 1) & mask;
            shard.Slots[slot] = i + 1;
        }

        private static void Rehash(Shard shard)
        {
            shard.Slots = new int[shard.Slots.Length * 2];
            for (var i = 0; i < shard.Count; i++) Place(shard, i, HashOf(shard.Word(i)));
        }

        /// <summary>The terms of a word held, as strings (the word itself where a term is the word), or null when it is not held.</summary>
        public string?[]? TermsOf(string word)
        {
            var hash = HashOf(word);
            var shard = ShardOf(hash);
            Span<int> places = stackalloc int[2 * Languages];
            lock (shard.Gate)
            {
                var i = Find(shard, word, hash);
                if (i < 0) return null;
                shard.Places(i, places);
                return TermsIn(shard.Pool, places, word);
            }
        }

        /// <summary>Whether one of the terms of a word held is indexed in its language; null when the word is not held.</summary>
        public bool? Indexed(ReadOnlySpan<char> word, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] indexed)
        {
            var hash = HashOf(word);
            var shard = ShardOf(hash);
            Span<int> places = stackalloc int[2 * Languages];
            lock (shard.Gate)
            {
                var i = Find(shard, word, hash);
                if (i < 0) return null;
                shard.Places(i, places);
                return AnyIndexed(shard.Pool, places, indexed);
            }
        }

        /// <summary>The family key length of a word held, worked out by <paramref name="family"/> the first time (outside the lock;
        /// the same value whichever core writes it).</summary>
        public int FamilyOf(string word, Func<string, int> family)
        {
            var hash = HashOf(word);
            var shard = ShardOf(hash);
            int i;
            lock (shard.Gate)
            {
                i = Find(shard, word, hash);
                if (i < 0) throw new InvalidOperationException("the word is not held");
                if (shard.Codes[i * Stride + Stride - 1] is > 0 and var known) return known - 1;
            }
            var value = family(word);
            lock (shard.Gate) shard.Codes[i * Stride + Stride - 1] = (ushort)(value + 1);
            return value;
        }

        /// <summary>Calls <paramref name="each"/> with every word held, by its shard and number there.</summary>
        public void Each(Action<int, int> each)
        {
            for (var s = 0; s < ShardCount; s++)
                for (var i = 0; i < _shards[s].Count; i++) each(s, i);
        }

        public ReadOnlySpan<char> Word(int shard, int i) => _shards[shard].Word(i);

        /// <summary>Whether the word is held.</summary>
        public bool Holds(string word)
        {
            var hash = HashOf(word);
            var shard = ShardOf(hash);
            lock (shard.Gate) return Find(shard, word, hash) >= 0;
        }

        public bool Term(int shard, int i, int language, out ReadOnlySpan<char> term)
        {
            Span<int> places = stackalloc int[2 * Languages];
            _shards[shard].Places(i, places);
            var (at, length) = (places[2 * language], places[2 * language + 1]);
            term = length < 0 ? default : _shards[shard].Pool.AsSpan(at, length);
            return length >= 0;
        }

        public int Family(int shard, int i) => _shards[shard].Codes[i * Stride + Stride - 1] - 1;
    }
}
