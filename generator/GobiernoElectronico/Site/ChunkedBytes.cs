using System.Buffers;

namespace GobiernoElectronico.Site;

/// <summary>
/// Bytes written in chunks of <see cref="ChunkSize"/> rather than into one array that doubles as it fills, then copied once
/// into an array of their exact length (<see cref="ToArray"/>): for a large file made whole in memory. An
/// <see cref="ArrayBufferWriter{T}"/> of a 28 MB file (the lexicon at 20,104 documents) allocated arrays of 32, 16, 8, … MB and
/// the copy, 92 MB in all, in the large-object heap, which only a full collection frees: while the build's memory was at its
/// peak. The chunks are small objects, and garbage once copied.
/// </summary>
public sealed class ChunkedBytes : IBufferWriter<byte>
{
    /// <summary>The size of a chunk: under the large-object heap's threshold.</summary>
    public const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _full = [];
    private byte[] _current = [];
    private int _used;
    private long _fullLength;

    /// <summary>How many bytes were written.</summary>
    public long Length => _fullLength + _used;

    public void Advance(int count)
    {
        if (count < 0 || _used + count > _current.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Make(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Make(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>Starts a chunk when the current one has less room than asked for (at least one byte).</summary>
    private void Make(int sizeHint)
    {
        if (_current.Length - _used >= Math.Max(1, sizeHint)) return;
        if (_used > 0)
        {
            _full.Add(_used == _current.Length ? _current : _current[.._used]);
            _fullLength += _used;
        }
        _current = new byte[Math.Max(ChunkSize, sizeHint)];
        _used = 0;
    }

    /// <summary>Everything written, in one array of its length.</summary>
    public byte[] ToArray()
    {
        var all = new byte[Length];
        var at = 0;
        foreach (var chunk in _full)
        {
            chunk.CopyTo(all, at);
            at += chunk.Length;
        }
        _current.AsSpan(0, _used).CopyTo(all.AsSpan(at));
        return all;
    }
}
