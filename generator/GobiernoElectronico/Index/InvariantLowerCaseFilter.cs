using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GobiernoElectronico.Index;

/// <summary>
/// Lower-cases each token exactly as Lucene's <c>LowerCaseFilter</c> does (the invariant culture's simple case mapping,
/// code point by code point). Lucene's filter hands every token to the globalisation library as soon as it holds one
/// letter beyond ASCII: an accented Spanish or Portuguese word went through ICU, a sixth of the query lexicon's CPU
/// samples at 5,026 documents. Here ASCII is lower-cased by arithmetic, and any other UTF-16 unit is looked up once, with
/// that same mapping, then kept in a table (made as units come, not all 65,536 at start: that took 25 ms, which every
/// <c>ge search</c> would pay). A token with a surrogate pair (a letter beyond the first plane) is still lower-cased by the
/// runtime, as Lucene does.
/// </summary>
public sealed class InvariantLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public InvariantLowerCaseFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    /// <summary>Each UTF-16 unit beyond ASCII lower-cased alone by the invariant culture, once looked up; 0 until then (no
    /// such unit lower-cases to U+0000). Threads may fill an entry at once: they write the same value.</summary>
    private static readonly char[] Known = new char[char.MaxValue + 1];

    private static char LowerOf(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        var lower = Known[c];
        if (lower != 0) return lower;
        Span<char> one = [c], result = stackalloc char[1];
        ((ReadOnlySpan<char>)one).ToLower(result, CultureInfo.InvariantCulture);
        return Known[c] = result[0];
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        Lower(_term.Buffer, _term.Length);
        return true;
    }

    /// <summary>Lower-cases <paramref name="length"/> units of <paramref name="buffer"/> in place.</summary>
    private static void Lower(char[] buffer, int length)
    {
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
            buffer[i] = LowerOf(c);
        }
    }
}
