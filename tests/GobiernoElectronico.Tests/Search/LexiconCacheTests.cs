using System.Text;
using GobiernoElectronico.Index;
using GobiernoElectronico.Model;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>
/// The query lexicon's part of the build cache (<see cref="LexiconCache"/>): a lexicon made from what the cache kept of
/// each document is the lexicon made from nothing, after any edit (changed, added, removed documents; a word's written
/// form appearing or disappearing); a damaged or foreign file is an empty cache. And the short way the analysis takes
/// for plain words (<see cref="SearchAnalysis.TermOf"/>) gives Lucene's whole chain's term.
/// </summary>
public class LexiconCacheTests
{
    private static SearchDocument Practice(string slug, string language, string title, string summary, string body) => new(
        $"practice/{slug}", "practice", $"practices/{slug}/index.html", title, title, summary, body, language,
        new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["practice"], ["language"] = [language] });

    private static readonly SearchDocument[] Corpus =
    [
        Practice("declaracao", "pt", "Declaração de bens", "A declaração é feita em linha.", "As declarações de bens dos servidores públicos são publicadas. Informação."),
        Practice("declaracion", "es", "Declaración jurada", "Declaración en línea.", "La declaracion jurada patrimonial se presenta en línea; información pública de los municipios."),
        Practice("tramites", "es", "Trámites municipales", "Ventanilla única de trámites.", "Los tramites y pagos municipales en linea, con firma digital y bibliotecas."),
        Practice("procurement", "en", "Public procurement", "Open tenders online.", "Municipalities publish their tenders; citizens' libraries and e-procurement portals."),
    ];

    private static Thesaurus Thesaurus() => new([
        new ThesaurusConcept([new ThesaurusTerm("es", "declaración jurada"), new ThesaurusTerm("pt", "declaração de bens")], 1),
        new ThesaurusConcept([new ThesaurusTerm("es", "gestión municipal"), new ThesaurusTerm("pt", "gestão municipal")], 2),
    ]);

    /// <summary>The whole lexicon as the CLI and the browser receive it, with the content's surfaces.</summary>
    private static string Lexicon(IReadOnlyList<SearchDocument> documents, LexiconCache? cache)
    {
        using var index = SearchIndex.Build(documents, Thesaurus(), cache is null ? null : () => cache);
        var lexicon = index.Lexicon;
        return Encoding.UTF8.GetString(lexicon.ToJson()) + "\n" + string.Join(",", lexicon.ContentSurfaces);
    }

    [Test]
    public void A_lexicon_made_with_the_cache_is_the_lexicon_made_from_nothing_after_every_edit()
    {
        using var dir = new TempDir();
        var file = dir["lexicon-cache"];
        var edits = new List<(string Name, SearchDocument[] Documents)>
        {
            ("first build", Corpus),
            ("nothing changed", Corpus),
            // the only document writing "informação" with its accent goes: "informacao" is then shown as written elsewhere
            ("a word's written form goes", [Corpus[0] with { Body = "As declarações de bens dos servidores públicos são publicadas." }, .. Corpus[1..]]),
            // a document now writes "declaracao" as stored: the surface is no longer shown as "declaração"
            ("a surface is written as stored", [.. Corpus, Practice("plain", "pt", "Declaracao", "declaracao", "declaracao sem acento")]),
            ("a document removed", Corpus[1..]),
            ("a document added twice (copies)", [.. Corpus, Practice("copy-a", "es", "Copia", "Copia.", "Texto nuevo zanahoria."), Practice("copy-b", "es", "Copia", "Copia.", "Texto nuevo zanahoria.")]),
            ("the title changed", [Corpus[0] with { IndexedTitle = "Declaração de bens municipais" }, .. Corpus[1..]]),
        };
        var reused = new List<int>();
        var analysed = new List<int>();
        var words = dir["word-analyses"];
        foreach (var (name, documents) in edits)
        {
            var cache = LexiconCache.Read(file, words);
            var made = Lexicon(documents, cache);
            Assert.That(made, Is.EqualTo(Lexicon(documents, null)), name);
            reused.Add(cache.DocumentsReused);
            analysed.Add(cache.WordsAnalysed.WorkedOut);
            cache.Write(file, words);
        }
        Assert.That(reused, Is.EqualTo(new[] { 0, 4, 3, 3, 3, 3, 3 }), "documents taken from the cache, by edit: only changed text is read again");
        // Each word's terms and family are worked out once: then only the words an edit brings (and their likely inflections).
        Assert.That(analysed[0], Is.GreaterThan(500), "the first lexicon analyses every word and its likely inflections");
        Assert.That(analysed[1], Is.Zero, "nothing changed: every word is known");
        Assert.That(analysed[2], Is.Zero, "words only went");
        // The first document's words, dropped once it was removed (a fifth of the words unused), come back with it; and the new
        // words of the copies (texto, nuevo, zanahoria, copia) and their inflections.
        Assert.That(analysed[5], Is.InRange(1, analysed[0] / 2), "the words an edit brings, not all");
        Assert.That(LexiconCache.Read(file).Count.Documents, Is.EqualTo(4), "what the last lexicon read, and no more");
    }

    [Test]
    public void Inflections_are_taken_from_the_cache_only_while_the_surfaces_and_the_indexed_terms_are_the_same()
    {
        using var dir = new TempDir();
        var (file, words, inflections) = (dir["lexicon-cache"], dir["word-analyses"], dir["found-inflections"]);
        // "declaraciones" is a likely inflection of "declaracion" the index holds, until a document writes it.
        Assert.That(Generated(Corpus), Does.Contain("declaraciones"));
        Assert.That(Generated([.. Corpus[..2], Corpus[2] with { Language = "pt" }, Corpus[3]]), Is.Not.EquivalentTo(Generated(Corpus)),
            "the same text indexed in another language holds other terms, and so other inflections");
        var edits = new List<(string Name, SearchDocument[] Documents, bool Reused)>
        {
            ("first build", Corpus, false),
            ("nothing changed", Corpus, true),
            ("a sentence rewritten in the words it had", [Corpus[0] with { Body = "Informação. As declarações de bens são publicadas, dos servidores públicos." }, .. Corpus[1..]], true),
            ("a word no document wrote", [Corpus[0] with { Body = Corpus[0].Body + " Zanahoria." }, .. Corpus[1..]], false),
            ("that word gone again", Corpus, false),
            ("a document writes what was a likely inflection", [Corpus[0], Corpus[1] with { Body = Corpus[1].Body + " Las declaraciones." }, .. Corpus[2..]], false),
            ("the same text in another language", [.. Corpus[..2], Corpus[2] with { Language = "pt" }, Corpus[3]], false),
            ("back, and then the same again", [.. Corpus[..2], Corpus[2] with { Language = "pt" }, Corpus[3]], true),
        };
        var reused = new List<bool>();
        SearchDocument[]? last = null;
        foreach (var (name, documents, _) in edits)
        {
            var cache = LexiconCache.Read(file, words, inflections);
            if (name.StartsWith("back", StringComparison.Ordinal)) Lexicon(Corpus, cache); // another state between the two
            else Assert.That(Lexicon(documents, cache), Is.EqualTo(Lexicon(documents, null)), name);
            cache.Write(file, words, inflections);
            if (name.StartsWith("back", StringComparison.Ordinal))
            {
                cache = LexiconCache.Read(file, words, inflections);
                Assert.That(Lexicon(documents, cache), Is.EqualTo(Lexicon(documents, null)), name);
                cache.Write(file, words, inflections);
                Assert.That(cache.InflectionsReused, Is.False, $"{name}: the cache holds the state between");
                cache = LexiconCache.Read(file, words, inflections);
                Assert.That(Lexicon(documents, cache), Is.EqualTo(Lexicon(documents, null)), name);
            }
            reused.Add(cache.InflectionsReused);
            last = documents;
        }
        Assert.That(reused, Is.EqualTo(edits.Select(e => e.Reused)), "inflections taken from the cache, by edit");
        // The words the inflections were found among stay analysed while the inflections are taken from the cache: a lexicon
        // that finds them again after an edit analyses only the words the edit brings.
        var again = LexiconCache.Read(file, words, inflections);
        Lexicon([.. last!, Practice("new", "es", "Zanahoria", "Zanahoria.", "Zanahoria.")], again);
        Assert.That(again.InflectionsReused, Is.False);
        Assert.That(again.WordsAnalysed.WorkedOut, Is.InRange(1, 200), "zanahoria and its likely inflections");

        foreach (var (name, content) in new Dictionary<string, byte[]>
        {
            ["cut short"] = File.ReadAllBytes(inflections)[..(int)(new FileInfo(inflections).Length / 2)],
            ["another format"] = Encoding.UTF8.GetBytes("ge-found-inflections 0"),
            ["empty"] = [],
        })
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = LexiconCache.Read(file, words, dir["damaged"]);
            Assert.That(Lexicon(last, read), Is.EqualTo(Lexicon(last, null)), name);
            Assert.That(read.InflectionsReused, Is.False, name);
        }

        static IReadOnlySet<string> Generated(IReadOnlyList<SearchDocument> documents)
        {
            using var index = SearchIndex.Build(documents, Thesaurus());
            return index.Lexicon.Generated.ToHashSet(StringComparer.Ordinal);
        }
    }

    [Test]
    public void The_written_form_of_a_word_follows_the_documents()
    {
        var cache = LexiconCache.Empty();
        Assert.That(Display(Corpus, cache), Is.EqualTo("declaração"), "written only with its accent");
        Assert.That(Display([.. Corpus, Practice("plain", "pt", "Declaracao", "declaracao", "declaracao")], cache), Is.Null, "written as stored somewhere");
        Assert.That(Display(Corpus, cache), Is.EqualTo("declaração"), "that document gone, from the same cache");
        Assert.That(Display(Corpus, cache, "gestao"), Is.EqualTo("gestão"), "written so by the thesaurus alone");
        Assert.That(Display([.. Corpus, Practice("gestao", "pt", "Gestao", "gestao", "gestao sem acento")], cache, "gestao"), Is.Null,
            "a document writes it as stored");

        static string? Display(IReadOnlyList<SearchDocument> documents, LexiconCache cache, string surface = "declaracao")
        {
            using var index = SearchIndex.Build(documents, Thesaurus(), () => cache);
            return index.Lexicon.Displays.GetValueOrDefault(surface);
        }
    }

    [Test]
    public void A_damaged_or_foreign_cache_file_is_an_empty_cache()
    {
        using var dir = new TempDir();
        var cache = LexiconCache.Empty();
        Lexicon(Corpus, cache);
        cache.Write(dir["lexicon-cache"]);
        Assert.That(LexiconCache.Read(dir["lexicon-cache"]).Count.Documents, Is.EqualTo(Corpus.Length));
        var bytes = File.ReadAllBytes(dir["lexicon-cache"]);
        var cases = new Dictionary<string, byte[]>
        {
            ["cut short"] = bytes[..(bytes.Length / 2)],
            ["a word number past the table"] = WithLastNumbersDamaged(bytes),
            ["another format"] = Encoding.UTF8.GetBytes("ge-lexicon-cache 0"),
            ["empty"] = [],
        };
        foreach (var (name, content) in cases)
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = LexiconCache.Read(dir["damaged"]);
            Assert.That(read.Count.Documents, Is.Zero, name);
            Assert.That(Lexicon(Corpus, read), Is.EqualTo(Lexicon(Corpus, null)), name);
        }
    }

    /// <summary>A weak reference to the words' analyses <paramref name="cache"/> holds (made in a frame of its own: a debug build
    /// keeps a method's locals alive to its end).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference AnalysesOf(LexiconCache cache) => new(cache.Analyses);

    /// <summary>A cache written as spent (<c>ge build</c>'s, used no more) lets its words' analyses go once their file is
    /// written, and writes the same files as one that keeps them.</summary>
    [Test]
    public void A_spent_cache_lets_its_analyses_go_and_writes_the_same_files()
    {
        using var dir = new TempDir();
        var kept = LexiconCache.Read(dir["kept/lexicon-cache"], dir["kept/words"], dir["kept/inflections"]);
        var spent = LexiconCache.Read(dir["spent/lexicon-cache"], dir["spent/words"], dir["spent/inflections"]);
        Lexicon(Corpus, kept);
        Lexicon(Corpus, spent);
        Directory.CreateDirectory(dir["kept"]);
        Directory.CreateDirectory(dir["spent"]);
        kept.Write(dir["kept/lexicon-cache"], dir["kept/words"], dir["kept/inflections"]);
        var analyses = AnalysesOf(spent);
        spent.Write(dir["spent/lexicon-cache"], dir["spent/words"], dir["spent/inflections"], spent: true);
        Assert.That(kept.WordsAnalysed.Kept, Is.GreaterThan(500));
        Assert.That(spent.WordsAnalysed.Kept, Is.Zero, "the spent cache holds no analysis once written");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(analyses.IsAlive, Is.False, "nor keeps them alive (the words a first build worked out, held to its end, took its peak over 1 GiB at 20,104 documents)");
        foreach (var name in new[] { "lexicon-cache", "words", "inflections" })
            Assert.That(File.ReadAllBytes(dir["spent/" + name]), Is.EqualTo(File.ReadAllBytes(dir["kept/" + name])), name);
    }

    [Test]
    public void A_damaged_or_foreign_file_of_word_analyses_is_no_analysis_and_a_stale_one_is_rewritten()
    {
        using var dir = new TempDir();
        var cache = LexiconCache.Read(dir["lexicon-cache"], dir["words"]);
        Lexicon(Corpus, cache);
        cache.Write(dir["lexicon-cache"], dir["words"]);
        var bytes = File.ReadAllBytes(dir["words"]);
        Assert.That(LexiconCache.Read(dir["lexicon-cache"], dir["words"]).WordsAnalysed.Kept, Is.GreaterThan(500));
        foreach (var (name, content) in new Dictionary<string, byte[]>
        {
            ["cut short"] = bytes[..(bytes.Length / 2)],
            ["a count past the file"] = WithCountDamaged(bytes),
            ["another format"] = Encoding.UTF8.GetBytes("ge-word-analyses 0"),
            ["empty"] = [],
        })
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = LexiconCache.Read(dir["lexicon-cache"], dir["damaged"]);
            Assert.That(read.WordsAnalysed.Kept, Is.Zero, name);
            Assert.That(Lexicon(Corpus, read), Is.EqualTo(Lexicon(Corpus, null)), name);
            read.Write(dir["lexicon-cache"], dir["damaged"]);
            Assert.That(File.ReadAllBytes(dir["damaged"]), Is.EqualTo(bytes), $"{name}: written again whole");
        }
        var time = File.GetLastWriteTimeUtc(dir["words"]);
        File.SetLastWriteTimeUtc(dir["words"], time.AddHours(-1));
        var again = LexiconCache.Read(dir["lexicon-cache"], dir["words"]);
        Lexicon(Corpus, again);
        again.Write(dir["lexicon-cache"], dir["words"]);
        Assert.That(File.GetLastWriteTimeUtc(dir["words"]), Is.EqualTo(time.AddHours(-1)), "nothing new: the file is not written again");
    }

    /// <summary>The file with its count of words (after its format and generator) made larger than the file.</summary>
    private static byte[] WithCountDamaged(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        reader.ReadString();
        reader.ReadString();
        var at = (int)reader.BaseStream.Position;
        var damaged = (byte[])bytes.Clone();
        damaged[at] = 0xff;
        damaged[at + 1] = 0xff;
        damaged[at + 2] = 0x7f;
        return damaged;
    }

    /// <summary>The file with bytes before its end marker set to large numbers (a form's word numbers).</summary>
    private static byte[] WithLastNumbersDamaged(byte[] bytes)
    {
        var damaged = (byte[])bytes.Clone();
        var end = damaged.Length - 4; // "end" and its length
        damaged[end - 3] = 0x7f;
        damaged[end - 2] = 0xff;
        damaged[end - 1] = 0x7f;
        return damaged;
    }

    [Test]
    public void The_short_ways_for_plain_words_give_the_whole_chain_s_term()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), bag)!;
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in SearchDocuments.From(content))
            foreach (var text in new[] { d.IndexedTitle, d.Summary, d.Body })
                foreach (var w in SearchAnalysis.Terms(SearchAnalysis.Surface, text))
                {
                    words.Add(w);
                    foreach (var c in InflectionCandidates.Of(w)) words.Add(c);
                }
        // Stop words, the shortest words, possessives and the standard tokenizer's longest token and one past it.
        words.UnionWith(["de", "the", "a", "s", "is", "ies", "its", "news", "libraries", "citizens", new string('a', 255), new string('b', 256)]);
        // Words the short ways leave to the whole chain: not lower-case ASCII letters.
        words.UnionWith(["ação", "naïve", "x1", "Bibliotecas", "e-gov"]);
        Assert.That(words.Count(w => w.All(c => c is >= 'a' and <= 'z')), Is.GreaterThan(10_000), "the shipped content's words and their inflections");
        var differing = new List<string>();
        foreach (var word in words)
            foreach (var language in Schema.Vocabulary.Languages)
                if (SearchAnalysis.TermOf(language, word) != SearchAnalysis.AnalysedTermOf(language, word))
                    differing.Add($"{language} {word}: {SearchAnalysis.TermOf(language, word)} against {SearchAnalysis.AnalysedTermOf(language, word)}");
        Assert.That(differing, Is.Empty);

        // Every language's term written without strings (the lexicon's likely inflections), for every plain word, one after another
        // in one buffer (a small one, made larger as it fills).
        var buffer = new char[4];
        var places = new int[2 * Schema.Vocabulary.Languages.Count];
        var written = 0;
        foreach (var word in words)
        {
            var plain = word.Length <= 255 && word.All(c => c is >= 'a' and <= 'z');
            Assert.That(SearchAnalysis.TryTermsOf(word, ref buffer, places), Is.EqualTo(plain), word);
            if (!plain) continue;
            written++;
            for (var l = 0; l < Schema.Vocabulary.Languages.Count; l++)
            {
                var term = places[2 * l + 1] < 0 ? null : new string(buffer, places[2 * l], places[2 * l + 1]);
                if (term != SearchAnalysis.TermOf(Schema.Vocabulary.Languages[l], word))
                    differing.Add($"{Schema.Vocabulary.Languages[l]} {word}: written {term ?? "(none)"} against {SearchAnalysis.TermOf(Schema.Vocabulary.Languages[l], word)}");
            }
        }
        Assert.That(written, Is.GreaterThan(10_000));
        Assert.That(differing, Is.Empty);
    }
}
