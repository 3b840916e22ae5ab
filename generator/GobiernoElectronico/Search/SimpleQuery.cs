using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GobiernoElectronico.Search;

/// <summary>One word of a simple query: its folded surface form, whether it excludes, and its field if restricted.</summary>
public sealed record QueryWord(string Surface, bool Exclude, string? Field);

/// <summary>
/// The query language the CLI and the browser share: words (all must match), <c>-word</c> (must not match),
/// and <c>title:</c>, <c>summary:</c>, <c>body:</c> before a word. Words are split and folded the same way in
/// C# and in <c>search.js</c>. Anything else (phrases, fuzzy <c>~</c>, wildcards, <c>AND</c>/<c>OR</c>, facet
/// fields, parentheses) is Lucene query syntax, which the CLI supports in full.
/// </summary>
public static partial class SimpleQuery
{
    /// <summary>A word: letters and digits, with inner apostrophes or periods (as Unicode word boundaries keep them).</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(-)?(?:(title|summary|body):)?([^\s""~*?()\[\]{}^\\:+!&|/]+)$")]
    private static partial Regex TokenPattern();

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "&&", "||" };

    /// <summary>The words of <paramref name="query"/> if it is a simple query; null if it uses Lucene syntax.</summary>
    public static IReadOnlyList<QueryWord>? Parse(string query)
    {
        var words = new List<QueryWord>();
        foreach (var token in query.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Operators.Contains(token)) return null;
            var m = TokenPattern().Match(token);
            if (!m.Success) return null;
            var field = m.Groups[2].Success ? m.Groups[2].Value : null;
            foreach (Match w in WordPattern().Matches(m.Groups[3].Value))
                words.Add(new QueryWord(Fold(w.Value), m.Groups[1].Success, field));
        }
        return words;
    }

    /// <summary>Lower case without diacritics, typographic apostrophe as ASCII: how surface forms are stored.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Replace('’', '\'').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }
}
