namespace GobiernoElectronico.Index;

/// <summary>
/// Proposes likely inflections of a word (plural ↔ singular, gender, English -ed/-ing) so that the browser's
/// vocabulary also knows words the content does not use verbatim: "bibliotecas" when the content only says
/// "biblioteca". These are only proposals: each is analysed by Lucene, and kept only if Lucene maps it to a
/// term that is in the index (see <see cref="BrowserIndexExport"/>). The browser therefore never stems; it
/// looks up what Lucene said.
/// </summary>
public static class InflectionCandidates
{
    private static readonly string[] Suffixes = ["s", "es", "a", "as", "o", "os", "is", "ns", "ed", "ing", "ies"];

    /// <summary>Ending → endings it alternates with (folded forms: ões → oes, ão → ao).</summary>
    private static readonly (string From, string[] To)[] Alternations =
    [
        ("es", [""]), ("s", [""]), ("as", ["a", "o", "os"]), ("os", ["o", "a", "as"]), ("a", ["o", "as", "os"]), ("o", ["a", "os", "as"]),
        ("al", ["ais", "ales"]), ("ais", ["al"]), ("ales", ["al"]), ("el", ["eis", "eles"]), ("eis", ["el"]),
        ("ao", ["oes", "aos", "aes"]), ("oes", ["ao"]), ("m", ["ns"]), ("ns", ["m"]), ("z", ["ces"]), ("ces", ["z"]),
        ("ion", ["iones"]), ("iones", ["ion"]), ("y", ["ies"]), ("ies", ["y"]), ("e", ["es", "ed", "ing"]), ("ed", ["", "e"]), ("ing", ["", "e"]),
    ];

    /// <summary>The most candidates a word can have: every suffix, and every alternation's endings.</summary>
    public static readonly int MostCandidates = Suffixes.Length + Alternations.Sum(a => a.To.Length);

    /// <summary>
    /// <see cref="Of"/>'s candidates, in its order, written one after another into <paramref name="buffer"/> (made larger when
    /// it is too small) without a string each: candidate <c>k</c> ends at <c>ends[k]</c> and starts where the one before it
    /// ends. Returns how many there are. <paramref name="ends"/> holds at least <see cref="MostCandidates"/>.
    /// </summary>
    public static int Write(string word, ref char[] buffer, int[] ends)
    {
        if (word.Length < 3) return 0;
        foreach (var c in word)
            if (!char.IsLetter(c)) return 0;
        var room = MostCandidates * (word.Length + 4);
        if (buffer.Length < room) buffer = new char[room];
        var count = 0;
        var at = 0;
        foreach (var s in Suffixes) Put(word, s, buffer, ends, ref count, ref at);
        foreach (var (from, to) in Alternations)
        {
            if (!word.EndsWith(from, StringComparison.Ordinal) || word.Length - from.Length < 3) continue;
            var stem = word.AsSpan(0, word.Length - from.Length);
            foreach (var t in to) Put(stem, t, buffer, ends, ref count, ref at);
        }
        return count;
    }

    private static void Put(ReadOnlySpan<char> stem, string ending, char[] buffer, int[] ends, ref int count, ref int at)
    {
        stem.CopyTo(buffer.AsSpan(at));
        ending.CopyTo(buffer.AsSpan(at + stem.Length));
        at += stem.Length + ending.Length;
        ends[count++] = at;
    }

    /// <summary>Candidate inflections of a folded, lower-case word, without the word itself.</summary>
    public static IEnumerable<string> Of(string word)
    {
        if (word.Length < 3 || !word.All(char.IsLetter)) yield break;
        foreach (var s in Suffixes) yield return word + s;
        foreach (var (from, to) in Alternations)
        {
            if (!word.EndsWith(from, StringComparison.Ordinal) || word.Length - from.Length < 3) continue;
            var stem = word[..^from.Length];
            foreach (var t in to) yield return stem + t;
        }
    }
}
