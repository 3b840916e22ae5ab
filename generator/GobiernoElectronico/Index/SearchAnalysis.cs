using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace GobiernoElectronico.Index;

/// <summary>
/// All text analysis of the knowledge base, in one place. Each language has the chain
/// StandardTokenizer → (English: possessive) → lower case → ASCII folding → stop words → light stemmer
/// (Spanish and Portuguese light stemmers, Porter for English). The stop words are the union of the three
/// languages' lists, folded, so that a word like "en" or "de" never becomes a required term in a language
/// where it is not a stop word. The browser never analyses text: it receives the results of this analysis.
/// </summary>
public static class SearchAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Union of the Spanish, Portuguese and English stop words, lower case and folded.</summary>
    public static readonly CharArraySet StopWords = BuildStopWords();

    private static readonly Dictionary<string, Analyzer> ByLanguage = Schema.Vocabulary.Languages.ToDictionary(l => l, l => (Analyzer)new LanguageAnalyzer(l));

    /// <summary>Tokenizer, lower case and folding only: the "surface forms" the vocabulary maps from.</summary>
    public static readonly Analyzer Surface = new LanguageAnalyzer(null);

    /// <summary>The analyzer of a language.</summary>
    public static Analyzer For(string language) => ByLanguage[language];

    /// <summary>One analyzer for the whole index: each physical text field uses its language's chain.</summary>
    public static Analyzer PerField() => new PerFieldAnalyzerWrapper(For("es"),
        SearchFields.PhysicalTextFields.ToDictionary(f => f, f => For(SearchFields.Split(f)!.Value.Language)));

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/>, in order.</summary>
    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var result = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) result.Add(term.ToString());
        stream.End();
        return result;
    }

    /// <summary>What <see cref="EachTerm{TState}(Analyzer, string, TState, TermAction{TState})"/> does with each term (its
    /// characters, in the analyser's own buffer).</summary>
    public delegate void TermAction<in TState>(ReadOnlySpan<char> term, TState state);

    /// <summary>Calls <paramref name="each"/> with every term <paramref name="analyzer"/> makes of <paramref name="text"/>, in
    /// order, without making a string of it.</summary>
    public static void EachTerm<TState>(Analyzer analyzer, string text, TState state, TermAction<TState> each) =>
        EachTerm(analyzer.GetTokenStream("text", text), state, each);

    /// <summary>The same, of text held in a buffer (<paramref name="length"/> characters of <paramref name="text"/>).</summary>
    public static void EachTerm<TState>(Analyzer analyzer, char[] text, int length, TState state, TermAction<TState> each) =>
        EachTerm(analyzer.GetTokenStream("text", new CharsReader(text, length)), state, each);

    private static void EachTerm<TState>(TokenStream tokens, TState state, TermAction<TState> each)
    {
        using var stream = tokens;
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) each(term.Buffer.AsSpan(0, term.Length), state);
        stream.End();
    }

    /// <summary>A reader of the first characters of a buffer (the analysers read text through a <see cref="TextReader"/>).</summary>
    private sealed class CharsReader(char[] text, int length) : TextReader
    {
        private int _at;

        public override int Peek() => _at < length ? text[_at] : -1;

        public override int Read() => _at < length ? text[_at++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, length - _at);
            if (n <= 0) return 0;
            Array.Copy(text, _at, buffer, index, n);
            _at += n;
            return n;
        }

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, length - _at);
            if (n <= 0) return 0;
            text.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
    }

    /// <summary>
    /// The indexed term of one surface form in one language, or null for a stop word. Used to build the
    /// browser's vocabulary (surface → term per language).
    /// </summary>
    /// <remarks>A word of lower-case ASCII letters (most surfaces, and every likely inflection the lexicon proposes of
    /// one) goes through the language's chain unchanged up to its stop filter and stemmer, which are applied directly: the
    /// chain as a whole cost three times as much, and the lexicon analyses hundreds of thousands of words in three
    /// languages. <see cref="AnalysedTermOf"/> is the whole chain, for any word; a test holds the two equal.</remarks>
    public static string? TermOf(string language, string surface)
    {
        if (surface.Length is 0 or > MaxTokenLength || surface.AsSpan().ContainsAnyExceptInRange('a', 'z')) return AnalysedTermOf(language, surface);
        if (StopWords.Contains(surface)) return null;
        if (!TryStemPlain(language, surface, out var term)) return AnalysedTermOf(language, surface);
        return term.SequenceEqual(surface) ? surface : new string(term);
    }

    /// <summary>The term of a plain word (lower-case ASCII letters, at most a token long, not a stop word) in a language whose chain
    /// leaves such a word as it is up to its stemmer: the stemmer applied directly, the term in a buffer of the thread's (valid
    /// until the next call). False for a language without one here.</summary>
    private static bool TryStemPlain(string language, ReadOnlySpan<char> word, out ReadOnlySpan<char> term)
    {
        switch (language)
        {
            case "es":
            case "pt":
                var buffer = t_stem ??= new char[MaxTokenLength];
                word.CopyTo(buffer);
                term = buffer.AsSpan(0, language == "es" ? Spanish.Stem(buffer, word.Length) : Portuguese.Stem(buffer, word.Length));
                return true;
            case "en":
                term = (t_english ??= new EnglishStemmer()).Stem(word);
                return true;
            default:
                term = default;
                return false;
        }
    }

    /// <summary>
    /// A word's term in every language (<see cref="Schema.Vocabulary.Languages"/> order), as <see cref="TermOf"/> gives them, written one
    /// after another into <paramref name="terms"/> (made larger when it is too small) without a string each: <paramref name="places"/>
    /// holds per language the term's start and length there (length -1: a stop word). False, with nothing written, for a word
    /// <see cref="TermOf"/> gives to the whole chain (any but lower-case ASCII letters, or longer than a token): the caller asks it.
    /// </summary>
    /// <remarks>The lexicon analyses its 1.7 million likely inflections at 20,104 documents so, of which it keeps a quarter: as strings,
    /// each was a string of the word, an array and up to three strings of terms, garbage at once for most.</remarks>
    public static bool TryTermsOf(ReadOnlySpan<char> word, ref char[] terms, Span<int> places)
    {
        if (word.Length is 0 or > MaxTokenLength || word.ContainsAnyExceptInRange('a', 'z')) return false;
        var languages = Schema.Vocabulary.Languages;
        var stem = t_stem ??= new char[MaxTokenLength];
        word.CopyTo(stem);
        if (StopWords.Contains(stem, 0, word.Length))
        {
            for (var l = 0; l < languages.Count; l++) (places[2 * l], places[2 * l + 1]) = (0, -1);
            return true;
        }
        var at = 0;
        for (var l = 0; l < languages.Count; l++)
        {
            if (!TryStemPlain(languages[l], word, out var term)) return false;
            if (terms.Length < at + term.Length) Array.Resize(ref terms, Math.Max(terms.Length * 2, at + term.Length));
            term.CopyTo(terms.AsSpan(at));
            (places[2 * l], places[2 * l + 1]) = (at, term.Length);
            at += term.Length;
        }
        return true;
    }

    /// <summary>The English chain's stemmer alone, for a word its earlier filters leave as it is: Lucene's Porter stemmer, reached
    /// only through its filter, over a source that gives one word (without a reader, a token stream looked up per word, or a
    /// string).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per thread for the process's life; its token streams hold no resource (no reader, no file).")]
    private sealed class EnglishStemmer
    {
        private readonly OneWord _source = new();
        private readonly TokenStream _stemmed;
        private readonly ICharTermAttribute _term;

        public EnglishStemmer()
        {
            _stemmed = new PorterStemFilter(_source);
            _term = _source.AddAttribute<ICharTermAttribute>();
        }

        /// <summary>The word's stem, in the term's own buffer (valid until the next word).</summary>
        public ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
        {
            _source.ClearAttributes();
            _term.SetEmpty();
            _term.ResizeBuffer(word.Length);
            word.CopyTo(_term.Buffer);
            _term.Length = word.Length;
            _source.Given = true;
            if (!_stemmed.IncrementToken()) throw new InvalidOperationException("the stemmer gave no token");
            return _term.Buffer.AsSpan(0, _term.Length);
        }

        /// <summary>A token stream of the one word its term holds once <see cref="Given"/>.</summary>
        private sealed class OneWord : TokenStream
        {
            public bool Given;

            public override bool IncrementToken()
            {
                if (!Given) return false;
                Given = false;
                return true;
            }
        }
    }

    [ThreadStatic]
    private static EnglishStemmer? t_english;

    /// <summary>The indexed term of one surface form in one language by the language's whole chain, or null for a stop word.</summary>
    internal static string? AnalysedTermOf(string language, string surface)
    {
        var terms = Terms(For(language), surface);
        return terms.Count == 1 ? terms[0] : null;
    }

    /// <summary>The standard tokenizer's longest token: a longer word is cut in two.</summary>
    private const int MaxTokenLength = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

    private static readonly SpanishLightStemmer Spanish = new();
    private static readonly PortugueseLightStemmer Portuguese = new();

    [ThreadStatic]
    private static char[]? t_stem;

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 256, ignoreCase: false);
        foreach (var word in SpanishAnalyzer.DefaultStopSet.Concat(PortugueseAnalyzer.DefaultStopSet).Concat(EnglishAnalyzer.DefaultStopSet))
        {
            foreach (var folded in Terms(new LanguageAnalyzer(null), word.ToString()!)) set.Add(folded);
        }
        return set.AsReadOnly();
    }

    /// <summary>The per-language chain; with a null language, the surface chain (no stop words, no stemming).</summary>
    private sealed class LanguageAnalyzer(string? language) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = source;
            if (language == "en") stream = new EnglishPossessiveFilter(Version, stream);
            stream = new InvariantLowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            if (language is null) return new TokenStreamComponents(source, stream);
            stream = new StopFilter(Version, stream, StopWords);
            stream = language switch
            {
                "es" => new SpanishLightStemFilter(stream),
                "pt" => new PortugueseLightStemFilter(stream),
                "en" => new PorterStemFilter(stream),
                _ => throw new InvalidOperationException($"no analyzer for language {language}"),
            };
            return new TokenStreamComponents(source, stream);
        }
    }
}
