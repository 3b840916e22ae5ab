using System.Text.Json;
using GobiernoElectronico.Render;

namespace GobiernoElectronico.Tests.Render;

/// <summary>
/// A document's Markdown is rendered only when a template writes it: a page's fingerprint holds the hash of the
/// text's inputs instead, so a page the build cache keeps unchanged never renders its Markdown.
/// </summary>
public class RawHtmlTests
{
    [Test]
    public void Html_made_later_is_made_once_when_written_and_fingerprinted_by_its_key()
    {
        var made = 0;
        var later = RawHtml.Later("abc|root", () =>
        {
            made++;
            return "<p>texto</p>";
        });
        Assert.That(JsonSerializer.Serialize(new { body = later }), Is.EqualTo("{\"body\":\"markdown:abc|root\"}"));
        Assert.That(made, Is.Zero, "fingerprinting does not render");
        Assert.That(later.Html, Is.EqualTo("<p>texto</p>"));
        Assert.That(later.ToString(), Is.EqualTo("<p>texto</p>"));
        Assert.That(made, Is.EqualTo(1));
        Assert.That(later, Is.EqualTo(new RawHtml("<p>texto</p>")), "equal by its HTML, as before");
    }

    [Test]
    public void Html_given_at_once_is_fingerprinted_by_itself()
    {
        Assert.That(JsonSerializer.Serialize(new RawHtml("<svg/>")), Is.EqualTo(JsonSerializer.Serialize("<svg/>")));
        Assert.That(new RawHtml("<svg/>").Key, Is.Null);
    }
}
