using System.Collections.Concurrent;
using GobiernoElectronico.Hashing;

namespace GobiernoElectronico.Site;

/// <summary>
/// A part of the build cache that keeps work done on texts, by a 128-bit key of each text (<c>ContentHash.Key</c>): what
/// the last build kept, and what this build took from it or made, which is all the next build will find (the work of
/// files gone or changed is not carried on). Read and written through <see cref="CacheFile"/> behind a format line and
/// the generator's identity; a file that is missing, damaged or another generator's is an empty record. The front
/// matter's trees (<c>Load.ParseCache</c>) and the bodies within the Markdown limits (<c>Validate.CheckedMarkdown</c>)
/// are two.
/// </summary>
public sealed class TextRecord<T>
{
    private readonly IReadOnlyDictionary<Hash128, T> _last;
    private readonly ConcurrentDictionary<Hash128, T> _next = new();
    private int _reused;

    /// <summary>The file the last build's record was read from (null for a record made empty).</summary>
    private readonly string? _readFrom;

    /// <summary>Whether this build kept work the last build's record does not hold.</summary>
    private volatile bool _added;

    internal TextRecord(IReadOnlyDictionary<Hash128, T> last, string? readFrom = null)
    {
        _last = last;
        _readFrom = readFrom;
    }

    /// <summary>A record that knows no text yet.</summary>
    public TextRecord() : this(new Dictionary<Hash128, T>()) { }

    /// <summary>How many texts this build took from the last build's record.</summary>
    public int Reused => _reused;

    /// <summary>How many texts the next build will find (those this build took or kept).</summary>
    public int Count => _next.Count;

    /// <summary>The last build's work on the text of <paramref name="key"/>, carried on to the next build; false when the
    /// last build kept none.</summary>
    public bool TryReuse(Hash128 key, out T value)
    {
        if (!_last.TryGetValue(key, out value!)) return false;
        _next[key] = value;
        Interlocked.Increment(ref _reused);
        return true;
    }

    /// <summary>The work on the text of <paramref name="key"/> this build kept or took, else the last build's (not carried
    /// on by this look-up); false when neither has any.</summary>
    public bool TryGet(Hash128 key, out T value) => _next.TryGetValue(key, out value!) || _last.TryGetValue(key, out value!);

    /// <summary>Keeps this build's work on the text of <paramref name="key"/> for the next build.</summary>
    public void Keep(Hash128 key, T value)
    {
        if (!_last.TryGetValue(key, out var was) || !EqualityComparer<T>.Default.Equals(was, value)) _added = true;
        _next[key] = value;
    }

    /// <summary>Whether <paramref name="file"/> already holds what the next build will find: this record was read from it,
    /// and this build took every text of it and kept nothing else (after an edit of a body, the front matter's trees).</summary>
    public bool Holds(string file) => !_added && _readFrom == file && _next.Count == _last.Count;

    /// <summary>Writes what the next build will find to <paramref name="file"/>, in key order, whole or not at all; nothing
    /// when the file holds it already (<see cref="Holds"/>: the same bytes).</summary>
    public void Write(string file, string format, string generator, Action<BinaryWriter, T> writeValue)
    {
        if (!Holds(file)) WriteWhole(file, format, generator, writeValue);
    }

    private void WriteWhole(string file, string format, string generator, Action<BinaryWriter, T> writeValue) => CacheFile.Write(file, writer =>
    {
        writer.Write(format);
        writer.Write(generator);
        var kept = _next.OrderBy(kv => kv.Key).ToList();
        writer.Write(kept.Count);
        foreach (var (key, value) in kept)
        {
            CacheFile.WriteKey(writer, key);
            writeValue(writer, value);
        }
        writer.Write("end");
    });
}

/// <summary>Reads a <see cref="TextRecord{T}"/> from the build cache.</summary>
public static class TextRecord
{
    /// <summary>The record in <paramref name="file"/>, each value read by <paramref name="readValue"/> (given the file's
    /// length, to bound what it reads; a value it cannot read is a <see cref="FormatException"/>); an empty record when
    /// the file is missing, damaged, or not of this <paramref name="format"/> and <paramref name="generator"/>.</summary>
    public static TextRecord<T> Read<T>(string file, string format, string generator, Func<BinaryReader, long, T> readValue) =>
        CacheFile.Read(file, reader =>
        {
            if (reader.ReadString() != format || reader.ReadString() != generator) return null;
            var length = reader.BaseStream.Length;
            var count = reader.ReadInt32();
            if (count < 0 || count > length / 16) return null; // not a count this file can hold: each key is 16 bytes
            var kept = new Dictionary<Hash128, T>(count);
            for (var i = 0; i < count; i++)
            {
                kept[CacheFile.ReadKey(reader)] = readValue(reader, length);
            }
            return reader.ReadString() == "end" ? new TextRecord<T>(kept, file) : null;
        }) ?? new TextRecord<T>();
}
