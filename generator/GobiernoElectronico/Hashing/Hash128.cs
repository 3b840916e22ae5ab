using System.Buffers.Binary;
using System.IO.Hashing;

namespace GobiernoElectronico.Hashing;

/// <summary>
/// A 128-bit key (the hash of a build input: a text, a page's model, a file's bytes) as its two 64-bit halves, with the
/// values <see cref="UInt128"/> had. Not <see cref="UInt128"/> itself: ReadyToRun compiles no method that takes, returns or
/// passes one (its calling convention changed in .NET 8, and crossgen2 leaves such methods to the JIT), so every method
/// that handled a key (reading the build cache, keeping a page, the site's manifest) was compiled while the build ran, first
/// as unoptimised code. Measured at 20,107 documents after editing one practice: 2,319 methods compiled by the JIT in
/// 1.1 s of CPU time, of which this assembly's own methods ran as unoptimised code until recompiled.
/// </summary>
public readonly struct Hash128(ulong high, ulong low) : IEquatable<Hash128>, IComparable<Hash128>
{
    /// <summary>The upper 64 bits.</summary>
    public ulong High { get; } = high;

    /// <summary>The lower 64 bits.</summary>
    public ulong Low { get; } = low;

    public static Hash128 Zero => default;

    /// <summary>The key whose little-endian bytes begin <paramref name="bytes"/> (as
    /// <see cref="BinaryPrimitives.ReadUInt128LittleEndian"/> reads them).</summary>
    public static Hash128 FromLittleEndian(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes));

    /// <summary>Writes the key's 16 bytes, little-endian (as <see cref="BinaryPrimitives.WriteUInt128LittleEndian"/>).</summary>
    public void WriteLittleEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], High);
    }

    /// <summary>XXH128 of <paramref name="data"/>: the value <see cref="XxHash128.HashToUInt128"/> gives.</summary>
    public static Hash128 XxHash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[16];
        XxHash128.Hash(data, digest);
        return FromBigEndian(digest);
    }

    /// <summary>The hash of what <paramref name="hash"/> was given so far: the value of
    /// <see cref="XxHash128.GetCurrentHashAsUInt128"/>.</summary>
    public static Hash128 CurrentOf(XxHash128 hash)
    {
        Span<byte> digest = stackalloc byte[16];
        hash.GetCurrentHash(digest);
        return FromBigEndian(digest);
    }

    /// <summary>XXH128 writes its digest big-endian, the upper half first.</summary>
    private static Hash128 FromBigEndian(ReadOnlySpan<byte> digest) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));

    public bool Equals(Hash128 other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is Hash128 other && Equals(other);

    /// <summary>The key's bits folded: a key is a hash already.</summary>
    public override int GetHashCode() => (int)(Low ^ (Low >> 32) ^ High ^ (High >> 32));

    /// <summary>The order of the keys' values (as <see cref="UInt128"/> orders them): the build cache's records are written in it.</summary>
    public int CompareTo(Hash128 other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public static bool operator <(Hash128 left, Hash128 right) => left.CompareTo(right) < 0;

    public static bool operator <=(Hash128 left, Hash128 right) => left.CompareTo(right) <= 0;

    public static bool operator >(Hash128 left, Hash128 right) => left.CompareTo(right) > 0;

    public static bool operator >=(Hash128 left, Hash128 right) => left.CompareTo(right) >= 0;

    public static bool operator ==(Hash128 left, Hash128 right) => left.Equals(right);

    public static bool operator !=(Hash128 left, Hash128 right) => !left.Equals(right);

    /// <summary>32 lower-case hexadecimal digits (as <c>UInt128.ToString("x32")</c>).</summary>
    public override string ToString() => string.Create(32, this, static (chars, key) =>
    {
        key.High.TryFormat(chars, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        key.Low.TryFormat(chars[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
    });
}
