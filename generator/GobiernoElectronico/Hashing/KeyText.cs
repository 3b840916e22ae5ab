using System.Text;

namespace GobiernoElectronico.Hashing;

/// <summary>
/// The text a key is hashed from, written field by field so that no two sequences of fields give the same text: a string
/// as its length, ':' and itself; a count (of a list that follows) as <c>[n]</c>; a 128-bit key as <c>#</c> and 32 hex
/// digits. A search document's key and the key of what its body is made from are written with it.
/// </summary>
internal sealed class KeyText
{
    private readonly StringBuilder _text = new(256);

    public KeyText Add(string value)
    {
        _text.Append(value.Length).Append(':').Append(value);
        return this;
    }

    public KeyText Count(int count)
    {
        _text.Append('[').Append(count).Append(']');
        return this;
    }

    public KeyText Add(Hash128 key)
    {
        _text.Append('#').Append(key.ToString());
        return this;
    }

    /// <summary>A list: its count, then each value.</summary>
    public KeyText List(IReadOnlyCollection<string> values)
    {
        Count(values.Count);
        foreach (var value in values) Add(value);
        return this;
    }

    public override string ToString() => _text.ToString();
}
