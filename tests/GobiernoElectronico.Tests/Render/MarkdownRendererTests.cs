using GobiernoElectronico.Render;
using GobiernoElectronico.Tests.Security;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new(path => path == "practices/b.md" ? "practices/b/index.html" : null);

    private static string Render(string md) => Renderer.Render(md, "practices/a.md", "practices/a/index.html").Html;

    [Test]
    public void Raw_html_is_sanitised()
    {
        var html = Render("Hola <script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">x</a> <img src=a.png onerror=alert(3)> <b>ok</b>");
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("javascript:").And.Not.Contain("onclick").And.Not.Contain("onerror"));
        Assert.That(html, Does.Contain("<b>ok</b>"));
    }

    [Test]
    public void Headings_are_shifted_below_the_page_title()
    {
        Assert.That(Render("# Uno\n\n## Dos"), Does.Contain("<h2 id=\"uno\">Uno</h2>").And.Contain("<h3 id=\"dos\">Dos</h3>"));
        Assert.That(Render("## Tres"), Does.Contain("<h2 id=\"tres\">"));
    }

    [Test]
    public void Heading_ids_are_ascii()
    {
        Assert.That(Render("## Qué es"), Does.Contain("id=\"que-es\""));
    }

    [Test]
    public void Links_to_content_files_become_relative_links_to_their_pages()
    {
        Assert.That(Render("[b](b.md#x) [ext](https://example.org) [missing](zz.md)"),
            Does.Contain("href=\"../../practices/b/index.html#x\"").And.Contain("href=\"https://example.org\"").And.Contain("href=\"zz.md\""));
    }

    [Test]
    public void Tables_render()
    {
        Assert.That(Render("| a | b |\n|---|---|\n| 1 | 2 |"), Does.Contain("<table>").And.Contain("<td>1</td>"));
    }
}

/// <summary>
/// The renderer writes Markdig's HTML as it is when the text has no raw HTML and no doubtful address, and sanitises
/// it otherwise. These tests hold that shortcut to what it claims: every hostile text takes the sanitizer, and for
/// every text that does not, the sanitizer would have changed nothing but how the same markup is spelled.
/// </summary>
public class MarkdownSanitizerShortcutTests
{
    private static readonly MarkdownRenderer Renderer = new(path => path == "practices/b.md" ? "practices/b/index.html" : null);

    private static Markdig.Syntax.MarkdownDocument Parse(string md) => Markdig.Markdown.Parse(md, MarkdownRenderer.Pipeline);

    /// <summary>Markdown that uses every construct of the dialect, without raw HTML.</summary>
    private const string EveryConstruct = """
        # Título con *énfasis* y `código`

        Texto con **negrita**, ~~tachado~~, ^sup^, ~sub~, ++insertado++, ==marcado== y un enlace [a la práctica](b.md#x "título \"citado\"").
        Imagen: ![alt "con" comillas](../media/a.png "t<i>t</i>") y [externo](https://example.org/a?b=1&c=2#d), <https://example.org/x>,
        <ana@example.org>, www.example.org y [correo](mailto:ana@example.org?subject=hola%20mundo).
        Entidades: &amp; &lt;b&gt; &copy; &#65; &#x41; < > " ' & \<escape\>.

        | a | b<c |
        |---|:---:|
        | 1 & 2 | `x|y` |

        - [ ] pendiente
        - [x] hecho

        1. uno
        2. dos

        a. alfa
        b. beta

        Nota al pie[^1] y otra[^nota].

        [^1]: La nota con [enlace](https://example.org).
        [^nota]: Otra nota.

        ^^^
        ![figura](../media/b.png)
        ^^^ Leyenda de la figura

        ```js" onclick="alert(1)
        var a = "<script>";
        ```

            sangrado <b>no es html</b>

        > cita con [referencia][ref]

        [ref]: https://example.org/ref 'título'

        ## Otro título con ñ y ç {#id-propio}

        Línea con salto  
        forzado y un [enlace vacío]() y [ancla](#otro-titulo).
        """;

    /// <summary>Raw HTML and doubtful addresses, from the hostile content's vectors and more, and a grid table.</summary>
    private static readonly string[] Doubtful =
    [
        HostileContent.MarkdownVectors, "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](java&#x09;script:alert(1))",
        "[x](<java\tscript:alert(1)>)", "<javascript:alert(1)>", "[x](data:text/html,hi)", "![x](vbscript:x)", "[x]: javascript:y\n\n[x]",
        "[x](http://)", "[x](https://example.org/\"onmouseover=alert(1))", "[x](ftp://example.org)", "<span>inline</span>", "<div>\nblock\n</div>",
        "<script>alert('t1')</script>", "x <img src=x onerror=alert(1)>",
        "+---+---+\n| g | h |\n+===+===+\n| i | j |\n+---+---+", // a grid table's widths: style attributes
    ];

    [Test]
    public void Raw_html_and_doubtful_addresses_take_the_sanitizer()
    {
        foreach (var md in Doubtful)
        {
            Assert.That(MarkdownRenderer.NeedsSanitizer(Parse(md)), Is.True, md);
            Assert.That(Renderer.Render(md, "practices/a.md", "practices/a/index.html").Html, Is.EqualTo(Sanitised(Markdig.Markdown.ToHtml(md, MarkdownRenderer.Pipeline))), md);
        }
    }

    [TestCase("https://example.org/a?b=1#c", true)]
    [TestCase("http://example.org", true)]
    [TestCase("mailto:ana@example.org", true)]
    [TestCase("../practices/b/index.html#x", true)]
    [TestCase("#section", true)]
    [TestCase("a/b:c", true)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase("JavaScript:alert(1)", false)]
    [TestCase("HTTPS://example.org", false)]
    [TestCase("java\tscript:x", false)]
    [TestCase(" javascript:x", false)]
    [TestCase("jav&#x61;script:x", true)] // a relative address whose fragment is "#x61;script:x": Markdig writes the & as &amp;
    [TestCase("x&y:z", false)]
    [TestCase("data:text/html,x", false)]
    [TestCase("https://", false)]
    [TestCase("https://example.org/\"x", false)]
    [TestCase("https://exámple.org", false)]
    public void An_address_is_plainly_safe_only_by_the_narrow_rule(string url, bool safe) =>
        Assert.That(MarkdownRenderer.PlainlySafe(url), Is.EqualTo(safe));

    /// <summary>Every body of the shipped content, the construct sampler and the hostile vectors (some of which Markdig
    /// reads as text, not as tags, and escapes): where the shortcut applies, the sanitizer's
    /// output is the same markup as Markdig's (both read by the same HTML parser and written back by it).</summary>
    [Test]
    public void Where_the_shortcut_applies_the_sanitizer_would_change_nothing()
    {
        var texts = Directory.EnumerateFiles(Repo.Content, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f)).Select(t => t.StartsWith("---", StringComparison.Ordinal) ? t[(t.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..] : t)
            .Prepend(EveryConstruct).Concat(HostileContent.TextVectors).Concat(Doubtful).ToList();
        var shortcut = 0;
        foreach (var md in texts)
        {
            var document = Parse(md);
            if (MarkdownRenderer.NeedsSanitizer(document)) continue;
            shortcut++;
            var html = Renderer.Render(md, "practices/a.md", "practices/a/index.html").Html;
            Assert.That(Sanitised(html), Is.EqualTo(Reserialised(html)), md[..Math.Min(200, md.Length)]);
        }
        Assert.That(shortcut, Is.GreaterThan(texts.Count / 2), "most bodies take the shortcut");
        Assert.That(MarkdownRenderer.NeedsSanitizer(Parse(EveryConstruct)), Is.False, "the sampler is checked");
    }

    private static readonly Ganss.Xss.HtmlSanitizer Reference = MarkdownRenderer.CreateSanitizer();

    private static string Sanitised(string html) => Reference.Sanitize(html);

    private static string Reserialised(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        return document.Body!.InnerHtml;
    }
}
