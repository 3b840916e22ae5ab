namespace GobiernoElectronico.Index;

/// <summary>Strings in the order of their Unicode code points, which is the order of their UTF-8 bytes: Lucene's order of
/// terms (ordinal comparison of UTF-16 differs from it where a surrogate pair meets a character from U+E000 to U+FFFF).</summary>
public sealed class CodePointOrder : IComparer<string>
{
    public static readonly CodePointOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        var a = x.EnumerateRunes();
        var b = y.EnumerateRunes();
        while (true)
        {
            var moreA = a.MoveNext();
            var moreB = b.MoveNext();
            if (!moreA || !moreB) return moreA ? 1 : moreB ? -1 : 0;
            var c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0) return c;
        }
    }
}
