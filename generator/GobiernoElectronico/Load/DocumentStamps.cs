using System.Collections.Concurrent;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Load;

/// <summary>
/// The load stage's record of the documents it read, in the build cache (<c>ge build</c>): each file's time of last write
/// and length, with where its front matter's tree is kept (<see cref="ParseCache"/>) and the length and key of its text up to
/// the body and of its body. A file whose time and length are the ones recorded is not read: its document is made of its
/// tree and of a head and body read from the file only if the build asks for them (<see cref="Model.MarkdownText.Deferred"/>),
/// which checks that their bytes are still the ones recorded. At 20,000 documents a build after an edit read every file
/// and copied every body (70 MB) to find one changed. Only a document read without any problem is recorded: one with a
/// problem is read, and reported, every time. Valid only for the generator that wrote it; deleting it changes nothing but
/// the time. The same rule as <c>ge serve</c>'s: a file rewritten with the same length and its old time of last write (by
/// a tool that sets it back on purpose) is taken as unchanged.
/// </summary>
public sealed class DocumentStamps
{
    private const string Format = "ge-document-stamps 1";

    private static string Generator { get; } = CacheFile.Generator(typeof(DocumentStamps), typeof(YamlDotNet.Core.Parser));

    /// <summary>One document as read.</summary>
    /// <param name="Written">The file's time of last write, in UTC ticks.</param>
    /// <param name="Length">The file's length in bytes.</param>
    /// <param name="Tree">The front matter's key in the <see cref="ParseCache"/>.</param>
    /// <param name="HeadStart">Where the text up to the body starts in the file (after a byte-order mark).</param>
    /// <param name="HeadLength">Its length in bytes (the body follows it, to the end of the file).</param>
    /// <param name="Head">Its key.</param>
    /// <param name="Body">The body's key.</param>
    /// <param name="BodyFirstLine">The file line the body starts on.</param>
    /// <param name="MayHoldPlaceholder">Whether a line of the body may be a placeholder <c>ge new</c> writes.</param>
    public readonly record struct Entry(long Written, long Length, Hash128 Tree, int HeadStart, int HeadLength, Hash128 Head, Hash128 Body,
        int BodyFirstLine, bool MayHoldPlaceholder)
    {
        /// <summary>Where the body starts in the file.</summary>
        public long BodyStart => HeadStart + HeadLength;

        /// <summary>The body's length in bytes.</summary>
        public int BodyLength => (int)(Length - BodyStart);

        /// <summary>Whether the entry describes a file this long: its parts within it (a damaged cache gives no entry).</summary>
        public bool IsWhole => HeadStart >= 0 && HeadLength >= 0 && BodyStart <= Length && Length - BodyStart <= int.MaxValue && BodyFirstLine > 0;
    }

    private readonly IReadOnlyDictionary<string, Entry> _last;
    private readonly ConcurrentDictionary<string, Entry> _next = new(StringComparer.Ordinal);
    private int _reused;

    private DocumentStamps(IReadOnlyDictionary<string, Entry> last) => _last = last;

    /// <summary>A record that knows no file yet.</summary>
    public static DocumentStamps Empty() => new(new Dictionary<string, Entry>());

    /// <summary>How many documents this build made without reading their files.</summary>
    public int Reused => _reused;

    /// <summary>How many documents the next build will find (those of this build read without a problem).</summary>
    public int Count => _next.Count;

    /// <summary>The last build's entry of <paramref name="file"/> (a full path), when the file still has the time of last
    /// write and length it had then; carried on to the next build. False otherwise.</summary>
    public bool TryReuse(string file, long written, long length, out Entry entry)
    {
        if (!_last.TryGetValue(file, out entry) || entry.Written != written || entry.Length != length) return false;
        _next[file] = entry;
        Interlocked.Increment(ref _reused);
        return true;
    }

    /// <summary>Records a document this build read without a problem, for the next build.</summary>
    public void Keep(string file, Entry entry) => _next[file] = entry;

    /// <summary>The record in <paramref name="file"/>; an empty one when there is none, it is another generator's, or it
    /// cannot be read whole (a cache is never a reason for a build to fail).</summary>
    public static DocumentStamps Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length / 64) return null; // not a count this file can hold
        var entries = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var entry = new Entry(reader.ReadInt64(), reader.ReadInt64(), CacheFile.ReadKey(reader), reader.ReadInt32(), reader.ReadInt32(), CacheFile.ReadKey(reader),
                CacheFile.ReadKey(reader), reader.ReadInt32(), reader.ReadBoolean());
            if (!entry.IsWhole) return null;
            entries[path] = entry;
        }
        return reader.ReadString() == "end" ? new DocumentStamps(entries) : null;
    }) ?? Empty();

    /// <summary>Writes what the next build will find to <paramref name="file"/>, in path order, whole or not at all.</summary>
    public void Write(string file) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        var entries = _next.ToArray();
        Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.Write(entries.Length);
        foreach (var (path, e) in entries)
        {
            writer.Write(path);
            writer.Write(e.Written);
            writer.Write(e.Length);
            CacheFile.WriteKey(writer, e.Tree);
            writer.Write(e.HeadStart);
            writer.Write(e.HeadLength);
            CacheFile.WriteKey(writer, e.Head);
            CacheFile.WriteKey(writer, e.Body);
            writer.Write(e.BodyFirstLine);
            writer.Write(e.MayHoldPlaceholder);
        }
        writer.Write("end");
    });

    /// <summary>The bytes of <paramref name="file"/> from <paramref name="offset"/>, <paramref name="length"/> of them (fewer when
    /// the file has become shorter: the caller then finds them not the text it recorded).</summary>
    public static byte[] ReadRange(string file, long offset, int length)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), offset + read);
            if (n == 0) return bytes[..read];
            read += n;
        }
        return bytes;
    }
}
