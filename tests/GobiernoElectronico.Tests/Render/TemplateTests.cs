using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Render;
using GobiernoElectronico.Tests.Support;
using Scriban.Runtime;

namespace GobiernoElectronico.Tests.Render;

public class TemplateTests
{
    private static (string? Html, IReadOnlyList<Diagnostic> Errors) RenderWith(string page, string layout, ScriptObject model, string? partial = null)
    {
        using var dir = new TempDir();
        dir.Write("pages/p.html", page);
        dir.Write("layout.html", layout);
        if (partial is not null) dir.Write("partials/x.html", partial);
        var bag = new DiagnosticBag();
        var html = new TemplateSet(dir.Path, bag).RenderPage("pages/p.html", model);
        return (html, bag.Sorted());
    }

    [Test]
    public void Every_value_is_escaped_unless_it_is_raw_html()
    {
        var model = new ScriptObject { ["v"] = "<script>\"x\" & 'y'</script>", ["raw"] = new RawHtml("<em>ok</em>") };
        var (html, errors) = RenderWith("<p title=\"{{ v }}\">{{ v }}</p>{{ raw }}", "<main>{{ content }}</main>", model);
        Assert.That(errors, Is.Empty);
        Assert.That(html, Is.EqualTo("<main><p title=\"&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;\">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</p><em>ok</em></main>"));
    }

    [Test]
    public void A_page_of_more_than_a_mebibyte_of_characters_is_not_cut()
    {
        // Scriban's default LimitToString cut such a page at 1,048,576 characters, ending it with "...".
        var items = Enumerable.Range(0, 30_000).Select(i => $"item {i:00000} with some words").ToList();
        var (html, errors) = RenderWith("<ul>{{ for i in items }}<li>{{ i }}</li>{{ end }}</ul>", "<main>{{ partial 'x' content }}</main>", new ScriptObject { ["items"] = items }, "{{ it }}");
        Assert.That(errors, Is.Empty);
        Assert.That(html!.Length, Is.GreaterThan(1_048_576));
        Assert.That(html, Does.EndWith("<li>item 29999 with some words</li></ul></main>"));
    }

    /// <summary>The page's template is rendered where the layout writes <c>{{ content }}</c>, straight into the layout's
    /// output (a string of its own for every page was a fifth of what rendering allocated). Used as a value — passed to a
    /// partial, piped, compared, written twice — <c>content</c> is still the page's HTML; what the page's template sets is
    /// seen by the layout after <c>{{ content }}</c>; an error in the page is reported at the page's file and line.</summary>
    [Test]
    public void The_layout_writes_the_page_where_it_says_content_and_can_use_it_as_a_value()
    {
        var model = new ScriptObject { ["v"] = "a<b", ["who"] = "layout" };
        var page = "<p>{{ v }}</p>{{ who = 'page' }}";
        Assert.That(RenderWith(page, "<h>{{ who }}</h><main>{{ content }}</main><f>{{ who }}</f>", model).Html,
            Is.EqualTo("<h>layout</h><main><p>a&lt;b</p></main><f>page</f>"));
        Assert.That(RenderWith(page, "[{{ content | string.size }}]{{ if content != '' }}<main>{{ content }}</main>{{ end }}{{ content }}",
            new ScriptObject { ["v"] = "a<b", ["who"] = "x" }).Html, Is.EqualTo("[13]<main><p>a&lt;b</p></main><p>a&lt;b</p>"));
        Assert.That(RenderWith(page, "<main>{{ partial 'x' content }}</main>", new ScriptObject { ["v"] = "a<b", ["who"] = "x" }, "<x>{{ it }}</x>").Html,
            Is.EqualTo("<main><x><p>a&lt;b</p></x></main>"));
        var (html, errors) = RenderWith("ok\n{{ nope }}", "<main>{{ content }}</main>", new ScriptObject());
        Assert.That(html, Is.Null);
        Assert.That(errors.Single().Path, Does.EndWith("pages/p.html"));
        Assert.That(errors.Single().Position.Line, Is.EqualTo(2));
    }

    /// <summary>A partial standing alone is written where it stands, straight into its caller's output (a string of its
    /// own for each partial was a tenth of what rendering allocated); used as a value, it is the partial's HTML. Both give
    /// the same text.</summary>
    [Test]
    public void A_partial_standing_alone_is_written_in_place_and_as_a_value_is_its_html()
    {
        var model = new ScriptObject { ["v"] = "a<b" };
        const string partial = "<li>\n{{ it }}\n</li>";
        Assert.That(RenderWith("<ul>\n{{ partial 'x' v }}\n</ul>", "{{ content }}", model, partial).Html,
            Is.EqualTo("<ul>\n<li>\na&lt;b\n</li>\n</ul>"));
        Assert.That(RenderWith("<ul>\n{{ h = partial 'x' v }}{{ h }}\n</ul>[{{ h | string.size }}]", "{{ content }}", model, partial).Html,
            Is.EqualTo("<ul>\n<li>\na&lt;b\n</li>\n</ul>[17]"));
        Assert.That(RenderWith("{{ partial 'x' (partial 'x' v) }}", "{{ content }}", model, "<i>{{ it }}</i>").Html, Is.EqualTo("<i><i>a&lt;b</i></i>"));
    }

    /// <summary>A partial that calls itself, standing alone or as a value, is a template error at its file, not a crash.</summary>
    [TestCase("{{ partial 'x' it }}")]
    [TestCase("{{ h = partial 'x' it }}{{ h }}")]
    public void A_partial_that_calls_itself_is_an_error_not_a_crash(string partial)
    {
        var (html, errors) = RenderWith("{{ partial 'x' 1 }}", "{{ content }}", new ScriptObject(), partial);
        Assert.That(html, Is.Null);
        Assert.That(errors, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(errors[0].Code, Is.EqualTo(ErrorCodes.TemplateError));
        Assert.That(errors[0].Path, Does.EndWith(Path.Combine("partials", "x.html")));
    }

    [Test]
    public void Accents_are_written_as_utf8_not_entities()
    {
        var (html, _) = RenderWith("{{ v }}", "{{ content }}", new ScriptObject { ["v"] = "Perú, Bolívia" });
        Assert.That(html, Is.EqualTo("Perú, Bolívia"));
    }

    [Test]
    public void Partials_render_with_it_and_are_not_escaped_twice()
    {
        var (html, errors) = RenderWith("{{ partial 'x' v }}", "{{ content }}", new ScriptObject { ["v"] = "a<b" }, "<i>{{ it }}</i>");
        Assert.That(errors, Is.Empty);
        Assert.That(html, Is.EqualTo("<i>a&lt;b</i>"));
    }

    /// <summary>A thread renders its pages with one Scriban context, given back after each page (a context was a ninth of
    /// what rendering allocated). Nothing of one page may reach the next: not its variables, not what a partial or a
    /// failed page left half written, not the output of another template set.</summary>
    [Test]
    public void Pages_rendered_one_after_another_on_a_thread_leave_nothing_to_the_next()
    {
        using var dir = new TempDir();
        dir.Write("pages/p.html", "{{ if fail }}{{ partial 'missing' 1 }}{{ end }}{{ x = (x ?? '') + v }}[{{ x }}]{{ partial 'outer' v }}");
        dir.Write("layout.html", "<main>{{ content }}</main>");
        dir.Write("partials/outer.html", "<o>{{ partial 'inner' it }}{{ it }}</o>");
        dir.Write("partials/inner.html", "<i>{{ it }}</i>");
        var bag = new DiagnosticBag();
        var templates = new TemplateSet(dir.Path, bag);
        ScriptObject Model(string v, bool fail = false) => new() { ["v"] = v, ["fail"] = fail, ["x"] = null };
        string Expected(string v) => $"<main>[{v}]<o><i>{v}</i>{v}</o></main>";

        var results = new List<string?>();
        Task.Run(() =>
        {
            results.Add(templates.RenderPage("pages/p.html", Model("a")));
            results.Add(templates.RenderPage("pages/p.html", Model("b", fail: true)));
            results.Add(templates.RenderPage("pages/p.html", Model("c")));
            results.Add(new TemplateSet(dir.Path, new DiagnosticBag()).RenderPage("pages/p.html", Model("d")));
            results.Add(templates.RenderPage("pages/p.html", Model(new string('e', 50_000))));
            results.Add(templates.RenderPage("pages/p.html", Model("f")));
        }).Wait();
        Assert.That(results, Is.EqualTo(new[] { Expected("a"), null, Expected("c"), Expected("d"), Expected(new string('e', 50_000)), Expected("f") }));
        Assert.That(bag.Sorted().Select(d => d.Message), Has.Some.Contains("partial 'missing' could not be loaded"), "the failed page is reported");
    }

    /// <summary>The site takes each page as UTF-8 straight from Scriban's builder: the same bytes as the page's string
    /// encoded, whether the builder holds the page in one chunk or in several (the first large page), with accents, emoji
    /// and a lone surrogate (which both write as U+FFFD).</summary>
    [Test]
    public void A_page_taken_as_utf8_is_the_utf8_of_the_page()
    {
        using var dir = new TempDir();
        dir.Write("pages/p.html", "{{ v }}{{ partial 'x' v }}");
        dir.Write("partials/x.html", "<x>{{ it }}</x>");
        dir.Write("layout.html", "<main>{{ content }}</main>ñ");
        var templates = new TemplateSet(dir.Path, new DiagnosticBag());
        string[] values = ["Perú, Bolívia 🌎", new string('a', 40_000) + "🌎" + new string('b', 40_000), "lone \ud800 surrogate", "small again", new string('é', 100_000)];
        Task.Run(() =>
        {
            foreach (var v in values)
            {
                // Bytes first: a page larger than any before it finds the builder in several chunks.
                var bytes = templates.RenderPageUtf8("pages/p.html", new ScriptObject { ["v"] = v }, out var partials);
                var text = templates.RenderPage("pages/p.html", new ScriptObject { ["v"] = v });
                Assert.That(bytes, Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(text!)), v[..Math.Min(20, v.Length)]);
                Assert.That(partials, Is.EqualTo(new[] { Path.Combine("partials", "x.html") }));
            }
        }).Wait();
    }

    [Test]
    public void Template_errors_are_reported_with_file_and_position()
    {
        var (html, errors) = RenderWith("ok\n{{ if }}", "{{ content }}", new ScriptObject());
        Assert.That(html, Is.Null);
        var error = errors[0];
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.TemplateError));
        Assert.That(error.Path, Does.EndWith("pages/p.html"));
        Assert.That(error.Position.Line, Is.EqualTo(2));
    }

    [Test]
    public void Unknown_variables_are_errors_not_silent_blanks()
    {
        var (html, errors) = RenderWith("{{ nope }}", "{{ content }}", new ScriptObject());
        Assert.That(html, Is.Null);
        Assert.That(errors.Single().Message, Does.Contain("nope"));
    }
}
