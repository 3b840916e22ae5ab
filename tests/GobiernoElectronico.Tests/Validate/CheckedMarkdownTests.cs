using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Tests.Validate;

/// <summary>The bodies a build found within the Markdown limits, kept in the build cache (<see cref="CheckedMarkdown"/>):
/// a body known is not parsed again, a body over the limits is refused by every build, a damaged file knows nothing.</summary>
public class CheckedMarkdownTests
{
    private const string Body = "## Qué es\n\nUna ventanilla única *municipal* con [enlace](https://example.org).\n\n- uno\n- dos\n";

    /// <summary>Quotes nested far past <see cref="MarkdownLimits.MaxDepth"/>: a problem for the check.</summary>
    private static readonly string Deep = new string('>', 2000) + " x";

    [Test]
    public void A_body_found_within_the_limits_passes_the_next_build_without_being_checked()
    {
        using var dir = new TempDir();
        var first = CheckedMarkdown.Empty();
        Assert.That(first.Problem(Body), Is.Null);
        Assert.That(first.Problem(Deep), Is.EqualTo(MarkdownLimits.Problem(Deep)).And.Not.Null);
        Assert.That(first.Reused, Is.Zero);
        Assert.That(first.Count, Is.EqualTo(1), "only the body that passed is kept");
        first.Write(dir["markdown-checks"]);

        var next = CheckedMarkdown.Read(dir["markdown-checks"]);
        Assert.That(next.Problem(Body), Is.Null);
        Assert.That(next.Reused, Is.EqualTo(1));
        Assert.That(next.Problem(Deep), Is.Not.Null, "refused by every build");
        Assert.That(next.Problem(Body + "más"), Is.Null);
        Assert.That(next.Reused, Is.EqualTo(1), "another text is checked");
        Assert.That(next.Count, Is.EqualTo(2));
    }

    [Test]
    public void A_body_found_within_the_limits_gives_its_links_as_a_parse_does()
    {
        using var dir = new TempDir();
        var text = "Ver [la guía](../practices/guia.md#pasos) y ![mapa](../media/mapa.png).\n\n> [cita](https://example.org \"t\")\n";
        var first = CheckedMarkdown.Empty();
        Assert.That(first.Links(text), Is.Null, "not checked yet");
        Assert.That(first.Problem(text), Is.Null);
        var parsed = MarkdownLink.Of(text);
        Assert.That(parsed.Select(l => (l.Url, l.IsImage)), Is.EqualTo(new[]
        {
            ("../practices/guia.md#pasos", false), ("../media/mapa.png", true), ("https://example.org", false),
        }));
        Assert.That(first.Links(text), Is.EqualTo(parsed));
        Assert.That(first.Links(Deep), Is.Null, "a text over the limits is parsed by whoever needs its links");
        first.Write(dir["markdown-checks"]);

        var next = CheckedMarkdown.Read(dir["markdown-checks"]);
        Assert.That(next.Links(text), Is.EqualTo(parsed), "read back before the text is checked again");
        Assert.That(next.Problem(text), Is.Null);
        Assert.That(next.Reused, Is.EqualTo(1));
        Assert.That(next.Links("no links here"), Is.Null);
    }

    [Test]
    public void A_file_that_already_holds_what_the_next_build_finds_is_not_written_again()
    {
        using var dir = new TempDir();
        var first = CheckedMarkdown.Empty();
        first.Problem(Body);
        first.Write(dir["markdown-checks"]);
        var written = File.GetLastWriteTimeUtc(dir["markdown-checks"]);
        File.SetLastWriteTimeUtc(dir["markdown-checks"], written.AddHours(-1));

        var same = CheckedMarkdown.Read(dir["markdown-checks"]);
        Assert.That(same.Problem(Body), Is.Null);
        same.Write(dir["markdown-checks"]);
        Assert.That(File.GetLastWriteTimeUtc(dir["markdown-checks"]), Is.EqualTo(written.AddHours(-1)), "every text taken, none added");

        var grown = CheckedMarkdown.Read(dir["markdown-checks"]);
        grown.Problem(Body);
        grown.Problem(Body + "más");
        grown.Write(dir["markdown-checks"]);
        var after = CheckedMarkdown.Read(dir["markdown-checks"]);
        after.Problem(Body + "más");
        after.Write(dir["markdown-checks"]);
        var last = CheckedMarkdown.Read(dir["markdown-checks"]);
        Assert.That(last.Problem(Body), Is.Null);
        Assert.That(last.Reused, Is.Zero, "a text the last build did not meet is not carried on: the file was written");
        Assert.That(File.GetLastWriteTimeUtc(dir["markdown-checks"]), Is.Not.EqualTo(written.AddHours(-1)));
    }

    [Test]
    public void A_damaged_or_foreign_file_knows_no_body()
    {
        using var dir = new TempDir();
        var first = CheckedMarkdown.Empty();
        first.Problem(Body);
        first.Write(dir["markdown-checks"]);
        var bytes = File.ReadAllBytes(dir["markdown-checks"]);
        // The file ends with the record's count, the body's key (16 bytes), its links ("end" last, 4 bytes): a count of
        // links, then each link's line, column, address (a length byte and its UTF-8) and whether it is an image.
        var links = 4 + (4 + 4 + 1 + "https://example.org".Length + 1);
        var linkCount = bytes.Length - 4 - links;
        var recordCount = linkCount - 16 - 4;
        foreach (var (name, content) in new (string, byte[])[]
        {
            ("cut short", bytes[..(bytes.Length - 8)]),
            ("another format", System.Text.Encoding.UTF8.GetBytes("ge-markdown-checks 1")),
            ("a count of texts past the file", [.. bytes[..recordCount], 0xff, 0xff, 0xff, 0x7f, .. bytes[(recordCount + 4)..]]),
            ("a count of links past the file", [.. bytes[..linkCount], 0xff, 0xff, 0xff, 0x7f, .. bytes[(linkCount + 4)..]]),
        })
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = CheckedMarkdown.Read(dir["damaged"]);
            Assert.That(read.Problem(Body), Is.Null, name);
            Assert.That(read.Reused, Is.Zero, name);
        }
    }
}
