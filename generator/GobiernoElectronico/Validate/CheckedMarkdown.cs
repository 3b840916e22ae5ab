using System.Collections.Concurrent;
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

    private static string Generator { get; } = string.Join(",", new[] { typeof(CheckedMarkdown), typeof(Markdig.Markdown) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    private readonly IReadOnlySet<UInt128> _last;
    private readonly ConcurrentDictionary<UInt128, byte> _passed = new();
    private int _reused;

    private CheckedMarkdown(IReadOnlySet<UInt128> last) => _last = last;

    /// <summary>No text known yet.</summary>
    public static CheckedMarkdown Empty() => new(new HashSet<UInt128>());

    /// <summary>How many texts this build found known instead of checking them.</summary>
    public int Reused => _reused;

    /// <summary>How many texts the next build will know (those of this build that passed).</summary>
    public int Count => _passed.Count;

    /// <summary>As <see cref="MarkdownLimits.Problem"/>: null at once for a text the last build found within the limits,
    /// else the check. A text met twice in one build is checked twice, as without the cache: a corpus of copies (the
    /// benchmark's) gains nothing in its first build that real content would not.</summary>
    public string? Problem(string markdown)
    {
        if (markdown.Length > MarkdownLimits.MaxCharacters) return MarkdownLimits.Problem(markdown); // never hashed: refused at once
        var key = ContentHash.Key(markdown);
        if (_last.Contains(key))
        {
            _passed.TryAdd(key, 0);
            Interlocked.Increment(ref _reused);
            return null;
        }
        var problem = MarkdownLimits.Problem(markdown);
        if (problem is null) _passed.TryAdd(key, 0);
        return problem;
    }

    /// <summary>The texts in <paramref name="file"/>; none when there is no file, it is another generator's, or it cannot
    /// be read whole (a cache is never a reason for a build to fail).</summary>
    public static CheckedMarkdown Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length / 16) return null; // not a count this file can hold
        var known = new HashSet<UInt128>(count);
        for (var i = 0; i < count; i++)
        {
            var high = reader.ReadUInt64();
            known.Add(new UInt128(high, reader.ReadUInt64()));
        }
        return reader.ReadString() == "end" ? new CheckedMarkdown(known) : null;
    }) ?? Empty();

    /// <summary>Writes the texts this build found within the limits (those of files gone or changed are not carried on)
    /// to <paramref name="file"/>, whole or not at all.</summary>
    public void Write(string file) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        var keys = _passed.Keys.Order().ToList();
        writer.Write(keys.Count);
        foreach (var key in keys)
        {
            writer.Write((ulong)(key >> 64));
            writer.Write((ulong)key);
        }
        writer.Write("end");
    });
}
