using System.Text.Json;
using System.Text.Json.Nodes;
using GobiernoElectronico.Model;
using GobiernoElectronico.Text;
using Lucene.Net.Index;

namespace GobiernoElectronico.Index;

/// <summary>A thesaurus phrase, analysed: its concept, language, folded words (stop words left out) and Lucene's term for each word.</summary>
public sealed record LexiconPhrase(int Concept, string Language, IReadOnlyList<string> Words, IReadOnlyList<string> Terms);

/// <summary>
/// Everything a query needs besides the postings, made once at build time by Lucene's analysis and shared by
/// every engine (the CLI, <c>/api/search</c> and the browser, which receives it in its shards):
/// <list type="bullet">
/// <item>the vocabulary: every surface form of the content, its likely inflections and the thesaurus's words
/// (with theirs) → Lucene's term in each language;</item>
/// <item>the thesaurus, each phrase analysed in its language;</item>
/// <item>the question words, which a query does not require ("qué", "how", "quais").</item>
/// </list>
/// Query words are only ever looked up here, never analysed at query time, so the engines cannot disagree.
/// </summary>
public sealed class QueryLexicon
{
    /// <summary>Interrogatives and modal verbs of the three languages, folded: not required in a query.</summary>
    public static readonly IReadOnlyList<string> QuestionWords =
    [
        // es
        "que", "como", "cual", "cuales", "cuando", "donde", "adonde", "quien", "quienes", "cuanto", "cuanta", "cuantos", "cuantas",
        "porque", "puedo", "puede", "pueden", "podemos", "debo", "debe", "existe", "hay",
        // pt
        "qual", "quais", "onde", "quem", "quanto", "quantos", "quantas", "posso", "pode", "podem", "podemos", "devo", "deve",
        // en
        "what", "how", "which", "when", "where", "who", "whom", "whose", "why", "can", "could", "should", "would", "do", "does", "did", "may", "i", "we", "my", "our",
    ];

    public QueryLexicon(IReadOnlyDictionary<string, string?[]> vocabulary, IReadOnlyList<LexiconPhrase> phrases, IReadOnlyDictionary<string, int> families,
        IReadOnlySet<string> absent, IReadOnlySet<string> common, IReadOnlySet<string> generated, IReadOnlyDictionary<string, string> displays)
        : this(vocabulary, phrases, new Lazy<IReadOnlyDictionary<string, int>>(families), absent, common, generated, displays)
    {
    }

    /// <summary>A lexicon whose families are worked out when first asked for: an export that keeps the lexicon's files
    /// (<see cref="OutputKey"/>) never asks.</summary>
    private QueryLexicon(IReadOnlyDictionary<string, string?[]> vocabulary, IReadOnlyList<LexiconPhrase> phrases, Lazy<IReadOnlyDictionary<string, int>> families,
        IReadOnlySet<string> absent, IReadOnlySet<string> common, IReadOnlySet<string> generated, IReadOnlyDictionary<string, string> displays)
    {
        Displays = displays;
        PhraseWords = phrases.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
        Generated = generated;
        Vocabulary = vocabulary;
        Phrases = phrases;
        _families = families;
        Absent = absent;
        Common = common;
    }

    /// <summary>
    /// The key of everything <see cref="Entries"/>, <see cref="ToJson"/> and the browser's vocabulary shards are made of, for a
    /// lexicon made with a cache that keeps what it reads (<c>ge build</c>); null for any other. From the key of the inflections
    /// (<see cref="FoundInflections.KeyOf"/>: the content's surfaces and the indexed terms, from which the vocabulary, its
    /// terms, families and the absent words follow with the thesaurus's phrases), the phrases, the common words and the written
    /// forms. An export whose last lexicon had the same key keeps its files as the site holds them (after most edits, 1.5 s of
    /// its time at 20,104 documents).
    /// </summary>
    public string? OutputKey { get; private init; }

    /// <summary>The key of everything the lexicon is made from, known before most of it is made (<see cref="InputKeyOf"/>): two
    /// lexicons with the same input key are the same lexicon, with the same <see cref="OutputKey"/>. For a lexicon made with a
    /// cache that keeps what it reads; null for any other.</summary>
    public string? InputKey { get; private init; }

    /// <summary>
    /// Whether this is only the outline of the last build's lexicon, made by an export after an edit whose lexicon has the last
    /// one's <see cref="InputKey"/>, while the site keeps its files (<c>lexicon.json</c>, the vocabulary shards): the content's
    /// surfaces with their terms, and the last lexicon's <see cref="OutputKey"/>, which is what such an export reads of it (the
    /// surfaces of the term shards it makes again). The rest of the lexicon is not made (at 20,107 documents, 0.3-0.5 s after
    /// an edit): searching with it, or writing it, throws.
    /// </summary>
    public bool IsOutline { get; private init; }

    /// <summary>Throws for an outline (<see cref="IsOutline"/>): what it was asked for is not made (a query planner needs all of it).</summary>
    internal void Whole([System.Runtime.CompilerServices.CallerMemberName] string? member = null)
    {
        if (IsOutline) throw OutlineError(member);
    }

    private static InvalidOperationException OutlineError(string? member) =>
        new($"{member}: this lexicon is the outline of the last build's, whose files the site keeps; it holds the content's surfaces and their terms only");

    private readonly Lazy<IReadOnlyDictionary<string, int>> _families;

    /// <summary>
    /// How a folded surface is most often written (lower case, with its accents), where that differs:
    /// <c>declaracao</c> → <c>declaração</c>. "Did you mean" shows words as people write them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Displays { get; }

    /// <summary>
    /// Every surface form the documents' text holds, as Lucene's analysis splits and folds it (empty for a
    /// lexicon read back from JSON, which only plans queries).
    /// </summary>
    public IReadOnlySet<string> ContentSurfaces { get; private init; } = new HashSet<string>();

    /// <summary>Every word of a thesaurus phrase (a typo may be corrected into one of them).</summary>
    public IReadOnlySet<string> PhraseWords { get; }

    /// <summary>The surface as it is most often written.</summary>
    public string Display(string surface) => Displays.GetValueOrDefault(surface, surface);

    /// <summary>
    /// Surfaces proposed by rule (likely inflections of a word of the content or of the thesaurus) rather than
    /// written anywhere: they map a query word to its term, but a typo is never corrected into one of them.
    /// </summary>
    public IReadOnlySet<string> Generated { get; }

    /// <summary>
    /// Surfaces whose own term is in at least <see cref="CommonDocuments"/> documents (in some language and
    /// text field): the word alone fills pages of results, so the planner does not add its family — which
    /// would cost the browser the postings of every related word for little recall.
    /// </summary>
    public IReadOnlySet<string> Common { get; }

    /// <summary>
    /// The document frequency from which a word is <see cref="Common"/>: 0.1 % of the documents, at least 5.
    /// A family is a way out for a word that finds (almost) nothing, not a widening of every query.
    /// </summary>
    public static int CommonDocuments(int maxDoc) => Math.Max(5, maxDoc / 1000);

    /// <summary>
    /// Surfaces that only the thesaurus brings: no language's term of them is in the index. A query word
    /// among them is still looked up in the thesaurus, but otherwise treated as unknown (completed or
    /// corrected: <c>declaracion</c> → <c>declaracao</c>).
    /// </summary>
    public IReadOnlySet<string> Absent { get; }

    /// <summary>True when the content uses the surface (or an inflection Lucene maps to the same term).</summary>
    public bool Occurs(string surface) => Vocabulary.ContainsKey(surface) && !Absent.Contains(surface);

    /// <summary>
    /// Derivational families: surface → the length of its family key, the beginning of the surface that the
    /// Snowball stemmers (Spanish, Portuguese, English, the shortest of the three) leave of it
    /// (<c>interoperabilidad</c>, <c>interoperables</c> → <c>interoper</c>). Listed only where the key is
    /// shorter than the surface and at least <see cref="MinFamilyKey"/> letters long. Lucene's light stemmers
    /// keep such words apart on purpose (precision); the planner adds a word's family as a weaker
    /// alternative (recall).
    /// </summary>
    public IReadOnlyDictionary<string, int> Families => _families.Value;

    public const int MinFamilyKey = 5;

    /// <summary>The family key of a surface (itself when it has no family).</summary>
    public string FamilyKey(string surface) => Families.TryGetValue(surface, out var length) ? surface[..length] : surface;

    /// <summary>Surface form → Lucene's term in each language (<see cref="Schema.Vocabulary.Languages"/> order; null for a stop word).</summary>
    public IReadOnlyDictionary<string, string?[]> Vocabulary { get; }

    /// <summary>The thesaurus's phrases, concept by concept, in the order written.</summary>
    public IReadOnlyList<LexiconPhrase> Phrases { get; }

    /// <summary>Builds the lexicon of an index and a thesaurus.</summary>
    /// <param name="cache">What earlier lexicons read of the documents' text (<see cref="LexiconCache"/>): the same lexicon
    /// is made with it as without it, only faster, and the cache then holds what this lexicon read. Without one, every
    /// document is read.</param>
    /// <param name="documentsRead">Called once the documents' words are read, before the rest of the lexicon is made: their
    /// bodies are read no more.</param>
    /// <param name="outline">For an export after an edit (<c>ge build</c> with its build cache): given the lexicon's
    /// <see cref="InputKey"/>, the <see cref="OutputKey"/> of the last lexicon when it was made from the same input and the
    /// site keeps its files (kept now); null otherwise. With one, the lexicon made is only its outline
    /// (<see cref="IsOutline"/>).</param>
    public static QueryLexicon Build(SearchIndex index, Thesaurus thesaurus, LexiconCache? cache = null, Action? documentsRead = null,
        Func<string, string?>? outline = null)
    {
        cache ??= LexiconCache.Transient();
        var lexicon = cache.Begin();
        try
        {
            return Make(index, thesaurus, cache, lexicon, documentsRead, outline);
        }
        finally
        {
            cache.End();
        }
    }

    private static QueryLexicon Make(SearchIndex index, Thesaurus thesaurus, LexiconCache cache, int lexicon, Action? documentsRead,
        Func<string, string?>? outline)
    {
        var languages = Schema.Vocabulary.Languages;
        // Each word's terms and family, as earlier lexicons worked them out (the same for the same word), or worked out now.
        var analyses = cache.Analyses;
        Func<string, string?[]> termsOf = analyses is null ? TermsOf : word => analyses.TermsOf(word, TermsOf);

        // Every surface form in the documents → its term in each language, as Lucene analyses it.
        // With how the thesaurus writes its words: its forms count, and a word it writes as stored is shown so.
        var (content, forms) = LexiconCache.Merge(
            [.. cache.WordsOf(index.Documents), cache.WrittenIn(thesaurus.Concepts.SelectMany(c => c.Terms).Select(t => t.Text))], lexicon);
        documentsRead?.Invoke();
        var sortedSurfaces = content.Select(w => w.Text).ToArray();
        Array.Sort(sortedSurfaces, StringComparer.Ordinal);
        sortedSurfaces = Distinct(sortedSurfaces);
        // Made as hash tables, listed in order once made (OrderedWords).
        var surfaces = new SortedWords(sortedSurfaces);
        var vocabulary = new Dictionary<string, string?[]>(sortedSurfaces.Length * 5 / 4, StringComparer.Ordinal);
        // On both cores, in chunks of words, as the inflections and families below (related practices are found on a thread
        // of their own meanwhile, not on the pool: Pipeline.Stages.RelatedStage), each chunk's results put in its place.
        var surfaceTerms = InChunks(sortedSurfaces, (words, from, to) =>
        {
            var terms = new string?[to - from][];
            for (var i = from; i < to; i++) terms[i - from] = termsOf(words[i]);
            return terms;
        });
        for (var i = 0; i < sortedSurfaces.Length; i++) vocabulary[sortedSurfaces[i]] = surfaceTerms[i];
        // Every indexed term of the text fields, per language, with its largest document frequency.
        var indexed = DocFreqs(index.Reader, languages);
        // The marks of surfaces (generated, absent, common, family, display) are only ever looked up, never listed in order: hash
        // tables rather than trees, which the encoder copied into hash tables anyway (at 20,107 documents after an edit, the
        // families, the common words and the encoding of the entries took 90 ms instead of 230).
        var generated = new HashSet<string>(StringComparer.Ordinal);
        // The likely inflections are found from the surfaces and the indexed terms alone: the last lexicon's when both are the same.
        string? inflectionsKey = cache.Keeps ? FoundInflections.KeyOf(sortedSurfaces, indexed, languages) : null;
        // Per language, the terms that many documents hold: a few thousand, looked up for each of the vocabulary's words in a
        // table that small rather than in every indexed term's.
        var threshold = CommonDocuments(index.Reader.MaxDoc);
        var commonTerms = languages.Select(l => indexed[l].Where(t => t.Value >= threshold).Select(t => t.Key).ToHashSet(StringComparer.Ordinal)).ToArray();
        // How each surface is most often written, for every surface the text writes otherwise than as stored; those of the
        // vocabulary's words are its displays.
        var written = WrittenForms(forms, lexicon);
        var inputKey = inflectionsKey is { } found ? InputKeyOf(found, thesaurus, commonTerms, written) : null;
        if (inputKey is not null && outline?.Invoke(inputKey) is { } lastOutput)
        {
            // The last lexicon's, whose files the site keeps: what an export needs of it is made, no more. The analyses of the
            // words not looked up (the inflections', the thesaurus's) are not dropped as unused.
            analyses?.KeepUnused();
            return new QueryLexicon(vocabulary, [], new Lazy<IReadOnlyDictionary<string, int>>(() => throw OutlineError(nameof(Families))),
                new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new Dictionary<string, string>())
            {
                ContentSurfaces = surfaces,
                OutputKey = lastOutput,
                InputKey = inputKey,
                IsOutline = true,
            };
        }
        var inflections = cache.Inflections(inflectionsKey, () => Inflections(indexed, sortedSurfaces, languages, analyses));
        // The words of the vocabulary beyond the content's surfaces, which are in order already (OrderedWords): the inflections,
        // found in order, and the thesaurus's.
        var inflected = new List<string>(inflections.Count);
        // Grown once (the inflections are about three times the surfaces at 20,104 documents), not doubled as they come.
        vocabulary.EnsureCapacity(vocabulary.Count + inflections.Count);
        generated.EnsureCapacity(inflections.Count);
        foreach (var (surface, terms) in inflections)
            if (vocabulary.TryAdd(surface, terms))
            {
                generated.Add(surface);
                inflected.Add(surface);
            }
        var added = new List<string>();
        var absent = new HashSet<string>(StringComparer.Ordinal);

        // The thesaurus: each phrase analysed in its own language; its words (and their inflections that
        // keep the same term) join the vocabulary, so that a query word the content never uses still
        // reaches the concept.
        var phrases = new List<LexiconPhrase>();
        for (var c = 0; c < thesaurus.Concepts.Count; c++)
        {
            foreach (var term in thesaurus.Concepts[c].Terms)
            {
                var words = SearchAnalysis.Terms(SearchAnalysis.Surface, term.Text).Where(w => !SearchAnalysis.StopWords.Contains(w)).ToList();
                var analysed = words.Select(w => SearchAnalysis.TermOf(term.Language, w)).ToList();
                if (words.Count == 0 || analysed.Any(t => t is null)) continue;
                phrases.Add(new LexiconPhrase(c, term.Language, words, analysed!));
                for (var i = 0; i < words.Count; i++)
                {
                    if (vocabulary.TryAdd(words[i], termsOf(words[i])))
                    {
                        added.Add(words[i]);
                        if (!IsIndexed(vocabulary[words[i]])) absent.Add(words[i]);
                    }
                    foreach (var candidate in InflectionCandidates.Of(words[i]))
                        if (!vocabulary.ContainsKey(candidate) && SearchAnalysis.TermOf(term.Language, candidate) == analysed[i])
                        {
                            vocabulary[candidate] = termsOf(candidate);
                            added.Add(candidate);
                            generated.Add(candidate);
                            if (!IsIndexed(vocabulary[candidate])) absent.Add(candidate);
                        }
                }
            }
        }
        var common = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (surface, terms) in vocabulary)
            for (var l = 0; l < terms.Length; l++)
                if (terms[l] is { } term && commonTerms[l].Contains(term))
                {
                    common.Add(surface);
                    break;
                }
        var displays = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (surface, form) in written)
            if (vocabulary.ContainsKey(surface)) displays[surface] = form;
        var families = new Lazy<IReadOnlyDictionary<string, int>>(() => FamiliesOf([.. vocabulary.Keys], analyses));
        var ordered = new OrderedWords<string?[]>(vocabulary, sortedSurfaces, inflected, added);
        return new QueryLexicon(ordered, phrases, families, absent, common, generated, displays)
        {
            ContentSurfaces = surfaces,
            OutputKey = inflectionsKey is { } key ? OutputKeyOf(key, phrases, common, displays) : null,
            InputKey = inputKey,
        };

        bool IsIndexed(string?[] terms) => terms.Where((t, li) => t is not null && indexed[languages[li]].ContainsKey(t)).Any();
    }

    /// <summary>The <see cref="OutputKey"/> of a lexicon whose inflections had <paramref name="inflections"/>' key: the hash of
    /// the parts' JSON, the common words and the written forms in ordinal order.</summary>
    private static string OutputKeyOf(string inflections, List<LexiconPhrase> phrases, HashSet<string> common, Dictionary<string, string> displays) =>
        Hashing.ContentHash.OfJson(new
        {
            inflections,
            phrases,
            common = common.Order(StringComparer.Ordinal),
            displays = displays.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new[] { d.Key, d.Value }),
        });

    /// <summary>
    /// This lexicon with the words of <paramref name="documents"/> (an edit <c>ge serve</c> searches before the
    /// settling build makes the whole lexicon again): each surface they use that the vocabulary lacks joins it with
    /// its terms and family, and one that only the thesaurus brought is no longer absent. Which words are common
    /// and how words are written stay this lexicon's; the settling build's lexicon is exact.
    /// </summary>
    public QueryLexicon With(IReadOnlyList<SearchDocument> documents)
    {
        Whole();
        var added = new SortedSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in documents)
            foreach (var s in SurfacesIn(d))
                if (used.Add(s) && !Vocabulary.ContainsKey(s)) added.Add(s);
        // Layered over this lexicon's tables rather than copied: the added words are a few (LayeredWords).
        var vocabulary = new LayeredWords<string?[]>(Vocabulary, added.Select(s => KeyValuePair.Create(s, TermsOf(s))));
        // Worked out when first asked for, as this lexicon's are (a search that needs no family never asks), from this
        // lexicon's families alone: not from this lexicon, whose encoded entries (Entries, made by the export) the served
        // index would otherwise hold until its families were asked for.
        var baseFamilies = _families;
        var families = new Lazy<IReadOnlyDictionary<string, int>>(() => new LayeredWords<int>(baseFamilies.Value, FamiliesOf([.. added])));
        var absent = Absent.Where(s => !used.Contains(s)).ToHashSet(StringComparer.Ordinal);
        var surfaces = new LayeredWordSet(ContentSurfaces, added);
        return new QueryLexicon(vocabulary, Phrases, families, absent, Common, Generated, Displays) { ContentSurfaces = surfaces, Added = [.. added], ExtendsOne = Identity };
    }

    /// <summary>For a lexicon made by <see cref="With"/>: the surfaces it added to the one it was made from, sorted (a
    /// planner over that one is extended rather than made again). Empty for any other.</summary>
    public IReadOnlyList<string> Added { get; private init; } = [];

    /// <summary>This lexicon, as <see cref="ExtendsOne"/> names it (without keeping it alive).</summary>
    public object Identity { get; } = new();

    /// <summary>The <see cref="Identity"/> of the lexicon this one was made from by <see cref="With"/>; null for any other.</summary>
    public object? ExtendsOne { get; private init; }

    /// <summary>The surface forms of one document's searchable text (title, summary, body), in order.</summary>
    private static IEnumerable<string> SurfacesIn(SearchDocument d) =>
        TextsOf(d).SelectMany(text => SearchAnalysis.Terms(SearchAnalysis.Surface, text));

    /// <summary>A document's searchable text: its title as indexed, its summary and its body.</summary>
    private static string[] TextsOf(SearchDocument d) => [d.IndexedTitle, d.Summary, d.Body];

    /// <summary>Per language, each term's largest document frequency over the text fields (in each field, the sum of its
    /// segments').</summary>
    /// <remarks>Each segment's terms are read on their own and summed by term: a document frequency needs no merge of the
    /// segments' terms in order (<see cref="SegmentTerms.Walk"/> compares every segment's current term for each term, while a
    /// term of the vocabulary's long tail is in one or a few of the twenty segments of 20,000 documents: 0.21-0.34 s -> 0.10-0.17 s
    /// after an edit at 20,104 documents). A term is looked up by its characters, decoded into one
    /// buffer: a string is made once per term of the language.</remarks>
    private static Dictionary<string, Dictionary<string, int>> DocFreqs(IndexReader reader, IReadOnlyList<string> languages) =>
        languages.ToDictionary(l => l, l =>
        {
            var fields = SearchFields.TextFields.Select(f => SearchFields.For(f.Name, l)).ToArray();
            if (fields.Length > FieldFrequencies.Fields) throw new InvalidOperationException($"{fields.Length} text fields");
            var sums = new Dictionary<string, FieldFrequencies>(StringComparer.Ordinal);
            var lookup = sums.GetAlternateLookup<ReadOnlySpan<char>>();
            var chars = new char[256];
            foreach (var leaf in reader.Leaves)
                for (var f = 0; f < fields.Length; f++)
                {
                    if (leaf.AtomicReader.GetTerms(fields[f])?.GetEnumerator() is not { } terms) continue;
                    while (terms.MoveNext())
                    {
                        var text = SegmentTerms.Decode(terms.Term, ref chars);
                        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lookup, text, out _)[f] += terms.DocFreq;
                    }
                }
            var freqs = new Dictionary<string, int>(sums.Count, StringComparer.Ordinal);
            foreach (var (term, sum) in sums) freqs.Add(term, sum.Largest);
            return freqs;
        }, StringComparer.Ordinal);

    /// <summary>A term's document frequency in each text field of a language (title, summary, body).</summary>
    [System.Runtime.CompilerServices.InlineArray(Fields)]
    private struct FieldFrequencies
    {
        public const int Fields = 3;
        private int _first;

        public readonly int Largest
        {
            get
            {
                var largest = 0;
                foreach (var df in this) largest = Math.Max(largest, df);
                return largest;
            }
        }
    }

    /// <summary>
    /// The most frequent written form (lower case) of every surface that is never written as it is stored:
    /// <c>declaracao</c> → <c>declaração</c>, while <c>transparencia</c>, which Spanish writes so, keeps its
    /// form. Ties go to the ordinally first form. From the forms of the documents and the thesaurus as
    /// <see cref="LexiconCache.Merge"/> summed them (a surface any of them writes as stored is marked so for this lexicon).
    /// </summary>
    private static Dictionary<string, string> WrittenForms(Dictionary<(LexiconCache.Word Surface, LexiconCache.Word Form), int> forms, int lexicon)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in forms.Where(f => f.Key.Surface.WrittenPlain != lexicon).GroupBy(f => f.Key.Surface.Text))
            written[group.Key] = group.OrderByDescending(f => f.Value).ThenBy(f => f.Key.Form.Text, StringComparer.Ordinal).First().Key.Form.Text;
        return written;
    }

    /// <summary>The <see cref="InputKey"/> of a lexicon: the key of its inflections (the content's surfaces and the indexed terms,
    /// from which the vocabulary, its terms and the absent words follow with the thesaurus), the thesaurus's phrases as written,
    /// the terms many documents hold (the common words follow), and how the text writes its words (the displays follow).</summary>
    private static string InputKeyOf(string inflections, Thesaurus thesaurus, HashSet<string>[] commonTerms, Dictionary<string, string> written) =>
        Hashing.ContentHash.OfJson(new
        {
            inflections,
            thesaurus = thesaurus.Concepts.Select(c => c.Terms.Select(t => new[] { t.Language, t.Text })),
            common = commonTerms.Select(terms => terms.Order(StringComparer.Ordinal)),
            written = written.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new[] { w.Key, w.Value }),
        });

    /// <summary>A word that is not ASCII as the lexicon stores it (folded) and as it is written (lower case, typographic
    /// apostrophe as ASCII).</summary>
    internal static (string Surface, string Form) WrittenForm(string word) => (Folding.Fold(word), word.Replace('’', '\'').ToLowerInvariant());

    /// <summary>The family key length of every surface that has one (<see cref="Families"/>).</summary>
    /// <param name="analyses">The families earlier lexicons worked out (null: each is worked out).</param>
    private static Dictionary<string, int> FamiliesOf(string[] surfaces, WordAnalyses? analyses = null)
    {
        // A chunk's stemmers are its own (a Snowball stemmer keeps the word it stems).
        var lengths = InChunks(surfaces, (words, from, to) =>
        {
            var stemmers = new Lucene.Net.Tartarus.Snowball.SnowballProgram[]
            {
                new Lucene.Net.Tartarus.Snowball.Ext.SpanishStemmer(),
                new Lucene.Net.Tartarus.Snowball.Ext.PortugueseStemmer(),
                new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer(),
            };
            var found = new int[to - from];
            Func<string, int> family = word => FamilyKeyLength(word, stemmers);
            for (var i = from; i < to; i++) found[i - from] = analyses is null ? family(words[i]) : analyses.FamilyOf(words[i], TermsOf, family);
            return found;
        });
        var families = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < surfaces.Length; i++)
            if (lengths[i] > 0) families[surfaces[i]] = lengths[i];
        return families;
    }

    /// <summary>Sorted words without the repeats (the merge gives each word once; this makes sure of it).</summary>
    private static string[] Distinct(string[] sorted)
    {
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
            if (kept == 0 || !string.Equals(sorted[kept - 1], sorted[i], StringComparison.Ordinal)) sorted[kept++] = sorted[i];
        return kept == sorted.Length ? sorted : sorted[..kept];
    }

    /// <summary>Words a chunk at a time, on every core: what <paramref name="work"/> makes of each chunk [from, to), joined
    /// in the words' order (the same whatever the number of threads).</summary>
    private static T[] InChunks<T>(string[] words, Func<string[], int, int, T[]> work)
    {
        const int Chunk = 4096;
        var parts = new T[(words.Length + Chunk - 1) / Chunk][];
        Parallel.For(0, parts.Length, c => parts[c] = work(words, c * Chunk, Math.Min(words.Length, (c + 1) * Chunk)));
        var all = new T[words.Length];
        for (var c = 0; c < parts.Length; c++) parts[c].CopyTo(all, c * Chunk);
        return all;
    }

    /// <summary>The family key's length of a surface (0 when it has none), by the three Snowball stemmers given.</summary>
    private static int FamilyKeyLength(string surface, Lucene.Net.Tartarus.Snowball.SnowballProgram[] stemmers)
    {
        var key = surface.Length;
        foreach (var stemmer in stemmers)
        {
            stemmer.SetCurrent(surface);
            stemmer.Stem();
            var stem = stemmer.Current;
            var common = 0;
            while (common < stem.Length && common < surface.Length && stem[common] == surface[common]) common++;
            key = Math.Min(key, common);
        }
        return key >= MinFamilyKey && key < surface.Length ? key : 0;
    }

    private static string?[] TermsOf(string surface)
    {
        var languages = Schema.Vocabulary.Languages;
        var terms = new string?[languages.Count];
        for (var l = 0; l < terms.Length; l++) terms[l] = SearchAnalysis.TermOf(languages[l], surface);
        return terms;
    }

    /// <summary>
    /// Likely inflections of the content's words (<paramref name="surfaces"/>, sorted) that Lucene maps to a term present
    /// in the index, with Lucene's term in every language, in order.
    /// </summary>
    private static List<KeyValuePair<string, string?[]>> Inflections(Dictionary<string, Dictionary<string, int>> indexed, string[] surfaces,
        IReadOnlyList<string> languages, WordAnalyses? analyses)
    {
        var words = surfaces.Where(s => !SearchAnalysis.StopWords.Contains(s)).ToArray();
        var content = surfaces.ToHashSet(StringComparer.Ordinal);
        var indexedIn = languages.Select(l => indexed[l].GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        // Each word's inflections, a chunk of words per thread, joined in the words' order.
        var inContent = content.GetAlternateLookup<ReadOnlySpan<char>>();
        var perWord = InChunks(words, (chunk, from, to) =>
        {
            var made = new List<KeyValuePair<string, string?[]>>?[to - from];
            // Each word's candidates are written into one buffer rather than made into strings: a string is made for a
            // candidate only when it is kept (a few thousand of 320,000 at 20,107 documents).
            var buffer = new char[256];
            var ends = new int[InflectionCandidates.MostCandidates];
            for (var w = from; w < to; w++)
            {
                var count = InflectionCandidates.Write(chunk[w], ref buffer, ends);
                for (var k = 0; k < count; k++)
                {
                    var candidate = Candidate(buffer, ends, k);
                    if (SeenBefore(buffer, ends, k, candidate) || inContent.Contains(candidate)) continue;
                    string? text;
                    string?[]? terms;
                    if (analyses is null) terms = WordAnalyses.AnalysedIfIndexed(candidate, TermsOf, SearchAnalysis.TryTermsOf, indexedIn, out text);
                    else terms = analyses.TermsIfIndexed(candidate, TermsOf, indexedIn, out text, SearchAnalysis.TryTermsOf);
                    if (terms is not null) (made[w - from] ??= []).Add(KeyValuePair.Create(text!, terms));
                }
            }
            return made;
        });
        // The k-th candidate InflectionCandidates.Write put in the buffer.
        static ReadOnlySpan<char> Candidate(char[] buffer, int[] ends, int k) => buffer.AsSpan((k == 0 ? 0 : ends[k - 1])..ends[k]);
        // Whether one of the word's candidates before the k-th is the same (a word's candidates are a few dozen at most).
        static bool SeenBefore(char[] buffer, int[] ends, int k, ReadOnlySpan<char> candidate)
        {
            for (var j = 0; j < k; j++)
                if (Candidate(buffer, ends, j).SequenceEqual(candidate)) return true;
            return false;
        }
        var found = new List<KeyValuePair<string, string?[]>>();
        foreach (var inflections in perWord)
            if (inflections is not null) found.AddRange(inflections);
        // In order, as the vocabulary lists them (OrderedWords merges them in): found once, and kept in the build cache so. A word
        // found twice has the same terms either time (they are its own), so the order of equals does not matter.
        found.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return found;
    }

    /// <summary>
    /// Encodes vocabulary entries, given each surface with its terms, in their compact form: one term when all languages
    /// agree, else "es|pt|en"; then "#" and the family key's length when the surface has a family; "!" last when it is
    /// <see cref="Absent"/>, then "~" when it is <see cref="Generated"/>, "+" when it is <see cref="Common"/>, "*" when it
    /// is one of the <see cref="PhraseWords"/>, "@" and its written form last when it has one (<see cref="Displays"/>).
    /// </summary>
    /// <remarks>Made for a pass over the whole vocabulary (the browser's vocabulary shards, <c>lexicon.json</c>): the sets
    /// and maps it reads are hash tables (copied into ones if they are not: a look-up in a tree walks down it, six per
    /// surface, 108,471 surfaces at 20,107 documents).</remarks>
    public Func<string, string?[], string> Encoder()
    {
        var families = Hashed(Families);
        var absent = Hashed(Absent);
        var generated = Hashed(Generated);
        var common = Hashed(Common);
        var displays = Hashed(Displays);
        var phraseWords = PhraseWords;
        return (surface, terms) =>
        {
            var same = terms[0] is not null;
            for (var l = 1; same && l < terms.Length; l++) same = terms[l] == terms[0];
            // Written into one buffer (an entry is a few dozen characters) rather than joined and appended to string by string:
            // at 20,107 documents, 108,471 entries made half a million strings that were garbage at once.
            var text = t_entry ??= new System.Text.StringBuilder();
            text.Clear();
            if (same) text.Append(terms[0]);
            else
                for (var l = 0; l < terms.Length; l++)
                {
                    if (l > 0) text.Append('|');
                    text.Append(terms[l]);
                }
            if (families.TryGetValue(surface, out var family)) text.Append('#').Append(family.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (absent.Contains(surface)) text.Append('!');
            if (generated.Contains(surface)) text.Append('~');
            if (common.Contains(surface)) text.Append('+');
            if (phraseWords.Contains(surface)) text.Append('*');
            if (displays.TryGetValue(surface, out var display)) text.Append('@').Append(display);
            return text.ToString();
        };
    }

    /// <summary>The set as an ordinal hash table: itself when it is one, else a copy.</summary>
    private static HashSet<string> Hashed(IReadOnlySet<string> set) =>
        set is HashSet<string> hashed && ReferenceEquals(hashed.Comparer, StringComparer.Ordinal) ? hashed : set.ToHashSet(StringComparer.Ordinal);

    /// <summary>The map as an ordinal hash table: itself when it is one, else a copy.</summary>
    private static Dictionary<string, TValue> Hashed<TValue>(IReadOnlyDictionary<string, TValue> map) =>
        map is Dictionary<string, TValue> hashed && ReferenceEquals(hashed.Comparer, StringComparer.Ordinal) ? hashed : map.ToDictionary(StringComparer.Ordinal);

    /// <summary>The buffer each thread encodes its entries in (<see cref="Encoder"/>).</summary>
    [ThreadStatic]
    private static System.Text.StringBuilder? t_entry;

    /// <summary>The inverse of <see cref="Encoder"/>: the terms, the family key length (0 for none), whether absent, whether common.</summary>
    public static (string?[] Terms, int Family, bool Absent, bool Common, bool Generated, string? Display) Decode(string entry)
    {
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        var display = at < 0 ? null : entry[(at + 1)..];
        if (at >= 0) entry = entry[..at];
        if (entry.EndsWith('*')) entry = entry[..^1]; // a phrase word: known again from the phrases
        var common = entry.EndsWith('+');
        if (common) entry = entry[..^1];
        var generated = entry.EndsWith('~');
        if (generated) entry = entry[..^1];
        var absent = entry.EndsWith('!');
        if (absent) entry = entry[..^1];
        var hash = entry.IndexOf('#', StringComparison.Ordinal);
        var family = hash < 0 ? 0 : int.Parse(entry.AsSpan(hash + 1), System.Globalization.CultureInfo.InvariantCulture);
        if (hash >= 0) entry = entry[..hash];
        var terms = entry.Contains('|', StringComparison.Ordinal)
            ? entry.Split('|').Select(t => t.Length == 0 ? null : t).ToArray()
            : Schema.Vocabulary.Languages.Select(_ => (string?)entry).ToArray();
        return (terms, family, absent, common, generated, display);
    }

    /// <summary>The thesaurus as the CLI reads it: [concept, language, "words", "terms"], the terms left out when they are the words.</summary>
    public JsonArray PhrasesJson() => new(Phrases.Select(Phrase).ToArray());

    private static JsonNode Phrase(LexiconPhrase p)
    {
        var words = string.Join(' ', p.Words);
        var terms = string.Join(' ', p.Terms);
        return words == terms ? new JsonArray(p.Concept, p.Language, words) : new JsonArray(p.Concept, p.Language, words, terms);
    }

    /// <summary>
    /// The phrases a vocabulary shard carries for the browser, under the key "": [index, concept, language,
    /// "words", "terms"?] for every phrase of every concept that has a phrase whose first term is the term,
    /// in that phrase's language, of a surface of the shard — so a query word always finds, in its own
    /// shard, the phrases it can begin and all the names of their concepts. <paramref name="shardOf"/>
    /// gives the shard of each surface.
    /// </summary>
    public Dictionary<string, JsonArray> PhrasesByShard(Func<string, string> shardOf)
    {
        Whole();
        var startsBy = new Dictionary<(string Language, string Term), List<int>>();
        for (var i = 0; i < Phrases.Count; i++)
        {
            var key = (Phrases[i].Language, Phrases[i].Terms[0]);
            (startsBy.TryGetValue(key, out var list) ? list : startsBy[key] = []).Add(Phrases[i].Concept);
        }
        var languages = Schema.Vocabulary.Languages;
        var conceptsByShard = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var (surface, terms) in Vocabulary)
            for (var l = 0; l < languages.Count; l++)
                if (terms[l] is { } term && startsBy.TryGetValue((languages[l], term), out var concepts))
                {
                    var shard = shardOf(surface);
                    (conceptsByShard.TryGetValue(shard, out var set) ? set : conceptsByShard[shard] = []).UnionWith(concepts);
                }
        var result = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (shard, concepts) in conceptsByShard)
        {
            var array = new JsonArray();
            for (var i = 0; i < Phrases.Count; i++)
                if (concepts.Contains(Phrases[i].Concept))
                {
                    var phrase = Phrase(Phrases[i]).AsArray();
                    phrase.Insert(0, i);
                    array.Add(phrase);
                }
            result[shard] = array;
        }
        return result;
    }

    /// <summary>The whole lexicon as JSON, written beside the Lucene index for the CLI.</summary>
    /// <remarks>Written straight to the bytes, as serialising a tree of every entry wrote them (the default encoder), without
    /// the tree: 108,471 entries at 20,107 documents; in chunks (<see cref="Site.ChunkedBytes"/>: 28 MB at 20,104 documents of a
    /// real collection's vocabulary, made while the build's memory is at its peak).</remarks>
    public byte[] ToJson()
    {
        Whole();
        var json = new Site.ChunkedBytes();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("vocabulary");
            foreach (var (surface, entry) in Entries) writer.WriteString(surface, entry);
            writer.WriteEndObject();
            writer.WritePropertyName("phrases");
            PhrasesJson().WriteTo(writer);
            writer.WriteEndObject();
        }
        return json.ToArray();
    }

    /// <summary>Every surface of the vocabulary with its entry as <see cref="Encoder"/> encodes it, in the vocabulary's order:
    /// encoded once, on both cores, for <c>lexicon.json</c> and the browser's vocabulary shards (each encoded all 108,471
    /// entries on its own at 20,107 documents).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries
    {
        get
        {
            Whole();
            return _entries ??= EncodeAll();
        }
    }

    private KeyValuePair<string, string>[]? _entries;

    private KeyValuePair<string, string>[] EncodeAll()
    {
        var pairs = Vocabulary.ToArray();
        var surfaces = Array.ConvertAll(pairs, p => p.Key);
        var encode = Encoder();
        var encoded = InChunks(surfaces, (words, from, to) =>
        {
            var chunk = new KeyValuePair<string, string>[to - from];
            for (var i = from; i < to; i++) chunk[i - from] = KeyValuePair.Create(words[i], encode(words[i], pairs[i].Value));
            return chunk;
        });
        return encoded;
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static QueryLexicon FromJson(byte[] json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var vocabulary = new SortedDictionary<string, string?[]>(StringComparer.Ordinal);
        var families = new Dictionary<string, int>(StringComparer.Ordinal);
        var absent = new HashSet<string>(StringComparer.Ordinal);
        var common = new HashSet<string>(StringComparer.Ordinal);
        var generated = new HashSet<string>(StringComparer.Ordinal);
        var displays = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (surface, entry) in root["vocabulary"]!.AsObject())
        {
            var (terms, family, isAbsent, isCommon, isGenerated, display) = Decode(entry!.GetValue<string>());
            if (display is not null) displays[surface] = display;
            if (isGenerated) generated.Add(surface);
            vocabulary[surface] = terms;
            if (family > 0) families[surface] = family;
            if (isAbsent) absent.Add(surface);
            if (isCommon) common.Add(surface);
        }
        var phrases = root["phrases"]!.AsArray().Select(p => p!.AsArray()).Select(p => new LexiconPhrase(
            p[0]!.GetValue<int>(), p[1]!.GetValue<string>(), p[2]!.GetValue<string>().Split(' '), p[p.Count > 3 ? 3 : 2]!.GetValue<string>().Split(' '))).ToList();
        return new QueryLexicon(vocabulary, phrases, families, absent, common, generated, displays);
    }
}
