using System.Text;

namespace GobiernoElectronico.Index;

/// <summary>
/// Compact text encodings for the browser shards (search.js decodes them):
/// <list type="bullet">
/// <item>varints: each character of the 64-character alphabet carries 5 bits and a continuation bit, so numbers below 32 take one character;</item>
/// <item>doc-id sets: <c>d</c> + varint deltas, or <c>b</c> + a bitset in the same alphabet (6 bits a character), whichever is shorter.</item>
/// </list>
/// </summary>
public static class CompactEncoding
{
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static void AppendVarint(StringBuilder sb, int value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "varints are non-negative");
        while (value >= 32)
        {
            sb.Append(Alphabet[(value & 31) | 32]);
            value >>= 5;
        }
        sb.Append(Alphabet[value]);
    }

    /// <summary>Decodes a varint sequence (used by tests; search.js has the same loop).</summary>
    public static List<int> DecodeVarints(string text)
    {
        var result = new List<int>();
        int value = 0, shift = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            value |= (v & 31) << shift;
            if ((v & 32) != 0) shift += 5;
            else
            {
                result.Add(value);
                value = 0;
                shift = 0;
            }
        }
        return result;
    }

    /// <summary>An ascending set of doc ids, as the shorter of a delta list and a bitset.</summary>
    public static string DocSet(IReadOnlyList<int> ascending, int maxDoc)
    {
        var deltas = new StringBuilder("d");
        var previous = 0;
        foreach (var d in ascending)
        {
            AppendVarint(deltas, d - previous);
            previous = d;
        }
        var bits = new StringBuilder("b");
        var chunks = new int[(maxDoc + 5) / 6];
        foreach (var d in ascending) chunks[d / 6] |= 1 << (d % 6);
        foreach (var c in chunks) bits.Append(Alphabet[c]);
        return bits.Length < deltas.Length ? bits.ToString() : deltas.ToString();
    }
}
