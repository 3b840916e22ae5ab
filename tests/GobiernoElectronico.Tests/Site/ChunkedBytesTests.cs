using System.Buffers;
using System.Text.Json;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Tests.Site;

/// <summary>Bytes written in chunks (<see cref="ChunkedBytes"/>) come out as written, whatever the sizes asked for and used.</summary>
public class ChunkedBytesTests
{
    [Test]
    public void Writes_of_every_size_come_out_in_order_across_chunks()
    {
        var random = new Random(7);
        var expected = new List<byte>();
        var chunked = new ChunkedBytes();
        // Small writes, writes that use less than the room asked for, and asks larger than a chunk.
        foreach (var ask in new[] { 0, 1, 3, 100, ChunkedBytes.ChunkSize - 5, ChunkedBytes.ChunkSize, ChunkedBytes.ChunkSize + 1, 3 * ChunkedBytes.ChunkSize, 17, 0, 5000 })
        {
            var span = chunked.GetSpan(ask);
            Assert.That(span.Length, Is.GreaterThanOrEqualTo(Math.Max(1, ask)));
            var used = ask == 0 ? 1 : ask - random.Next(0, Math.Min(ask, 3));
            var bytes = new byte[used];
            random.NextBytes(bytes);
            bytes.CopyTo(span);
            chunked.Advance(used);
            expected.AddRange(bytes);
        }
        Assert.That(chunked.Length, Is.EqualTo(expected.Count));
        Assert.That(chunked.ToArray(), Is.EqualTo(expected.ToArray()));
        Assert.That(() => chunked.Advance(chunked.GetSpan().Length + 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Json_written_through_it_is_the_json_an_array_writer_holds()
    {
        void Write(IBufferWriter<byte> output)
        {
            using var writer = new Utf8JsonWriter(output);
            writer.WriteStartObject();
            for (var i = 0; i < 50_000; i++) writer.WriteString("palabra" + i, "término|termo|term#" + i);
            writer.WriteEndObject();
        }
        var array = new ArrayBufferWriter<byte>();
        Write(array);
        var chunked = new ChunkedBytes();
        Write(chunked);
        Assert.That(array.WrittenCount, Is.GreaterThan(10 * ChunkedBytes.ChunkSize));
        Assert.That(chunked.ToArray(), Is.EqualTo(array.WrittenSpan.ToArray()));
    }
}
