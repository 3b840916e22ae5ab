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

    /// <summary>Adds the terms <paramref name="analyzer"/> makes of <paramref name="text"/> to a set, looking each up in the
    /// analyser's own buffer: a term the set has makes no string (tens of millions of words at 20,000 documents).</summary>
    public static void AddTerms(Analyzer analyzer, string text, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> into) =>
        AddTerms(analyzer.GetTokenStream("text", text), into);

    /// <summary>The same, of text held in a buffer (<paramref name="length"/> characters of <paramref name="text"/>).</summary>
    public static void AddTerms(Analyzer analyzer, char[] text, int length, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> into) =>
        AddTerms(analyzer.GetTokenStream("text", new CharsReader(text, length)), into);

    private static void AddTerms(TokenStream tokens, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> into)
    {
        using var stream = tokens;
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) into.Add(term.Buffer.AsSpan(0, term.Length));
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
    public static string? TermOf(string language, string surface)
    {
        var terms = Terms(For(language), surface);
        return terms.Count == 1 ? terms[0] : null;
    }

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
