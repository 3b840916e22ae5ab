using GobiernoElectronico.Render;

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
