using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GobiernoElectronico.Hashing;

/// <summary>
/// SHA-256 keys of what builds are made from (cache keys, fingerprints), in hexadecimal: one place for the
/// index, render and pipeline layers alike.
/// </summary>
internal static class ContentHash
{
    public static string Of(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A 128-bit key of <paramref name="text"/> (its UTF-16 code units, not copied) and of <paramref name="salt"/>,
    /// from SHA-256: the build cache's key of a text whose parse or check it keeps.</summary>
    public static Hash128 Key(ReadOnlySpan<char> text, int salt = 0)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(prefix, salt);
        hash.AppendData(prefix);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text));
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Hash128.FromLittleEndian(digest);
    }

    /// <summary>A 128-bit key of <paramref name="bytes"/>, from SHA-256 (as <see cref="Key(ReadOnlySpan{char}, int)"/>, of bytes).</summary>
    public static Hash128 Key(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Hash128.FromLittleEndian(digest);
    }

    /// <summary>The same key as <see cref="Of(string)"/> of <paramref name="head"/> followed by the text whose UTF-8 is
    /// <paramref name="tail"/>, without joining them into one string first.</summary>
    /// <remarks>The two are copied into one pooled buffer and hashed at once: an incremental hash is a native context made
    /// and freed per call, which cost as much as the hashing for the 60,000 page texts of 20,000 practices.</remarks>
    public static string Of(string head, ReadOnlySpan<byte> tail)
    {
        var length = Encoding.UTF8.GetByteCount(head) + tail.Length;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(head, buffer);
            tail.CopyTo(buffer.AsSpan(written));
            return Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, length)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The hash of a value's JSON, computed as it is serialised: the searchable text of 20,000 documents
    /// is hundreds of MiB as one string, which a key has no need to hold.</summary>
    /// <param name="cancel">Checked as the JSON is written: a build nobody waits for any more stops within milliseconds.</param>
    /// <remarks>Each thread keeps one incremental hash and resets it after use, as <see cref="Of(string, ReadOnlySpan{byte})"/>
    /// avoids making one: a native context made and freed per call, and a fingerprint is hashed for every page.</remarks>
    public static string OfJson<T>(T value, JsonSerializerOptions? options = null, CancellationToken cancel = default)
    {
        var hash = t_json ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        t_json = null; // taken while in use: a key made while this one is written would get a hash of its own
        try
        {
            using (var stream = new HashingStream(hash, cancel)) JsonSerializer.Serialize(stream, value, options);
            return Convert.ToHexString(hash.GetHashAndReset());
        }
        catch
        {
            hash.GetHashAndReset(); // what a failed or cancelled serialisation wrote is not left for the next key
            throw;
        }
        finally
        {
            t_json = hash;
        }
    }

    [ThreadStatic]
    private static IncrementalHash? t_json;

    private sealed class HashingStream(IncrementalHash hash, CancellationToken cancel) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            cancel.ThrowIfCancellationRequested();
            hash.AppendData(buffer);
        }
    }
}
