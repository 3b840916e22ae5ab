using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Validate;

/// <summary>
/// The validate stage's part of the build cache on disk (<c>ge build</c>): the Markdown bodies the last build found
/// within <see cref="MarkdownLimits"/>, by the hash of their text, each with its links and images. Checking a body parses
/// it whole (the nesting depth is the syntax tree's), and the link check reads the links of that parse; a body with the
/// same text passes again, and gives its links, without being parsed (at 20,000 documents, validate after an edit took
/// 2.0 s against 2.5–2.7 s without the checks kept, and the link check parsed every body again for 0.6 s of CPU before
/// the links were kept too). A body that fails is checked, and reported, every time. Valid only for the generator that
/// wrote it (its assembly and Markdig's, by module id); deleting it changes nothing but the time. A build without the
/// cache makes an empty one, so that each body is still parsed once for both checks.
/// </summary>
public sealed class CheckedMarkdown
{
    private const string Format = "ge-markdown-checks 3";

    private static string Generator { get; } = CacheFile.Generator(typeof(CheckedMarkdown), typeof(Markdig.Markdown));

    /// <summary>The texts known within the limits, with their links.</summary>
    private readonly TextRecord<MarkdownLink[]> _passed;

    private CheckedMarkdown(TextRecord<MarkdownLink[]> passed) => _passed = passed;

    /// <summary>No text known yet.</summary>
    public static CheckedMarkdown Empty() => new(new TextRecord<MarkdownLink[]>());

    /// <summary>How many texts this build found known instead of checking them.</summary>
    public int Reused => _passed.Reused;

    /// <summary>How many texts the next build will know (those of this build that passed).</summary>
    public int Count => _passed.Count;

    /// <summary>As <see cref="MarkdownLimits.Problem"/>: null at once for a text the last build found within the limits,
    /// else the check. A text met twice in one build is checked twice, as without the cache: a corpus of copies (the
    /// benchmark's) gains nothing in its first build that real content would not. Texts go by their <see cref="MarkdownText.Key"/>
    /// (a body's is worked out once for the whole build), and a known one is not decoded.</summary>
    public string? Problem(MarkdownText markdown)
    {
        // Never hashed when it may be over the length limit (its UTF-8 is at least as long as its text): refused at once.
        if (markdown.Utf8Length > MarkdownLimits.MaxCharacters) return MarkdownLimits.Problem(markdown.Text);
        var key = markdown.Key;
        if (_passed.TryReuse(key, out _)) return null;
        var (problem, links) = MarkdownLimits.Check(markdown.Text);
        if (problem is null) _passed.Keep(key, links);
        return problem;
    }

    /// <summary>The links and images of a text this build or the last found within the limits (<see cref="Problem"/>);
    /// null for any other text (then parse it: <see cref="MarkdownLink.Of"/>).</summary>
    public MarkdownLink[]? Links(MarkdownText markdown) =>
        markdown.Utf8Length <= MarkdownLimits.MaxCharacters && _passed.TryGet(markdown.Key, out var links) ? links : null;

    /// <summary>The texts in <paramref name="file"/>; none when there is no file, it is another generator's, or it cannot
    /// be read whole (a cache is never a reason for a build to fail).</summary>
    public static CheckedMarkdown Read(string file) => new(TextRecord.Read(file, Format, Generator, ReadLinks));

    /// <summary>Writes the texts this build found within the limits (those of files gone or changed are not carried on)
    /// to <paramref name="file"/>, whole or not at all.</summary>
    public void Write(string file) => _passed.Write(file, Format, Generator, WriteLinks);

    private static void WriteLinks(BinaryWriter writer, MarkdownLink[] links)
    {
        writer.Write(links.Length);
        foreach (var link in links)
        {
            writer.Write(link.Line);
            writer.Write(link.Column);
            writer.Write(link.Url);
            writer.Write(link.IsImage);
        }
    }

    private static MarkdownLink[] ReadLinks(BinaryReader reader, long length)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > length) throw new FormatException("not a count this file can hold");
        var links = new MarkdownLink[count];
        for (var i = 0; i < count; i++) links[i] = new MarkdownLink(reader.ReadInt32(), reader.ReadInt32(), reader.ReadString(), reader.ReadBoolean());
        return links;
    }
}
