using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GobiernoElectronico.Index;

/// <summary>
/// Lower-cases each token exactly as Lucene's <c>LowerCaseFilter</c> does (the invariant culture's simple case mapping,
/// code point by code point), from a table of the 65,536 UTF-16 units made once with that same mapping. Lucene's filter
/// hands every token to the globalisation library as soon as it holds one letter beyond ASCII: an accented Spanish or
/// Portuguese word went through ICU, which was a fifth of the query lexicon's time and a share of the index's. A token
/// with a surrogate pair (a letter beyond the first plane) is still lower-cased by the runtime, as Lucene does.
/// </summary>
public sealed class InvariantLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public InvariantLowerCaseFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    /// <summary>Each UTF-16 unit lower-cased alone by the invariant culture; a surrogate maps to itself (and is not used).</summary>
    internal static readonly char[] Table = BuildTable();

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        Span<char> one = stackalloc char[1], lower = stackalloc char[1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                table[c] = (char)c;
                continue;
            }
            one[0] = (char)c;
            ((ReadOnlySpan<char>)one).ToLower(lower, CultureInfo.InvariantCulture);
            table[c] = lower[0];
        }
        return table;
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        Lower(_term.Buffer, _term.Length);
        return true;
    }

    /// <summary>Lower-cases <paramref name="length"/> units of <paramref name="buffer"/> in place.</summary>
    internal static void Lower(char[] buffer, int length)
    {
        var table = Table;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (char.IsSurrogate(c))
            {
                var rest = buffer.AsSpan(i, length - i);
                Span<char> spare = rest.Length <= 128 ? stackalloc char[rest.Length] : new char[rest.Length];
                ((ReadOnlySpan<char>)rest).ToLower(spare, CultureInfo.InvariantCulture);
                spare.CopyTo(rest);
                return;
            }
            buffer[i] = table[c];
        }
    }
}
