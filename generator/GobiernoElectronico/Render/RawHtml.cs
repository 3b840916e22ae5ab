using System.Text.Json;
using System.Text.Json.Serialization;

namespace GobiernoElectronico.Render;

/// <summary>
/// HTML that is already safe: rendered and sanitised Markdown, or a rendered partial. It is the only value
/// templates write unescaped; every other value is HTML-encoded on output.
/// </summary>
[JsonConverter(typeof(Fingerprinted))]
public sealed class RawHtml : IEquatable<RawHtml>
{
    private readonly Lazy<string> _html;

    public RawHtml(string html)
    {
        _html = new Lazy<string>(html);
    }

    private RawHtml(string key, Func<string> make)
    {
        Key = key;
        _html = new Lazy<string>(make, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// HTML made only when a template writes it (a document's Markdown), standing in a page's fingerprint for
    /// <paramref name="key"/>, the hash of everything it is made from: a page kept from the last build because its
    /// fingerprint is unchanged then never renders its Markdown at all.
    /// </summary>
    public static RawHtml Later(string key, Func<string> make) => new(key, make);

    /// <summary>What stands for the HTML in a page's fingerprint: the hash of its inputs, or null (the HTML itself).</summary>
    public string? Key { get; }

    public string Html => _html.Value;

    public override string ToString() => Html;

    public bool Equals(RawHtml? other) => other is not null && Html == other.Html;

    public override bool Equals(object? obj) => Equals(obj as RawHtml);

    public override int GetHashCode() => Html.GetHashCode(StringComparison.Ordinal);

    /// <summary>The JSON of a page model's fingerprint: the key of HTML made later, else the HTML.</summary>
    private sealed class Fingerprinted : JsonConverter<RawHtml>
    {
        public override RawHtml Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("page fingerprints are written, never read");

        public override void Write(Utf8JsonWriter writer, RawHtml value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Key is { } key ? "markdown:" + key : value.Html);
    }
}
