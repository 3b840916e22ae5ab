using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GobiernoElectronico.Model;

/// <summary>
/// A document's Markdown body, kept as UTF-8: half the memory of a .NET string for the region's mostly Latin-script
/// text. At 20,000 practices the bodies were the largest thing a build holds from validation to the end of render
/// (about 120 MiB as strings). Read as a string with <see cref="Text"/>, which decodes it each time: the index and the
/// render stage read each body once or a few times.
/// </summary>
[JsonConverter(typeof(AsJsonString))]
public sealed class MarkdownText : IEquatable<MarkdownText>
{
    private readonly byte[] _utf8;

    /// <summary>Keeps <paramref name="text"/>. A body comes from a file decoded as UTF-8, so it has no unpaired surrogate
    /// and comes back the same from <see cref="Text"/>.</summary>
    public MarkdownText(string text) => _utf8 = Encoding.UTF8.GetBytes(text);

    private MarkdownText(byte[] utf8) => _utf8 = utf8;

    /// <summary>A copy of <paramref name="utf8"/> as a body: the text <see cref="MarkdownText(string)"/> makes of its decoded
    /// string, without decoding it (the loader cuts a file's body off its bytes).</summary>
    /// <exception cref="ArgumentException">The bytes are not well-formed UTF-8.</exception>
    public static MarkdownText FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw new ArgumentException("a Markdown body is well-formed UTF-8", nameof(utf8));
        return utf8.IsEmpty ? Empty : new MarkdownText(utf8.ToArray());
    }

    public static readonly MarkdownText Empty = new("");

    /// <summary>The Markdown, decoded.</summary>
    public string Text => Encoding.UTF8.GetString(_utf8);

    public bool IsEmpty => _utf8.Length == 0;

    /// <summary>The Markdown as UTF-8, without a copy (for hashing).</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The number of bytes of <see cref="Utf8"/>: never less than the text's length in UTF-16 code units.</summary>
    public int Utf8Length => _utf8.Length;

    private System.Runtime.CompilerServices.StrongBox<UInt128>? _key;

    /// <summary>A 128-bit key of the text (<see cref="Hashing.ContentHash.Key(ReadOnlySpan{byte})"/> of its UTF-8), worked out
    /// once: the build cache's checks, a search document's body and a page's dependency on the body all go by it (each
    /// hashed every body of a build on its own, three times 120 MB at 20,000 documents).</summary>
    public UInt128 Key => (_key ??= new System.Runtime.CompilerServices.StrongBox<UInt128>(Hashing.ContentHash.Key(_utf8))).Value;

    public static implicit operator MarkdownText(string text) => text.Length == 0 ? Empty : new MarkdownText(text);

    public bool Equals(MarkdownText? other) => other is not null && _utf8.AsSpan().SequenceEqual(other._utf8);

    public override bool Equals(object? obj) => obj is MarkdownText other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_utf8);
        return hash.ToHashCode();
    }

    public static bool operator ==(MarkdownText? a, MarkdownText? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(MarkdownText? a, MarkdownText? b) => !(a == b);

    /// <summary>The Markdown (so that a body shown by a debugger or a template reads as text).</summary>
    public override string ToString() => Text;

    /// <summary>In JSON a body is the string it holds, as it was before bodies were kept as UTF-8.</summary>
    private sealed class AsJsonString : JsonConverter<MarkdownText>
    {
        public override MarkdownText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() ?? throw new JsonException("a Markdown body is a string");

        public override void Write(Utf8JsonWriter writer, MarkdownText value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
    }
}
