using System.Text;
using GobiernoElectronico.Markup;
using GobiernoElectronico.Render;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GobiernoElectronico.Tests.Render;

/// <summary>
/// <see cref="MarkdownRenderer.MayLinkContent"/>: read from a text's characters, whether it may hold a link whose address the
/// renderer looks up among the content's files. A text for which it says no is rendered without the other documents' pages in
/// its key (a practice added, removed or renamed does not render it again), so a "no" must never hide such a link from Markdig.
/// </summary>
public class MarkdownLinkScanTests
{
    private static bool Scan(string markdown) => MarkdownRenderer.MayLinkContent(Encoding.UTF8.GetBytes(markdown));

    /// <summary>Whether Markdig finds a link or image in the text whose address the renderer looks up.</summary>
    private static bool LinksContent(string markdown) =>
        Markdown.Parse(markdown, MarkdownDialect.Pipeline).Descendants<LinkInline>()
            .Any(link => link.Url is { } url && MarkdownRenderer.IsRelativeAddress(url) && url.Split('#')[0].Length > 0);

    [TestCase("Sin enlaces, ni corchetes.", false)]
    [TestCase("Un [enlace externo](https://www.gob.bo/) y otro [correo](mailto:mesa@gob.bo).", false)]
    [TestCase("Una [sección](#metas) de la página y [otra](/raiz) desde la raíz.", false)]
    [TestCase("Una nota [1] y un enlace automático: www.agetic.gob.bo.", false)]
    [TestCase("[referencia]: https://www.gob.pe/ \"Título\"\n\nVer [referencia].", false)]
    [TestCase("Ver la [evaluación de Bolivia](../countries/bo.md).", true)]
    [TestCase("Ver la [práctica](  \n  ../practices/x.md \"t\").", true)]
    [TestCase("Un [enlace](<../practices/con espacio.md>).", true)]
    [TestCase("![mapa](../media/mapa.png)", true)]
    [TestCase("Ver [ref].\n\n[ref]: ../practices/x.md", true)]
    [TestCase("Ver [ref].\n\n[ref]:\n  <../practices/x.md>", true)]
    public void Says_whether_a_text_may_link_to_a_content_file(string markdown, bool expected)
    {
        Assert.That(Scan(markdown), Is.EqualTo(expected));
        Assert.That(LinksContent(markdown), Is.EqualTo(expected), "what Markdig finds in the text");
    }

    [Test]
    public void Never_says_no_to_a_text_in_which_Markdig_finds_a_link_to_a_content_file()
    {
        // Texts made of the pieces of link syntax, addresses of every kind and the characters that end or escape them, in random
        // order (a fixed seed): every one in which Markdig finds a relative address must be seen by the scan.
        string[] pieces =
        [
            "[", "]", "(", ")", "<", ">", ":", " ", "\n", "\n\n", "\t", "\\", "!", "`", "*", "\"t\"", "'t'", "a", "Ver ",
            "../practices/x.md", "x.md", "media/a.png", "#meta", "/raiz", "https://www.gob.bo/", "mailto:a@b.c", "www.gob.pe",
            "&#58;", "&colon;", "&#46;&#46;/x.md", "%3A", "[r]: ", "[r]", "](", "]:", "](<", "> ", "[a](", "[a]: ", "?q=1", "#",
            "[a](x.md)", "[a]( x.md )", "[a](<x y.md>)", "![i](a.png)", "\n[r]: x.md\n", "[a](x.md \"t\")", "[a](\\:x.md)",
        ];
        var random = new Random(20261206);
        int linked = 0, cleared = 0;
        var missed = new List<string>();
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (int i = 0, count = random.Next(1, 24); i < count; i++) text.Append(pieces[random.Next(pieces.Length)]);
            var markdown = text.ToString();
            var scan = Scan(markdown);
            if (!scan) cleared++;
            if (!LinksContent(markdown)) continue;
            linked++;
            if (!scan) missed.Add(markdown);
        }
        Assert.That(missed, Is.Empty, "texts with a link to a content file the scan did not see");
        // Neither side of the property is empty: many texts link to content files, and many are cleared by the scan.
        Assert.That(linked, Is.GreaterThan(5_000));
        Assert.That(cleared, Is.GreaterThan(2_000));
    }

    [Test]
    public void A_text_that_cannot_link_to_a_content_file_renders_the_same_whatever_the_other_documents_are()
    {
        // The reason the scan may leave the other documents' pages out of a text's key: without such a link, the renderer
        // never asks where another document's page is.
        const string plain = "Un [enlace externo](https://www.gob.bo/) y una [sección](#metas).";
        Assert.That(Scan(plain), Is.False);
        var asked = new List<string>();
        var html = new MarkdownRenderer(path =>
        {
            asked.Add(path);
            return null;
        }).Render(plain, "practices/a.md", "practices/a/index.html").Html;
        Assert.That(asked, Is.Empty, "pages of other documents looked up");
        Assert.That(html, Does.Contain("href=\"https://www.gob.bo/\""));
    }
}
