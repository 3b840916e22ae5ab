using GobiernoElectronico.Hashing;
using GobiernoElectronico.Model;

namespace GobiernoElectronico.Tests.Load;

public class MarkdownTextTests
{
    [TestCase("")]
    [TestCase("# Título\n\nGestión municipal en São Paulo, Curaçao y Nuuk — ñandú 🌎.\r\n")]
    [TestCase("日本語 العربية ελληνικά")]
    public void Gives_back_the_text_it_was_given(string text)
    {
        MarkdownText body = text;
        Assert.That(body.Text, Is.EqualTo(text));
        Assert.That(body.IsEmpty, Is.EqualTo(text.Length == 0));
    }

    [Test]
    public void Equal_texts_are_equal_and_so_are_the_records_that_hold_them()
    {
        MarkdownText a = "Gestión *municipal*", b = new("Gestión *municipal*"), c = "Gestion *municipal*";
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a, Is.Not.EqualTo(c));
            Assert.That(a != c, Is.True);
        });
        var practice = new DirectoryEntry("x", "x.md", "X", "person", "AR", "public", null, null, [], "es", "s", a);
        Assert.That(practice with { Body = b }, Is.EqualTo(practice));
        Assert.That(practice with { Body = c }, Is.Not.EqualTo(practice));
    }

    [Test]
    public void Its_key_is_the_key_of_the_joined_text_the_render_cache_used_before()
    {
        MarkdownText body = "Gestión municipal en São Paulo 🌎\n";
        const string head = "links\npractices/x.md\nen/practices/x/index.html\n";
        Assert.That(ContentHash.Of(head, body.Utf8), Is.EqualTo(ContentHash.Of(head + body.Text)));
        Assert.That(ContentHash.Of(head, body.Utf8), Is.Not.EqualTo(ContentHash.Of(head + "Gestion municipal en São Paulo 🌎\n")));
    }

    [Test]
    public void In_json_it_is_the_string_it_holds()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { Body = (MarkdownText)"Gestión *municipal*" });
        Assert.That(json, Is.EqualTo("{\"Body\":\"Gesti\\u00F3n *municipal*\"}"));
        Assert.That(System.Text.Json.JsonSerializer.Deserialize<MarkdownText>("\"São Paulo\"")!.Text, Is.EqualTo("São Paulo"));
    }

    [Test]
    public void A_deferred_text_is_read_once_when_asked_for_and_must_be_the_text_it_was_known_as()
    {
        MarkdownText known = "Gestión municipal en São Paulo 🌎\n";
        var reads = 0;
        var bytes = known.Utf8.ToArray();
        var deferred = MarkdownText.Deferred(known.Utf8Length, known.Key, "practices/x.md", () =>
        {
            reads++;
            return bytes;
        });
        Assert.Multiple(() =>
        {
            Assert.That(deferred.IsRead, Is.False);
            Assert.That(deferred.Utf8Length, Is.EqualTo(known.Utf8Length));
            Assert.That(deferred, Is.EqualTo(known), "compared by length and key, without being read");
            Assert.That(deferred.GetHashCode(), Is.EqualTo(known.GetHashCode()));
            Assert.That(reads, Is.Zero);
            Assert.That(deferred.Text, Is.EqualTo(known.Text));
            Assert.That(deferred.Text, Is.EqualTo(known.Text));
            Assert.That(reads, Is.EqualTo(1), "read once");
        });

        // Bytes that are not the text it was known as (a file changed since): the reader is told which file, and why.
        var changed = MarkdownText.Deferred(known.Utf8Length, known.Key, "practices/x.md", () => System.Text.Encoding.UTF8.GetBytes("Gestión municipal en Sao Paulo 🌎!\n"));
        var thrown = Assert.Throws<ContentChangedException>(() => _ = changed.Text);
        Assert.That(thrown!.Path, Is.EqualTo("practices/x.md"));
        var shorter = MarkdownText.Deferred(known.Utf8Length, known.Key, "practices/x.md", () => bytes[..5]);
        Assert.Throws<ContentChangedException>(() => _ = shorter.Utf8.Length);
        var gone = MarkdownText.Deferred(known.Utf8Length, known.Key, "practices/x.md", () => throw new FileNotFoundException("gone"));
        Assert.That(Assert.Throws<ContentChangedException>(() => _ = gone.Text)!.Reason, Does.Contain("gone"));
    }

    [Test]
    public void A_text_let_go_is_read_again_when_asked_for_and_must_still_be_the_text_it_was()
    {
        const string Text = "Gestión municipal en São Paulo 🌎\n";
        var file = System.Text.Encoding.UTF8.GetBytes(Text);
        var reads = 0;
        byte[] Read()
        {
            reads++;
            return file;
        }
        var held = MarkdownText.FromUtf8(file);
        var key = held.Key;
        held.LetGo("practices/x.md", Read);
        Assert.Multiple(() =>
        {
            Assert.That(held.IsRead, Is.False, "its bytes let go");
            Assert.That(held.Utf8Length, Is.EqualTo(file.Length));
            Assert.That(held.Key, Is.EqualTo(key));
            Assert.That(reads, Is.Zero);
            Assert.That(held.Text, Is.EqualTo(Text));
            Assert.That(held.Text, Is.EqualTo(Text));
            Assert.That(reads, Is.EqualTo(1), "read again once");
        });

        // Let go again, the file changed meanwhile: the reader is told which file.
        held.LetGo("practices/x.md", Read);
        file = System.Text.Encoding.UTF8.GetBytes("Gestión municipal en Sao Paulo 🌎!\n");
        Assert.That(Assert.Throws<ContentChangedException>(() => _ = held.Text)!.Path, Is.EqualTo("practices/x.md"));

        // A text held from the start with nothing to read it again keeps its bytes; so does the empty text.
        var kept = MarkdownText.FromUtf8("texto"u8);
        kept.LetGo("practices/y.md", null);
        Assert.That(kept.IsRead, Is.True);
        MarkdownText.Empty.LetGo("practices/z.md", () => throw new InvalidOperationException("never read"));
        Assert.That(MarkdownText.Empty.Text, Is.Empty);
    }
}
