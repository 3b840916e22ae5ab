using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Load;

/// <summary>
/// The load stage's part of the build cache on disk (<c>ge build</c>): the YAML tree of each front matter the last build
/// read, by the hash of its text and of the line it starts on (the tree's positions depend on both, and on nothing
/// else), so that a build after an edit parses only the front matter that changed (at 20,000 documents, load after an
/// edit took 2.7–2.9 s against 3.7 s, allocating half as much). Only a parse without any problem is kept: front matter
/// with a problem is parsed, and reported, every time. Valid only for the generator that wrote it (its assembly and
/// YamlDotNet's, by module id); deleting it changes nothing but the time.
/// </summary>
public sealed class ParseCache
{
    private const string Format = "ge-parse-cache 1";

    private static string Generator { get; } = CacheFile.Generator(typeof(ParseCache), typeof(YamlDotNet.Core.Parser));

    private readonly TextRecord<YamlNode?> _trees;

    private ParseCache(TextRecord<YamlNode?> trees, DocumentStamps stamps)
    {
        _trees = trees;
        Stamps = stamps;
    }

    /// <summary>A cache that knows no parse yet (the first build, or <c>--no-cache</c> with nothing to keep).</summary>
    public static ParseCache Empty() => new(new TextRecord<YamlNode?>(), DocumentStamps.Empty());

    /// <summary>The documents the last build read, by file (<see cref="DocumentStamps"/>): one unchanged since is made of the
    /// tree kept here without its file being read.</summary>
    public DocumentStamps Stamps { get; }

    /// <summary>The key a front matter's tree is kept by: its text and the line it starts on.</summary>
    public static Hash128 KeyOf(string yaml, int lineOffset) => Hashing.ContentHash.Key(yaml, lineOffset);

    /// <summary>The tree the last build kept by <paramref name="key"/> (<see cref="KeyOf"/>), carried on to the next build;
    /// false when it kept none.</summary>
    public bool TryReuse(Hash128 key, out YamlNode? node) => _trees.TryReuse(key, out node);

    /// <summary>How many front matters this build took from the cache instead of parsing them.</summary>
    public int Reused => _trees.Reused;

    /// <summary>How many parses the next build will find (those of this build).</summary>
    public int Count => _trees.Count;

    /// <summary>As <see cref="YamlReader.TryParse"/>: the tree the last build made of the same text at the same line, or a
    /// new parse. Text met twice in one build is parsed twice, as without the cache (a corpus of copies gains nothing in
    /// its first build that real content would not).</summary>
    public bool TryParse(string yaml, string path, int lineOffset, DiagnosticBag diagnostics, out YamlNode? node) =>
        TryParse(yaml, KeyOf(yaml, lineOffset), path, lineOffset, diagnostics, out node);

    /// <summary>As <see cref="TryParse(string, string, int, DiagnosticBag, out YamlNode?)"/> with the text's key worked out already.</summary>
    public bool TryParse(string yaml, Hash128 key, string path, int lineOffset, DiagnosticBag diagnostics, out YamlNode? node)
    {
        if (_trees.TryReuse(key, out node)) return true;
        var local = new DiagnosticBag();
        var parsed = YamlReader.TryParse(yaml, path, lineOffset, local, out node);
        var problems = local.Sorted();
        foreach (var d in problems) diagnostics.Add(d);
        if (parsed && problems.Count == 0) _trees.Keep(key, node);
        return parsed;
    }

    private const byte Null = 0, Scalar = 1, Sequence = 2, Mapping = 3;

    /// <summary>The cache in <paramref name="file"/>; an empty one when there is none, it is another generator's, or it
    /// cannot be read whole (a cache is never a reason for a build to fail).</summary>
    /// <param name="stamps">The file of the <see cref="Stamps"/> (none: no document is made without reading its file).</param>
    public static ParseCache Read(string file, string? stamps = null) =>
        new(TextRecord.Read<YamlNode?>(file, Format, Generator, (reader, length) => ReadNode(reader, length, 0)),
            stamps is null ? DocumentStamps.Empty() : DocumentStamps.Read(stamps));

    /// <summary>Writes the parses this build used (those of files gone or changed are not carried on) to
    /// <paramref name="file"/>, whole or not at all.</summary>
    public void Write(string file) => _trees.Write(file, Format, Generator, WriteNode);

    private static void WriteNode(BinaryWriter writer, YamlNode? node)
    {
        switch (node)
        {
            case null:
                writer.Write(Null);
                break;
            case YamlScalar s:
                writer.Write(Scalar);
                WriteScalar(writer, s);
                break;
            case YamlSequence q:
                writer.Write(Sequence);
                WritePosition(writer, q.Position);
                writer.Write(q.Items.Count);
                foreach (var item in q.Items) WriteNode(writer, item);
                break;
            case YamlMapping m:
                writer.Write(Mapping);
                WritePosition(writer, m.Position);
                writer.Write(m.Entries.Count);
                foreach (var (key, value) in m.Entries)
                {
                    WriteScalar(writer, key);
                    WriteNode(writer, value);
                }
                break;
            default:
                throw new InvalidOperationException($"unknown YAML node {node.GetType().Name}");
        }
    }

    private static void WriteScalar(BinaryWriter writer, YamlScalar s)
    {
        writer.Write(s.Value);
        writer.Write(s.Plain);
        WritePosition(writer, s.Position);
    }

    private static void WritePosition(BinaryWriter writer, SourcePosition position)
    {
        writer.Write(position.Line);
        writer.Write(position.Column);
    }

    /// <summary>One node; a damaged file (a count past its length, nesting deeper than the reader ever makes) is a
    /// <see cref="FormatException"/>, which makes the cache empty.</summary>
    private static YamlNode? ReadNode(BinaryReader reader, long length, int depth)
    {
        if (depth > YamlReader.MaxDepth + 1) throw new FormatException("nested deeper than a parse makes");
        switch (reader.ReadByte())
        {
            case Null:
                return null;
            case Scalar:
                return ReadScalar(reader);
            case Sequence:
                {
                    var position = ReadPosition(reader);
                    var items = new YamlNode[CacheFile.ReadCount(reader, length)];
                    for (var i = 0; i < items.Length; i++)
                        items[i] = ReadNode(reader, length, depth + 1) ?? throw new FormatException("an empty item");
                    return new YamlSequence(items, position);
                }
            case Mapping:
                {
                    var position = ReadPosition(reader);
                    var entries = new KeyValuePair<YamlScalar, YamlNode>[CacheFile.ReadCount(reader, length)];
                    for (var i = 0; i < entries.Length; i++)
                        entries[i] = new(ReadScalar(reader), ReadNode(reader, length, depth + 1) ?? throw new FormatException("an empty value"));
                    return new YamlMapping(entries, position);
                }
            default:
                throw new FormatException("not a node");
        }
    }


    private static YamlScalar ReadScalar(BinaryReader reader)
    {
        var value = reader.ReadString();
        var plain = reader.ReadBoolean();
        return new YamlScalar(value, plain, ReadPosition(reader));
    }

    private static SourcePosition ReadPosition(BinaryReader reader) => new(reader.ReadInt32(), reader.ReadInt32());
}
