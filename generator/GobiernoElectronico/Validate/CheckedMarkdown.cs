using GobiernoElectronico.Hashing;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Validate;

/// <summary>
/// The validate stage's part of the build cache on disk (<c>ge build</c>): the Markdown bodies the last build found
/// within <see cref="MarkdownLimits"/>, by the hash of their text. Checking a body parses it whole (the nesting depth
/// is the syntax tree's); a body with the same text passes again without being parsed (at 20,000 documents, validate
/// after an edit took 2.0 s against 2.5–2.7 s). A body that fails is checked, and reported, every time. Valid only for
/// the generator that wrote it (its assembly and Markdig's, by module id); deleting it changes nothing but the time.
/// </summary>
public sealed class CheckedMarkdown
{
    private const string Format = "ge-markdown-checks 1";

    private static string Generator { get; } = CacheFile.Generator(typeof(CheckedMarkdown), typeof(Markdig.Markdown));

    /// <summary>The texts known within the limits (the value says nothing more; none is written).</summary>
    private readonly TextRecord<bool> _passed;

    private CheckedMarkdown(TextRecord<bool> passed) => _passed = passed;

    /// <summary>No text known yet.</summary>
    public static CheckedMarkdown Empty() => new(new TextRecord<bool>());

    /// <summary>How many texts this build found known instead of checking them.</summary>
    public int Reused => _passed.Reused;

    /// <summary>How many texts the next build will know (those of this build that passed).</summary>
    public int Count => _passed.Count;

    /// <summary>As <see cref="MarkdownLimits.Problem"/>: null at once for a text the last build found within the limits,
    /// else the check. A text met twice in one build is checked twice, as without the cache: a corpus of copies (the
    /// benchmark's) gains nothing in its first build that real content would not.</summary>
    public string? Problem(string markdown)
    {
        if (markdown.Length > MarkdownLimits.MaxCharacters) return MarkdownLimits.Problem(markdown); // never hashed: refused at once
        var key = ContentHash.Key(markdown);
        if (_passed.TryReuse(key, out _)) return null;
        var problem = MarkdownLimits.Problem(markdown);
        if (problem is null) _passed.Keep(key, true);
        return problem;
    }

    /// <summary>The texts in <paramref name="file"/>; none when there is no file, it is another generator's, or it cannot
    /// be read whole (a cache is never a reason for a build to fail).</summary>
    public static CheckedMarkdown Read(string file) => new(TextRecord.Read<bool>(file, Format, Generator, (_, _) => true));

    /// <summary>Writes the texts this build found within the limits (those of files gone or changed are not carried on)
    /// to <paramref name="file"/>, whole or not at all.</summary>
    public void Write(string file) => _passed.Write(file, Format, Generator, (_, _) => { });
}
