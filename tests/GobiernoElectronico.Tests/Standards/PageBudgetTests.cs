using System.IO.Compression;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Standards;

/// <summary>Light pages for slow links: every page, with its stylesheet and scripts, within 20 KB gzipped.</summary>
public class PageBudgetTests
{
    public const int Budget = 20 * 1024;

    private static long Gzipped(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(bytes);
        return output.Length;
    }

    [Test]
    public void Every_page_is_within_budget()
    {
        var site = BuiltSite.Root;
        var parser = new HtmlParser();
        foreach (var page in Directory.GetFiles(site, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var html = File.ReadAllBytes(page);
            using var doc = parser.ParseDocument(System.Text.Encoding.UTF8.GetString(html));
            var assets = doc.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src"))
                .Select(u => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, u!)))
                .Where(File.Exists);
            var total = Gzipped(html) + assets.Sum(a => Gzipped(File.ReadAllBytes(a)));
            Assert.That(total, Is.LessThanOrEqualTo(Budget), $"{Path.GetRelativePath(site, page)} is {total} bytes gzipped with its CSS and JS; the budget is {Budget}");
        }
    }
}
