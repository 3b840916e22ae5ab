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
    public void A_damaged_or_foreign_file_knows_no_body()
    {
        using var dir = new TempDir();
        var first = CheckedMarkdown.Empty();
        first.Problem(Body);
        first.Write(dir["markdown-checks"]);
        var bytes = File.ReadAllBytes(dir["markdown-checks"]);
        foreach (var (name, content) in new (string, byte[])[]
        {
            ("cut short", bytes[..(bytes.Length - 8)]),
            ("another format", System.Text.Encoding.UTF8.GetBytes("ge-markdown-checks 0")),
            ("a count past the file", [.. bytes[..^24], 0xff, 0xff, 0xff, 0x7f, .. bytes[^20..]]),
        })
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = CheckedMarkdown.Read(dir["damaged"]);
            Assert.That(read.Problem(Body), Is.Null, name);
            Assert.That(read.Reused, Is.Zero, name);
        }
    }
}
