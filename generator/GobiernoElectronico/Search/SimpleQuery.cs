using System.Text.RegularExpressions;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Search;

/// <summary>One word of a simple query: its folded surface form, whether it excludes, and its field if restricted.</summary>
public sealed record QueryWord(string Surface, bool Exclude, string? Field);

/// <summary>
/// The query language the CLI and the browser share. A query is text: its words (letters and digits) are
/// what counts, and punctuation (<c>¿?¡!/.,;()</c>) is ignored, so that a question or <c>decreto 117/2016</c>
/// is just its words. <c>-word</c> excludes, and <c>title:</c>, <c>summary:</c>, <c>body:</c> before a word
/// restrict it to one field. Lucene's full syntax is used only when the query clearly asks for it: AND, OR,
/// NOT, &amp;&amp;, ||, a quoted phrase, <c>+word</c>, <c>word~</c> (fuzzy), <c>word*</c> or <c>w?rd</c>
/// (wildcards), <c>word^2</c> (boost), or a facet field (<c>country:BO</c>); the CLI supports it in full.
/// Words are split and folded the same way in C# and in <c>search.js</c>.
/// </summary>
public static partial class SimpleQuery
{
    [GeneratedRegex(@"^(-(?=.))?(?:(title|summary|body):)?(.*)$", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();

    /// <summary>What only Lucene's syntax means: fuzzy, wildcard and boost marks on a word, a facet field.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}](~|\*|\^\d)|[\p{L}\p{N}]\?[\p{L}\p{N}]|(^|\s)\+[\p{L}\p{N}""(]|(^|[\s(])(type|country|pillar|relation|level|sector|status|year|language):")]
    private static partial Regex SyntaxPattern();

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "&&", "||" };

    /// <summary>True when <paramref name="query"/> uses Lucene's syntax rather than the simple language.</summary>
    public static bool UsesSyntax(string query) =>
        query.Contains('"', StringComparison.Ordinal) || SyntaxPattern().IsMatch(query)
        || query.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Any(Operators.Contains);


    /// <summary>The words of <paramref name="query"/> if it is a simple query; null if it uses Lucene syntax.</summary>
    public static IReadOnlyList<QueryWord>? Parse(string query)
    {
        if (UsesSyntax(query)) return null;
        var words = new List<QueryWord>();
        foreach (var token in query.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var m = TokenPattern().Match(token);
            var field = m.Groups[2].Success ? m.Groups[2].Value : null;
            foreach (Match w in Folding.WordPattern().Matches(m.Groups[3].Value))
                words.Add(new QueryWord(Folding.Fold(w.Value), m.Groups[1].Success, field));
        }
        return words;
    }
}
