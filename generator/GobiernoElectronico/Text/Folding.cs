using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GobiernoElectronico.Text;

/// <summary>How words are compared across the site: the one folding used by the search (index, browser, thesaurus)
/// and by the slugs of new documents.</summary>
public static partial class Folding
{
    /// <summary>A word: letters and digits, with inner apostrophes or periods (as Unicode word boundaries keep them).</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*")]
    public static partial Regex WordPattern();

    /// <summary>
    /// The words of <paramref name="text"/> as <see cref="WordPattern"/> finds them (the same matches, one after another),
    /// scanned by hand: the lexicon reads every word of the corpus this way (tens of millions at 20,000 documents), and
    /// the regular expression cost a third of that reading.
    /// </summary>
    public static WordEnumerator Words(ReadOnlySpan<char> text) => new(text);

    /// <summary>A letter or a number as the pattern's <c>[\p{L}\p{N}]</c> takes it (one UTF-16 unit at a time).</summary>
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && (char.IsLetter(c) || char.IsNumber(c)));

    /// <summary>The matches of <see cref="Words"/>: <see cref="Current"/> is the start and length of each word.</summary>
    public ref struct WordEnumerator(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;

        public (int Index, int Length) Current { get; private set; }

        public readonly WordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var text = _text;
            var i = _next;
            while (i < text.Length && !IsWordChar(text[i])) i++;
            if (i >= text.Length)
            {
                _next = text.Length;
                return false;
            }
            var start = i;
            while (true)
            {
                while (i < text.Length && IsWordChar(text[i])) i++;
                // An inner apostrophe or period continues the word only when a letter or number follows it.
                if (i + 1 < text.Length && text[i] is '\'' or '’' or '.' && IsWordChar(text[i + 1])) i++;
                else break;
            }
            Current = (start, i - start);
            _next = i;
            return true;
        }
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
