using System.Text.Json;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Standards;

/// <summary>The W3C Nu HTML Checker (vnu-jar) over every built page.</summary>
public class HtmlValidityTests
{
    [Category("Process")]
    [Test]
    public void Every_built_page_has_zero_errors()
    {
        NodeTools.Require(java: true);
        foreach (var site in new[] { BuiltSite.Root, SearchSite.Root })
        {
            var (_, output) = NodeTools.Run("java", $"-jar \"{NodeTools.VnuJar}\" --errors-only --skip-non-html --format json \"{site}\"", site);
            using var json = JsonDocument.Parse(output);
            var errors = json.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() == "error")
                .Select(m => $"{m.GetProperty("url").GetString()}:{(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
                .ToList();
            Assert.That(errors, Is.Empty);
            Assert.That(Directory.GetFiles(site, "*.html", SearchOption.AllDirectories), Has.Length.GreaterThan(5));
        }
    }
}
