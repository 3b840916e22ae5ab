using Ganss.Xss;
using GobiernoElectronico.Markup;
using GobiernoElectronico.Site;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GobiernoElectronico.Render;

/// <summary>
/// Markdown → safe HTML. Markdig renders CommonMark with tables, footnotes and heading ids; the result then
/// passes through HtmlSanitizer, so raw HTML in content (a script, an onclick, a javascript: link) never
/// reaches a page. Headings are shifted so that the page's own <c>h1</c> stays the only one.
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
        foreach (var link in document.Descendants<LinkInline>())
            if (link.Url is { } url) link.Url = RewriteContentLink(url, contentPath, pagePath, ref linksMedia);
        var html = document.ToHtml(Pipeline);
        return new RawHtml(Sanitizer.Value!.Sanitize(html));
    }

    private string RewriteContentLink(string url, string contentPath, string pagePath, ref bool linksMedia)
    {
        if (url.Contains(':', StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('#')) return url;
        var hashAt = url.IndexOf('#', StringComparison.Ordinal);
        var (target, fragment) = hashAt >= 0 ? (url[..hashAt], url[hashAt..]) : (url, "");
        if (target.Length == 0) return url;
        var resolved = SitePaths.Combine(SitePaths.Directory(contentPath), Uri.UnescapeDataString(target));
        var page = resolved is null ? null : _contentLinkToOutput(resolved);
        if (page is null) return url;
        linksMedia |= !resolved!.EndsWith(".md", StringComparison.Ordinal);
        return SitePaths.Relative(pagePath, page) + fragment;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedTags.Remove("form");
        return sanitizer;
    }
}
