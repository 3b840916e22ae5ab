using System.Net;
using System.Text;

namespace GobiernoElectronico.Validate;

/// <summary>
/// The one rule for every web address that comes from content and ends up in an <c>href</c>: the scheme
/// must be http, https or mailto, or the address relative. The decision is taken on the address as a
/// browser reads it — after decoding character references (<c>&amp;#106;</c>, <c>&amp;colon;</c>), dropping
/// leading and trailing spaces and control characters, removing tabs and line breaks anywhere (the URL
/// parser does), and ignoring case — so no spelling of <c>javascript:</c> gets through.
/// </summary>
public static class SafeUrl
{
    public const int MaxLength = Schema.UrlType.MaxLength;

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    /// <summary>Why <paramref name="url"/> may not be published, or null when it may.</summary>
    public static string? Problem(string url, bool allowRelative = true, bool absoluteOnly = false)
    {
        if (url.Length > MaxLength) return $"is {url.Length} characters long; the limit is {MaxLength}";
        if (url.Any(c => c is '\0')) return "holds a NUL character";
        var seen = Normalise(url);
        // Decode character references until nothing changes (double-encoded tricks), deciding on each form.
        for (var i = 0; i < 4; i++)
        {
            var decoded = Normalise(DecodeAsBrowser(seen));
            if (decoded == seen) break;
            seen = decoded;
        }
        if (seen.Length == 0) return "is empty";
        if (seen.Any(char.IsControl)) return "holds control characters";
        var scheme = SchemeOf(seen);
        if (scheme is null)
        {
            if (absoluteOnly || !allowRelative) return "must be an absolute address starting with https:// (or http://)";
            return null;
        }
        if (!Schemes.Contains(scheme)) return $"uses the scheme '{scheme}:', which is not allowed (allowed: http, https, mailto{(allowRelative ? " or a relative link" : "")})";
        if (absoluteOnly && scheme == "mailto") return "must be an http(s) address";
        if (scheme is "http" or "https")
        {
            if (!Uri.TryCreate(seen, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return "is not a complete web address (scheme, host and path)";
        }
        return null;
    }

    private static readonly ThreadLocal<AngleSharp.Html.Parser.HtmlParser> Parser = new(() => new AngleSharp.Html.Parser.HtmlParser());

    /// <summary>
    /// The value as a browser reads it in an attribute: character references decoded by an HTML5 parser
    /// (named ones such as <c>&amp;colon;</c>, numeric ones with or without ';', with leading zeros).
    /// </summary>
    private static string DecodeAsBrowser(string value)
    {
        if (value.IndexOf('&', StringComparison.Ordinal) < 0) return value;
        var document = Parser.Value!.ParseDocument("<a href=\"" + value.Replace("\"", "&quot;", StringComparison.Ordinal) + "\"></a>");
        return document.QuerySelector("a")?.GetAttribute("href") ?? WebUtility.HtmlDecode(value);
    }

    /// <summary>What a browser's URL parser does first: trim C0 controls and spaces, drop tabs and newlines.</summary>
    private static string Normalise(string url)
    {
        var s = url.Trim(' ', '\t', '\n', '\r', '\f', '\v', '\0', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\b',
            '\u000e', '\u000f', '\u0010', '\u0011', '\u0012', '\u0013', '\u0014', '\u0015', '\u0016', '\u0017', '\u0018', '\u0019',
            '\u001a', '\u001b', '\u001c', '\u001d', '\u001e', '\u001f', '\u00a0', '\ufeff');
        if (s.IndexOfAny(['\t', '\n', '\r']) < 0) return s;
        var b = new StringBuilder(s.Length);
        foreach (var c in s) if (c is not ('\t' or '\n' or '\r')) b.Append(c);
        return b.ToString();
    }

    /// <summary>The scheme a URL parser finds (lower case), or null for a relative reference.</summary>
    private static string? SchemeOf(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0])) return null;
        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':') return url[..i].ToLowerInvariant();
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return null;
        }
        return null;
    }
}
