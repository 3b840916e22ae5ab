using System.Collections.Concurrent;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Site;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Index;

/// <summary>
/// What the query lexicon (<see cref="QueryLexicon.Build"/>) read of each document's text, kept for the next build: a
/// build after an edit reads again only the documents whose searchable text changed. Reading every document's words
/// twice (Lucene's surface analysis, and the words as written) was half of the lexicon's time; at 20,000 documents,
/// 2.5 s of the export's wall time.
/// <para>
/// Per document, by a key of its searchable text (<see cref="SearchDocument.TextKey"/>): its surface forms, the words it
/// writes as stored, and how it writes the others (<see cref="DocumentWords"/>). Each is a function of the text alone, so
/// a lexicon made with the cache is the lexicon made without it, whatever the cache holds; a text met twice in one build
/// is read twice, as without the cache. What is worked out of each word on its own (its terms, its family) is kept too, by
/// word, in a file of its own (<see cref="WordAnalyses"/>); and the inflections the index holds, with the key of the
/// surfaces and indexed terms they were found from, in a third (<see cref="FoundInflections"/>).
/// </para>
/// <para>
/// <c>ge build</c> reads the cache from the build cache on disk and writes it back (<see cref="Read(string, string, string?)"/>,
/// <see cref="Write(string, string, string?, bool)"/>; valid only for the generator that wrote it: its assembly and Lucene's analysis, by module id).
/// Only the documents of the last lexicon are kept: documents gone or changed are not carried on.
/// </para>
/// </summary>
public sealed class LexiconCache
{
    private const string Format = "ge-lexicon-cache 3";

    private static string Generator { get; } =
        CacheFile.Generator(typeof(LexiconCache), typeof(Lucene.Net.Analysis.Standard.StandardTokenizer), typeof(Lucene.Net.Analysis.Analyzer));

    /// <summary>Every word known, by its text.</summary>
    private readonly ConcurrentDictionary<string, Word> _words;

    /// <summary>What the last lexicon read of each document, by the key of its text.</summary>
    private Dictionary<Hash128, DocumentWords> _documents;

    private readonly Lock _building = new();

    private LexiconCache(ConcurrentDictionary<string, Word> words, Dictionary<Hash128, DocumentWords> documents, WordAnalyses? analyses = null,
        Func<string, FoundInflections?>? lastInflections = null)
    {
        _words = words;
        _documents = documents;
        _analyses = analyses ?? WordAnalyses.Empty();
        _lastInflections = lastInflections;
    }

    /// <summary>The inflections the last lexicon found, read from the build cache, or found by this one (<see cref="Inflections"/>).</summary>
    private FoundInflections? _inflections;

    /// <summary>For a cache read from the build cache: reads the inflections the last build found when they have a key
    /// (<see cref="FoundInflections.Read(string, string)"/>), once, when a lexicon asks for them. A lexicon made only as the
    /// outline of the last one (most edits) never does: at 20,107 documents they are 450,000 entries, 80 MB as objects,
    /// that the collector otherwise marks through the rest of the build.</summary>
    private Func<string, FoundInflections?>? _lastInflections;

    /// <summary>Whether <see cref="_inflections"/> is to be written: found by this lexicon, not read.</summary>
    private bool _inflectionsFound;

    /// <summary>Whether the last lexicon took its inflections from the cache (<see cref="Inflections"/>).</summary>
    public bool InflectionsReused { get; private set; }

    /// <summary>The inflections found from what <paramref name="key"/> keys (<see cref="FoundInflections.KeyOf"/>): the last
    /// lexicon's when it had that key, else those <paramref name="find"/> finds, kept for the next lexicon. A cache that keeps
    /// nothing (<see cref="Transient"/>) always finds them, and is given no key.</summary>
    internal IReadOnlyList<KeyValuePair<string, string?[]>> Inflections(string? key, Func<IReadOnlyList<KeyValuePair<string, string?[]>>> find)
    {
        InflectionsReused = false;
        if (!_keeps || key is not { } made) return find();
        if (_inflections is null && Interlocked.Exchange(ref _lastInflections, null) is { } read) _inflections = read(made);
        if (_inflections is { } last && last.Key == made)
        {
            InflectionsReused = true;
            // The words the last lexicon's inflections were found among are the same: none of their analyses is dropped as unused.
            _analyses.KeepUnused();
            return last.Found;
        }
        _inflections = new FoundInflections(made, find());
        _inflectionsFound = true;
        return _inflections.Found;
    }

    /// <summary>A cache that knows nothing yet: a lexicon made with it is made whole.</summary>
    public static LexiconCache Empty() => new(new(StringComparer.Ordinal), []);

    /// <summary>What earlier lexicons worked out of each word on its own (its terms, its family): kept with the documents'
    /// words, in a file of its own (<see cref="Read(string, string, string?)"/>). Null for a cache that keeps nothing
    /// (<see cref="Transient"/>): a lexicon made once works each word out as it meets it, holding nothing (keeping 330,000
    /// words' analyses at 20,107 documents took 50 MB, and keeping them in a table as they come doubled the inflections' time).</summary>
    internal WordAnalyses? Analyses => _keeps ? _analyses : null;

    private WordAnalyses _analyses;

    /// <summary>How many words the last lexicon analysed rather than finding them analysed (<see cref="Analyses"/>), and how
    /// many are kept.</summary>
    public (int WorkedOut, int Kept) WordsAnalysed => (_analyses.WorkedOut, _analyses.Count);

    /// <summary>How many documents the last lexicon took from the cache instead of reading them.</summary>
    public int DocumentsReused { get; private set; }

    /// <summary>How many documents and words the cache holds.</summary>
    public (int Documents, int Words) Count => (_documents.Count, _words.Count);

    /// <summary>A word of the documents, with the current lexicon's marks (made one at a time).</summary>
    internal sealed class Word(string text)
    {
        public string Text { get; } = text;

        /// <summary>The lexicon that found the word among the content's surfaces / written as stored / in a document.</summary>
        public int InContent, WrittenPlain, Named;

        /// <summary>The document being merged whose written forms leave the word out.</summary>
        public int NotPlainIn;

        /// <summary>The word's number in the file being written, or -1.</summary>
        public int Id = -1;
    }

    /// <summary>What one document's text gives the lexicon: its surface forms (Lucene's surface analysis of its title as
    /// indexed, summary and body), those of them it never writes as stored (<c>declaracao</c>, written <c>declaração</c>),
    /// the words it writes as stored that are not among its surfaces, and how many times it writes each surface in each form
    /// that is not the surface.</summary>
    internal sealed record DocumentWords(Word[] Surfaces, Word[] NotPlain, Word[] PlainOnly, (Word Surface, Word Form, int Count)[] Forms);

    /// <summary>How <paramref name="texts"/> (the thesaurus's) write their words, read as a document's are but with no
    /// surfaces: <see cref="Merge"/> counts their forms, and the words they write as stored, with the documents'.</summary>
    internal DocumentWords WrittenIn(IEnumerable<string> texts)
    {
        var reading = new Reading(this);
        foreach (var text in texts) reading.AddWritten(text);
        return reading.Take();
    }

    /// <summary>What each document's text gives the lexicon (in the documents' order): from the last lexicon for a text
    /// it read, read now otherwise, on both cores. The cache then holds these documents' and no others.</summary>
    /// <remarks>Looked up on this thread, and only the documents to read are read in parallel: the related practices are
    /// found on the pool meanwhile, and a parallel loop of look-ups waited for its share of the pool (at 20,000 documents,
    /// 0.5 s for what one thread does in 0.1 s).</remarks>
    internal DocumentWords[] WordsOf(IReadOnlyList<SearchDocument> documents)
    {
        if (!_keeps) return WordsOfAll(documents);
        var last = _documents;
        var found = new DocumentWords[documents.Count];
        var keys = new Hash128[documents.Count];
        var unread = new List<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            var key = keys[i] = documents[i].TextKey();
            if (last.TryGetValue(key, out var kept)) found[i] = kept;
            else unread.Add(i);
        }
        DocumentsReused = documents.Count - unread.Count;
        Parallel.ForEach(unread, () => (Reading?)null, (i, _, reading) =>
        {
            reading ??= new Reading(this);
            found[i] = reading.Of(documents[i]);
            return reading;
        }, _ => { });
        var next = new Dictionary<Hash128, DocumentWords>(documents.Count);
        for (var i = 0; i < documents.Count; i++) next[keys[i]] = found[i];
        _documents = next;
        return found;
    }

    /// <summary>For a cache that keeps nothing (<see cref="Transient"/>): what all the documents give, as one entry per
    /// thread that read them (the union of its documents' surfaces and of the words they write as stored, the sum of their
    /// forms), which <see cref="Merge"/> sums as it sums documents. Nothing per document is held: at 20,000 documents that
    /// was 40 MB more at the peak of <c>ge serve</c>'s settling build.</summary>
    private DocumentWords[] WordsOfAll(IReadOnlyList<SearchDocument> documents)
    {
        var taken = new List<DocumentWords>();
        Parallel.ForEach(documents, () => new Reading(this), (d, _, reading) =>
        {
            reading.Add(d);
            return reading;
        }, reading =>
        {
            var words = reading.Take();
            lock (taken) taken.Add(words);
        });
        DocumentsReused = 0;
        return [.. taken];
    }

    /// <summary>Whether the cache keeps what it read of each document for the next lexicon.</summary>
    private bool _keeps = true;

    /// <summary>Whether the cache keeps what it read for the next lexicon (not <see cref="Transient"/>): a lexicon made with it
    /// makes the keys of what it keeps.</summary>
    internal bool Keeps => _keeps;

    /// <summary>A cache for one lexicon, that keeps nothing for a next (a lexicon made without a cache): it reads every
    /// document and holds nothing per document.</summary>
    internal static LexiconCache Transient()
    {
        var cache = Empty();
        cache._keeps = false;
        return cache;
    }

    /// <summary>Starts a lexicon (one at a time): the marks of the last one no longer count.</summary>
    internal int Begin()
    {
        _building.Enter();
        ++_lexicons;
        Analyses?.Begin(_lexicons);
        return _lexicons;
    }

    /// <summary>Ends the lexicon <see cref="Begin"/> started: words no document of it names are let go.</summary>
    internal void End()
    {
        try
        {
            foreach (var (text, word) in _words)
                if (word.Named != _lexicons) _words.TryRemove(text, out _);
            Analyses?.End();
        }
        finally
        {
            _building.Exit();
        }
    }

    private int _lexicons;

    /// <summary>The sum of <paramref name="documents"/>: the surfaces of all (the words, each once, its
    /// <see cref="Word.InContent"/> set to <paramref name="lexicon"/>), the words any writes as stored
    /// (<see cref="Word.WrittenPlain"/>), and how many times each surface is written in each other form.</summary>
    internal static (List<Word> Content, Dictionary<(Word Surface, Word Form), int> Forms) Merge(DocumentWords[] documents, int lexicon)
    {
        var content = new List<Word>();
        var forms = new Dictionary<(Word, Word), int>();
        var stamp = 0;
        foreach (var d in documents)
        {
            stamp++;
            foreach (var w in d.NotPlain) w.NotPlainIn = stamp;
            foreach (var w in d.Surfaces)
            {
                if (w.InContent != lexicon) content.Add(w);
                w.InContent = w.Named = lexicon;
                if (w.NotPlainIn != stamp) w.WrittenPlain = lexicon;
            }
            foreach (var w in d.PlainOnly) w.WrittenPlain = w.Named = lexicon;
            foreach (var (surface, form, count) in d.Forms)
            {
                surface.Named = form.Named = lexicon;
                forms[(surface, form)] = forms.GetValueOrDefault((surface, form)) + count;
            }
        }
        foreach (var d in documents)
            foreach (var w in d.NotPlain) w.NotPlainIn = 0;
        return (content, forms);
    }

    /// <summary>One thread's reading of documents: its buffers, and the words it met, looked up by their characters.</summary>
    private sealed class Reading(LexiconCache cache)
    {
        private readonly Dictionary<string, Word> _known = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Word Surface, Word Form, bool Plain)> _written = new(StringComparer.Ordinal);
        private readonly HashSet<Word> _surfaces = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Word> _plain = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<(Word, Word), int> _forms = [];
        private char[] _body = new char[4096];

        private Word Known(ReadOnlySpan<char> text)
        {
            var lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var word)) return word;
            var s = text.ToString();
            return _known[s] = cache._words.GetOrAdd(s, static t => new Word(t));
        }

        /// <summary>What one document's text gives.</summary>
        public DocumentWords Of(SearchDocument d)
        {
            Add(d);
            return Take();
        }

        /// <summary>What the documents added since the last <see cref="Take"/> give together (the union of their surfaces and
        /// of the words they write as stored, the sum of their forms), and starts again.</summary>
        public DocumentWords Take()
        {
            var notPlain = _surfaces.Where(w => !_plain.Contains(w)).ToArray();
            var plainOnly = _plain.Where(w => !_surfaces.Contains(w)).ToArray();
            var taken = new DocumentWords([.. _surfaces], notPlain, plainOnly, [.. _forms.Select(f => (f.Key.Item1, f.Key.Item2, f.Value))]);
            _surfaces.Clear();
            _plain.Clear();
            _forms.Clear();
            return taken;
        }

        /// <summary>Reads a document's text into what the next <see cref="Take"/> gives.</summary>
        public void Add(SearchDocument d)
        {
            var length = d.BodyInto(ref _body).Length;
            SearchAnalysis.EachTerm(SearchAnalysis.Surface, d.IndexedTitle, this, static (term, r) => r._surfaces.Add(r.Known(term)));
            SearchAnalysis.EachTerm(SearchAnalysis.Surface, d.Summary, this, static (term, r) => r._surfaces.Add(r.Known(term)));
            SearchAnalysis.EachTerm(SearchAnalysis.Surface, _body, length, this, static (term, r) => r._surfaces.Add(r.Known(term)));
            Written(d.IndexedTitle);
            Written(d.Summary);
            Written(_body.AsSpan(0, length));
        }

        /// <summary>Reads how a text writes its words (not its surfaces) into what the next <see cref="Take"/> gives.</summary>
        public void AddWritten(string text) => Written(text);

        /// <summary>The words of a text as they are written: an ASCII word lower-cased is written as stored; any other is
        /// folded (<see cref="QueryLexicon.WrittenForm"/>), and written as stored when its form is its surface.</summary>
        private void Written(ReadOnlySpan<char> text)
        {
            Span<char> buffer = stackalloc char[64];
            var written = _written.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var (index, length) in Folding.Words(text))
            {
                var span = text.Slice(index, length);
                // Most words are ASCII, which folding only lower-cases: looked up as characters, lower-cased into a buffer.
                if (System.Text.Ascii.IsValid(span))
                {
                    var lower = span.Length <= buffer.Length ? buffer[..span.Length] : new char[span.Length];
                    System.Text.Ascii.ToLower(span, lower, out _);
                    _plain.Add(Known(lower));
                    continue;
                }
                // Any other word is folded once per thread: its occurrences after the first are looked up as written.
                if (!written.TryGetValue(span, out var w))
                {
                    var word = span.ToString();
                    var (surface, form) = QueryLexicon.WrittenForm(word);
                    w = (Known(surface), Known(form), form == surface);
                    _written[word] = w;
                }
                if (w.Plain) _plain.Add(w.Surface);
                else _forms[(w.Surface, w.Form)] = _forms.GetValueOrDefault((w.Surface, w.Form)) + 1;
            }
        }
    }

    /// <summary>The cache in <paramref name="file"/>, with the words' analyses in <paramref name="analyses"/>; each part empty
    /// when there is none, it is another generator's, or it cannot be read whole (a cache is never a reason for a build to fail).</summary>
    /// <param name="inflections">The file of the inflections the last lexicon found (<see cref="FoundInflections"/>), read only
    /// when a lexicon made whole asks for inflections found from what they were found from; none read without it.</param>
    public static LexiconCache Read(string file, string analyses, string? inflections = null)
    {
        var words = Task.Run(() => WordAnalyses.Read(analyses));
        var cache = Read(file);
        return new LexiconCache(cache._words, cache._documents, words.GetAwaiter().GetResult(),
            inflections is null ? null : key => FoundInflections.Read(inflections, key));
    }

    /// <summary>The cache in <paramref name="file"/>, without the words' analyses; an empty one when there is none, it is another
    /// generator's, or it cannot be read whole.</summary>
    public static LexiconCache Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var length = reader.BaseStream.Length;
        var count = CountOf(reader, length);
        var table = new Word[count];
        var words = new ConcurrentDictionary<string, Word>(Environment.ProcessorCount, count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            if (!words.TryAdd((table[i] = new Word(reader.ReadString())).Text, table[i])) throw new FormatException("a word twice");
        var documents = new Dictionary<Hash128, DocumentWords>();
        var documentCount = CountOf(reader, length);
        for (var i = 0; i < documentCount; i++)
        {
            var key = CacheFile.ReadKey(reader);
            var surfaces = Ids(reader, table, length);
            var notPlain = Ids(reader, table, length);
            var plainOnly = Ids(reader, table, length);
            var forms = new (Word, Word, int)[CountOf(reader, length)];
            for (var f = 0; f < forms.Length; f++) forms[f] = (WordAt(reader, table), WordAt(reader, table), reader.Read7BitEncodedInt());
            documents[key] = new DocumentWords(surfaces, notPlain, plainOnly, forms);
        }
        return reader.ReadString() == "end" ? new LexiconCache(words, documents) : null;
    }) ?? Empty();

    private static int CountOf(BinaryReader reader, long length)
    {
        var count = reader.Read7BitEncodedInt();
        return count < 0 || count > length ? throw new FormatException("not a count this file can hold") : count;
    }

    private static Word WordAt(BinaryReader reader, Word[] table)
    {
        var id = reader.Read7BitEncodedInt();
        return id >= 0 && id < table.Length ? table[id] : throw new FormatException("not a word of the file");
    }

    /// <summary>Words written as ascending numbers, each as its difference from the one before.</summary>
    private static Word[] Ids(BinaryReader reader, Word[] table, long length)
    {
        var words = new Word[CountOf(reader, length)];
        var id = -1;
        for (var i = 0; i < words.Length; i++)
        {
            id += reader.Read7BitEncodedInt() + 1;
            words[i] = id >= 0 && id < table.Length ? table[id] : throw new FormatException("not a word of the file");
        }
        return words;
    }

    /// <summary>Writes the cache as <see cref="Write(string)"/> does, and the words' analyses to <paramref name="analyses"/> when
    /// they are not what was read from it (<see cref="WordAnalyses.Changed"/>), or it is missing.</summary>
    /// <param name="inflections">Where the inflections this lexicon found go, when it found them rather than taking them from
    /// the last (<see cref="FoundInflections"/>), or the file is missing.</param>
    /// <param name="spent">The cache is used no more once written (<c>ge build</c>): its words' analyses are let go as soon as
    /// their file is written, first (each file is whole on its own: analyses are of words alone, whatever the documents).</param>
    public void Write(string file, string analyses, string? inflections = null, bool spent = false)
    {
        lock (_building)
        {
            if (_analyses.Changed || !File.Exists(analyses)) _analyses.Write(analyses, spent);
            // The words' analyses are the largest part of the cache (at 20,107 documents about 110 MB, written alongside the
            // export of the browser's files): a cache spent once written lets them go before writing the rest. Only the file
            // they were read from stays mapped, to the build's end (ReleaseFiles), unless their write let it go already: the
            // words a first build worked out (1.8 million, 130 MB at 20,104 documents) held through render took its peak
            // over 1 GiB.
            if (spent)
            {
                _spentFile = _analyses.Mapped;
                _analyses = WordAnalyses.Empty();
            }
        }
        Write(file);
        lock (_building)
        {
            if (inflections is not null && _inflections is { } found && (_inflectionsFound || !File.Exists(inflections)))
            {
                found.Write(inflections);
                _inflectionsFound = false;
            }
        }
    }

    /// <summary>The file the words' analyses a spent cache let go of (<see cref="Write(string, string, string?, bool)"/>) were read
    /// from, still mapped until <see cref="ReleaseFiles"/>.</summary>
    private MappedCacheFile? _spentFile;

    /// <summary>Unmaps the file the words' analyses were read from (<see cref="WordAnalyses.Release"/>), once nothing of the build
    /// can ask for them any more: <c>ge build</c> calls it when its stages are done and its cache is written.</summary>
    public void ReleaseFiles()
    {
        lock (_building)
        {
            _spentFile?.Dispose();
            _spentFile = null;
            _analyses.Release();
            _analyses = WordAnalyses.Empty();
        }
    }

    /// <summary>Writes the cache to <paramref name="file"/>, whole or not at all: the words the documents name, in the order
    /// they first name them (so that a document's numbers are near each other), then the documents in key order.</summary>
    public void Write(string file)
    {
        lock (_building)
        {
            var table = new List<Word>(_words.Count);
            var documents = _documents.OrderBy(d => d.Key).ToList();
            foreach (var word in _words.Values) word.Id = -1;
            void Number(Word w)
            {
                if (w.Id >= 0) return;
                w.Id = table.Count;
                table.Add(w);
            }
            foreach (var (_, d) in documents)
            {
                foreach (var w in d.Surfaces) Number(w);
                foreach (var w in d.PlainOnly) Number(w);
                foreach (var (surface, form, _) in d.Forms)
                {
                    Number(surface);
                    Number(form);
                }
            }
            CacheFile.Write(file, writer =>
            {
                writer.Write(Format);
                writer.Write(Generator);
                writer.Write7BitEncodedInt(table.Count);
                foreach (var word in table) writer.Write(word.Text);
                writer.Write7BitEncodedInt(documents.Count);
                var ids = new List<int>();
                foreach (var (key, d) in documents)
                {
                    CacheFile.WriteKey(writer, key);
                    WriteIds(writer, d.Surfaces, ids);
                    WriteIds(writer, d.NotPlain, ids);
                    WriteIds(writer, d.PlainOnly, ids);
                    writer.Write7BitEncodedInt(d.Forms.Length);
                    foreach (var (surface, form, count) in d.Forms)
                    {
                        writer.Write7BitEncodedInt(surface.Id);
                        writer.Write7BitEncodedInt(form.Id);
                        writer.Write7BitEncodedInt(count);
                    }
                }
                writer.Write("end");
            });
        }
    }

    private static void WriteIds(BinaryWriter writer, Word[] words, List<int> ids)
    {
        ids.Clear();
        foreach (var w in words) ids.Add(w.Id);
        ids.Sort();
        writer.Write7BitEncodedInt(ids.Count);
        var last = -1;
        foreach (var id in ids)
        {
            writer.Write7BitEncodedInt(id - last - 1);
            last = id;
        }
    }
}
