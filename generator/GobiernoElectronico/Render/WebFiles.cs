using System.Globalization;
using System.Text;
using System.Xml;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>
/// The files a site is expected to have besides its pages: robots.txt, an Atom feed of practices, and
/// (with a base URL) sitemap.xml. Written with XmlWriter, in path order, with dates from the content so
/// that the same content gives the same bytes.
/// </summary>
public static class WebFiles
{
    public const string Feed = "practices/feed.xml";

    /// <summary>The paths of the files <see cref="For"/> makes.</summary>
    public static IReadOnlyList<string> Paths(ContentSet content) =>
        content.Site.BaseUrl is null ? ["robots.txt", Feed] : ["sitemap.xml", "robots.txt", Feed];

    public static IEnumerable<OutputFile> For(ContentSet content, IEnumerable<string> pagePaths)
    {
        var site = content.Site;
        var robots = new StringBuilder("User-agent: *\nAllow: /\n");
        if (site.BaseUrl is { } baseUrl)
        {
            robots.Append(CultureInfo.InvariantCulture, $"Sitemap: {baseUrl}sitemap.xml\n");
            yield return new OutputFile("sitemap.xml", Sitemap(baseUrl, pagePaths));
        }
        yield return OutputFile.Text("robots.txt", robots.ToString());
        yield return new OutputFile(Feed, Atom(content));
    }

    /// <summary>The canonical URL of a page: folders end in '/', not in index.html.</summary>
    public static string Canonical(string baseUrl, string pagePath) =>
        baseUrl + (pagePath.EndsWith("index.html", StringComparison.Ordinal) ? pagePath[..^"index.html".Length] : pagePath);

    private static byte[] Sitemap(string baseUrl, IEnumerable<string> pages) => Xml(w =>
    {
        w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        foreach (var page in pages.Where(p => p != "404.html").Order(StringComparer.Ordinal))
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", Canonical(baseUrl, page));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>Updated practices first; a practice without <c>updated</c> counts from its first year.</summary>
    private static byte[] Atom(ContentSet content) => Xml(w =>
    {
        const string ns = "http://www.w3.org/2005/Atom";
        static string Stamp(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        DateOnly Updated(Practice p) => p.Updated ?? new DateOnly(p.YearStarted, 1, 1);
        var practices = content.Practices.OrderByDescending(Updated).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var latest = practices.Count > 0 ? Updated(practices[0]) : new DateOnly(2000, 11, 28);
        w.WriteStartElement("feed", ns);
        if (content.Site.BaseUrl is { } baseUrl) w.WriteAttributeString("xml", "base", null, baseUrl + "practices/");
        w.WriteElementString("title", ns, content.Site.Title);
        w.WriteElementString("id", ns, "tag:gobierno-electronico,2000:practices");
        w.WriteElementString("updated", ns, Stamp(latest));
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", "self");
        w.WriteAttributeString("href", "feed.xml");
        w.WriteEndElement();
        foreach (var p in practices)
        {
            w.WriteStartElement("entry", ns);
            w.WriteElementString("title", ns, p.Title);
            w.WriteElementString("id", ns, $"tag:gobierno-electronico,2000:practice/{p.Slug}");
            w.WriteElementString("updated", ns, Stamp(Updated(p)));
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, content.Site.Title);
            w.WriteEndElement();
            w.WriteStartElement("link", ns);
            w.WriteAttributeString("href", $"{p.Slug}/index.html");
            w.WriteEndElement();
            w.WriteStartElement("summary", ns);
            w.WriteAttributeString("xml", "lang", null, p.Language);
            w.WriteString(p.Summary);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private static byte[] Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            w.WriteStartDocument();
            write(w);
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
