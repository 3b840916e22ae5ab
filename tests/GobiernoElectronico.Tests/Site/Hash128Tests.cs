using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using GobiernoElectronico.Hashing;

namespace GobiernoElectronico.Tests.Site;

/// <summary>The build's 128-bit keys have the values, bytes and text <see cref="UInt128"/> gave them (which they replace so that
/// ReadyToRun compiles the methods that handle them): the same keys, whatever the build cache holds.</summary>
public class Hash128Tests
{
    private static IEnumerable<byte[]> Inputs()
    {
        var random = new Random(20261206);
        foreach (var length in new[] { 0, 1, 15, 16, 17, 240, 241, 1000, 65_537 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            yield return bytes;
        }
    }

    private static UInt128 AsUInt128(Hash128 key) => new(key.High, key.Low);

    [TestCaseSource(nameof(Inputs))]
    public void Hashes_as_the_framework_hashes_into_a_UInt128(byte[] data)
    {
        Assert.That(AsUInt128(Hash128.XxHash(data)), Is.EqualTo(XxHash128.HashToUInt128(data)));
        var incremental = new XxHash128();
        incremental.Append(data.AsSpan(0, data.Length / 2));
        incremental.Append(data.AsSpan(data.Length / 2));
        Assert.That(AsUInt128(Hash128.CurrentOf(incremental)), Is.EqualTo(incremental.GetCurrentHashAsUInt128()));
    }

    [TestCaseSource(nameof(Inputs))]
    public void Reads_writes_and_prints_as_a_UInt128(byte[] data)
    {
        var sixteen = new byte[32];
        data.AsSpan(0, Math.Min(data.Length, 32)).CopyTo(sixteen);
        var key = Hash128.FromLittleEndian(sixteen);
        var expected = BinaryPrimitives.ReadUInt128LittleEndian(sixteen);
        Assert.That(AsUInt128(key), Is.EqualTo(expected));
        Assert.That(key.ToString(), Is.EqualTo(expected.ToString("x32", CultureInfo.InvariantCulture)));
        var written = new byte[16];
        var framework = new byte[16];
        key.WriteLittleEndian(written);
        BinaryPrimitives.WriteUInt128LittleEndian(framework, expected);
        Assert.That(written, Is.EqualTo(framework));
    }

    [Test]
    public void Keys_are_equal_by_both_halves()
    {
        var key = new Hash128(1, 2);
        Assert.That(key, Is.EqualTo(new Hash128(1, 2)));
        Assert.That(key == new Hash128(1, 2) && key != new Hash128(2, 1) && key != new Hash128(1, 3), Is.True);
        Assert.That(key.Equals((object)new Hash128(1, 2)), Is.True);
        Assert.That(Hash128.Zero, Is.EqualTo(default(Hash128)));
        Assert.That(new HashSet<Hash128> { key, new(1, 2), new(2, 1) }, Has.Count.EqualTo(2));
    }

    [Test]
    public void Keys_are_ordered_as_their_values()
    {
        // The build cache's records are written in the order of their keys: the order UInt128 gave them.
        var random = new Random(7);
        var keys = Enumerable.Range(0, 200).Select(i => new Hash128(i % 3 == 0 ? ulong.MaxValue - (ulong)(i % 5) : (ulong)random.Next(3), (ulong)random.NextInt64())).ToList();
        keys.Add(Hash128.Zero);
        Assert.That(keys.Order().Select(AsUInt128), Is.EqualTo(keys.Select(AsUInt128).Order()));
        Assert.That(new Hash128(1, 0) > new Hash128(0, ulong.MaxValue) && new Hash128(0, 1) < new Hash128(0, 2), Is.True);
        Assert.That(new Hash128(3, 3) <= new Hash128(3, 3) && new Hash128(3, 3) >= new Hash128(3, 3), Is.True);
    }
}
