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
