using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GobiernoElectronico.Hashing;

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
    /// <summary>The text as UTF-8; null until a deferred text (<see cref="Deferred"/>) is first read.</summary>
    private byte[]? _utf8;

    /// <summary>Reads a deferred text's bytes (null for a text held from the start and never let go: <see cref="LetGo"/>).</summary>
    private Func<byte[]>? _read;

    /// <summary>The length in bytes of a deferred text, known before it is read.</summary>
    private int _length;

    /// <summary>Keeps <paramref name="text"/>. A body comes from a file decoded as UTF-8, so it has no unpaired surrogate
    /// and comes back the same from <see cref="Text"/>.</summary>
    public MarkdownText(string text) => _utf8 = Encoding.UTF8.GetBytes(text);

    private MarkdownText(byte[] utf8) => _utf8 = utf8;

    private MarkdownText(int length, Hash128 key, Func<byte[]> read)
    {
        _length = length;
        _key = new System.Runtime.CompilerServices.StrongBox<Hash128>(key);
        _read = read;
    }

    /// <summary>
    /// A text known by its length and key (<see cref="Key"/>) whose bytes are read by <paramref name="read"/> only when asked
    /// for (<see cref="Utf8"/>, <see cref="Text"/>): the load stage of a build with the build cache makes the bodies of files
    /// unchanged since the last build this way, so that a build after an edit reads only the files it needs (at 20,000
    /// documents, a build after an edit asks for the bytes of a few hundred bodies, not of every one). The bytes read must
    /// have that length and key, or <see cref="ContentChangedException"/> is thrown: a file changed while the build ran.
    /// </summary>
    /// <param name="source">The file, named in the exception.</param>
    public static MarkdownText Deferred(int length, Hash128 key, string source, Func<byte[]> read) =>
        length == 0 ? Empty : new(length, key, Checked(length, key, source, read));

    /// <summary>Reads bytes that must have <paramref name="length"/> and <paramref name="key"/> (<see cref="Deferred"/>).</summary>
    private static Func<byte[]> Checked(int length, Hash128 key, string source, Func<byte[]> read) => () =>
    {
        byte[] bytes;
        try
        {
            bytes = read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContentChangedException(source, e.Message);
        }
        if (bytes.Length != length || Hashing.ContentHash.Key(bytes) != key || !System.Text.Unicode.Utf8.IsValid(bytes))
            throw new ContentChangedException(source, bytes.Length == length ? "other bytes of the same length" : $"{bytes.Length:N0} bytes where {length:N0} were recorded");
        return bytes;
    };

    /// <summary>
    /// Lets the bytes go until they are next asked for, when they are read again as a deferred text's are (<see cref="Deferred"/>:
    /// the same length and key, or <see cref="ContentChangedException"/>), by <paramref name="read"/> for a text held from the
    /// start, by its own reader for a deferred one. A first <c>ge build</c> lets its bodies go once the index has read them: the
    /// render stage reads each again from its file, and the export, where the build's memory peaks, is made without them
    /// (about 60 MB at 20,104 documents). Not to be called while another thread reads the text; nothing for an empty text,
    /// or for one held from the start without <paramref name="read"/>.
    /// </summary>
    /// <param name="source">The file, named in the exception.</param>
    public void LetGo(string source, Func<byte[]>? read)
    {
        if (ReferenceEquals(this, Empty) || Utf8Length == 0) return;
        if (_read is null)
        {
            if (read is null || _utf8 is not { } bytes) return;
            var key = Key; // of the bytes held now
            _length = bytes.Length;
            _read = Checked(bytes.Length, key, source, read);
        }
        Volatile.Write(ref _utf8, null);
    }

    /// <summary>The bytes, read once for a deferred text (two threads asking at once may both read them; one copy is kept).</summary>
    private byte[] Bytes => _utf8 ?? Interlocked.CompareExchange(ref _utf8, _read!(), null) ?? _utf8!;

    /// <summary>Whether the bytes are held (false for a deferred text nothing has read yet).</summary>
    public bool IsRead => _utf8 is not null;

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
    public string Text => Encoding.UTF8.GetString(Bytes);

    public bool IsEmpty => Utf8Length == 0;

    /// <summary>The Markdown as UTF-8, without a copy (for hashing).</summary>
    public ReadOnlySpan<byte> Utf8 => Bytes;

    /// <summary>The number of bytes of <see cref="Utf8"/>: never less than the text's length in UTF-16 code units.</summary>
    public int Utf8Length => _utf8?.Length ?? _length;

    private System.Runtime.CompilerServices.StrongBox<Hash128>? _key;

    /// <summary>A 128-bit key of the text (<see cref="Hashing.ContentHash.Key(ReadOnlySpan{byte})"/> of its UTF-8), worked out
    /// once: the build cache's checks, a search document's body and a page's dependency on the body all go by it (each
    /// hashed every body of a build on its own, three times 120 MB at 20,000 documents).</summary>
    public Hash128 Key => (_key ??= new System.Runtime.CompilerServices.StrongBox<Hash128>(Hashing.ContentHash.Key(Bytes))).Value;

    public static implicit operator MarkdownText(string text) => text.Length == 0 ? Empty : new MarkdownText(text);

    /// <summary>The same text: the same length and <see cref="Key"/>, as every cache of the build takes it (a deferred text is
    /// compared without being read).</summary>
    public bool Equals(MarkdownText? other) =>
        other is not null && (ReferenceEquals(this, other) || (Utf8Length == other.Utf8Length && Key == other.Key));

    public override bool Equals(object? obj) => obj is MarkdownText other && Equals(other);

    public override int GetHashCode() => (int)Key.Low;

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

/// <summary>A file the build had read changed before the build ended (or could no longer be read): the build stops, reporting
/// it, rather than publish pages made of two versions of the file.</summary>
public sealed class ContentChangedException(string path, string reason)
    : Exception($"{path} is not the text recorded with its time and length ({reason})")
{
    /// <summary>The file, as shown in diagnostics.</summary>
    public string Path => path;

    /// <summary>What was found.</summary>
    public string Reason => reason;
}
