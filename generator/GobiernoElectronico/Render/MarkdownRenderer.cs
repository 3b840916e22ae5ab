using Ganss.Xss;
using GobiernoElectronico.Markup;
using GobiernoElectronico.Site;
using GobiernoElectronico.Validate;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GobiernoElectronico.Render;

/// <summary>
/// Markdown → safe HTML. Markdig renders CommonMark with tables, footnotes and heading ids. A text with raw HTML or
/// with a link whose address is not plainly safe then passes through HtmlSanitizer, so raw HTML in content (a script,
/// an onclick, a javascript: link) never reaches a page. Markdig escapes every text and attribute value it writes
/// itself, so raw HTML and link addresses are the only ways content reaches the markup: a text with neither raw HTML
/// nor a doubtful address is written as Markdig renders it (most bodies; sanitising them was a fifth of render's CPU
/// samples in a profile at 5,026 documents). Headings are shifted so that the page's own <c>h1</c> stays the only one.
/// Links to other content files (<c>../practices/x.md</c>) become links to their pages, and links to media
/// files (<c>../media/a.png</c>) to their copies in the site.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>The Markdown dialect of the content (<see cref="MarkdownDialect.Pipeline"/>).</summary>
    public static MarkdownPipeline Pipeline => MarkdownDialect.Pipeline;

    private static readonly ThreadLocal<HtmlSanitizer> Sanitizer = new(CreateSanitizer);

    private readonly Func<string, string?> _contentLinkToOutput;

    /// <param name="contentLinkToOutput">Maps a content path (<c>practices/x.md</c>, <c>media/a.png</c>) to its path in the site, or null.</param>
    public MarkdownRenderer(Func<string, string?> contentLinkToOutput) => _contentLinkToOutput = contentLinkToOutput;

    /// <summary>Renders <paramref name="markdown"/> written in content file <paramref name="contentPath"/> for a page at <paramref name="pagePath"/>.</summary>
    public RawHtml Render(string markdown, string contentPath, string pagePath) => Render(markdown, contentPath, pagePath, out _);

    /// <summary>As <see cref="Render(string, string, string)"/>; <paramref name="linksMedia"/> says whether a link was
    /// rewritten to a media file (at the site root, so its relative URL depends on the interface language's folder).</summary>
    public RawHtml Render(string markdown, string contentPath, string pagePath, out bool linksMedia)
    {
        linksMedia = false;
        var document = Markdown.Parse(markdown, Pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count > 0)
        {
            var shift = Math.Max(0, 2 - headings.Min(h => h.Level));
            foreach (var h in headings) h.Level = Math.Min(6, h.Level + shift);
        }
        // Markdig writes a column's alignment as a style attribute, which pages do not carry (the sanitizer drops it).
        foreach (var table in document.Descendants<Markdig.Extensions.Tables.Table>())
            foreach (var column in table.ColumnDefinitions) column.Alignment = null;
        foreach (var link in document.Descendants<LinkInline>())
            if (link.Url is { } url) link.Url = RewriteContentLink(url, contentPath, pagePath, ref linksMedia);
        var html = document.ToHtml(Pipeline);
        return new RawHtml(NeedsSanitizer(document) ? Sanitizer.Value!.Sanitize(html) : html);
    }

    /// <summary>
    /// Whether Markdig's HTML for <paramref name="document"/> may hold markup that content chose: raw HTML (a block or
    /// an inline tag), a link or image whose address is not plainly safe (<see cref="PlainlySafe"/>), or a grid table's
    /// column widths (style attributes). Every other node is written by Markdig with its text and attributes escaped.
    /// </summary>
    internal static bool NeedsSanitizer(MarkdownDocument document)
    {
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock:
                case HtmlInline:
                    return true;
                case Markdig.Extensions.Tables.Table table when table.ColumnDefinitions.Any(c => c.Width is not (0 or 1)):
                    return true; // a grid table's column widths, which Markdig writes as style attributes
                case LinkInline link when !PlainlySafe(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    return true;
                case AutolinkInline autolink when autolink.IsEmail ? !PlainlySafe("mailto:" + autolink.Url) : !PlainlySafe(autolink.Url):
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An address the sanitizer would keep as it is, by a rule narrower than its own: printable ASCII without spaces,
    /// quotes, angle brackets or backslashes (character references are decoded already: Markdig writes an <c>&amp;</c> as
    /// <c>&amp;amp;</c>), and either relative (no colon before the first <c>/</c>, <c>?</c> or <c>#</c>) or an http, https
    /// or mailto address that <see cref="SafeUrl"/> accepts. Anything else is left to the sanitizer.
    /// </summary>
    internal static bool PlainlySafe(string? url)
    {
        if (url is null) return true; // nothing is written
        foreach (var c in url)
            if (c is <= ' ' or >= (char)0x7f or '"' or '\'' or '<' or '>' or '\\' or '`') return false;
        var end = url.AsSpan().IndexOfAny('/', '?', '#');
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || (end >= 0 && colon > end)) return true;
        return (url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)
            || url.StartsWith("mailto:", StringComparison.Ordinal)) && SafeUrl.Problem(url) is null;
    }

    /// <summary>
    /// Whether a text written as <paramref name="utf8"/> may hold a link or image whose address <see cref="RewriteContentLink"/>
    /// looks up (<see cref="IsRelativeAddress"/>), read from its characters without parsing
    /// it: only such a text's HTML depends on where the other documents' pages are, so only its key holds them (a document
    /// added, removed or renamed then renders again the texts that may link to it, not every text of the site). Every
    /// address Markdig takes for a link follows "](" (an inline link or image) or "]:" (a reference definition), after
    /// blanks, and the address read here is a prefix of Markdig's (it stops at the first blank, ')' or, between angle
    /// brackets, '&gt;'): a colon in it is a colon in Markdig's. Any address that does not plainly start with '/' or '#'
    /// or hold a colon counts as relative; a "](" or "]:" that opens no link only makes the answer true for nothing.
    /// </summary>
    internal static bool MayLinkContent(ReadOnlySpan<byte> utf8)
    {
        for (var at = utf8.IndexOf((byte)']'); at >= 0; at = utf8.IndexOf((byte)']'))
        {
            utf8 = utf8[(at + 1)..];
            if (utf8.Length == 0 || (utf8[0] != (byte)'(' && utf8[0] != (byte)':')) continue;
            var rest = utf8[1..];
            var start = 0;
            while (start < rest.Length && rest[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') start++;
            var address = rest[start..];
            var angle = address.Length > 0 && address[0] == (byte)'<';
            if (angle) address = address[1..];
            var end = angle ? address.IndexOf((byte)'>') : address.IndexOfAny(Blanks);
            if (end >= 0) address = address[..end];
            if (address.Length == 0 || address[0] is (byte)'/' or (byte)'#' || address.Contains((byte)':')) continue;
            return true;
        }
        return false;
    }

    /// <summary>Where an address without angle brackets ends, at the latest: a blank or a closing parenthesis.</summary>
    private static readonly System.Buffers.SearchValues<byte> Blanks = System.Buffers.SearchValues.Create(" \t\n\r)"u8);

    /// <summary>Whether a link's address (Markdig's) is one <see cref="RewriteContentLink"/> looks up among the content's files: a
    /// relative one (no colon, not from the root, not an anchor of the page).</summary>
    internal static bool IsRelativeAddress(string url) =>
        !(url.Contains(':', StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('#'));

    private string RewriteContentLink(string url, string contentPath, string pagePath, ref bool linksMedia)
    {
        if (!IsRelativeAddress(url)) return url;
        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var (target, fragment) = hashAt >= 0 ? (url[..hashAt], url[hashAt..]) : (url, "");
        if (target.Length == 0) return url;
        var resolved = SitePaths.Combine(SitePaths.Directory(contentPath), Uri.UnescapeDataString(target));
        var page = resolved is null ? null : _contentLinkToOutput(resolved);
        if (page is null) return url;
        linksMedia |= !resolved!.EndsWith(".md", StringComparison.Ordinal);
        return SitePaths.Relative(pagePath, page) + fragment;
    }

    /// <summary>The classes Markdig writes for the dialect's task lists, footnotes and figures (and <c>language-…</c> on code).</summary>
    private static readonly string[] MarkdigClasses = ["contains-task-list", "task-list-item", "footnotes", "footnote-ref", "footnote-back-ref", "figure", "figure-caption"];

    /// <summary>The sanitizer's settings: http, https and mailto addresses; ids kept (headings, footnotes) and Markdig's
    /// classes; no style, no form.</summary>
    internal static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedAttributes.Add("id");
        // Markdig's own classes and no other: the same markup whether a text took the sanitizer or not.
        sanitizer.AllowedAttributes.Add("class");
        foreach (var name in MarkdigClasses) sanitizer.AllowedClasses.Add(name);
        sanitizer.RemovingCssClass += (_, e) => e.Cancel = e.CssClass.StartsWith("language-", StringComparison.Ordinal);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedTags.Remove("form");
        return sanitizer;
    }
}
