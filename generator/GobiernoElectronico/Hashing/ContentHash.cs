using System.Security.Cryptography;
using System.Text.Json;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>
/// The SHA-256 of a value's JSON, computed as it is serialised: the searchable text of 20,000 documents is
/// hundreds of MiB as one string, which a cache key has no need to hold.
/// </summary>
internal static class JsonHash
{
    public static string Of<T>(T value)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashingStream(hash)) JsonSerializer.Serialize(stream, value);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed class HashingStream(IncrementalHash hash) : Stream
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
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);
    }
}
