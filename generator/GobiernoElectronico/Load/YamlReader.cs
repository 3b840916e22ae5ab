using GobiernoElectronico.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GobiernoElectronico.Load;

/// <summary>Parses one YAML document into a <see cref="YamlNode"/> tree, reporting problems as diagnostics.</summary>
public static class YamlReader
{
    /// <summary>
    /// Parses <paramref name="yaml"/>. <paramref name="lineOffset"/> is added to every line so that positions
    /// refer to the whole file when the YAML is front matter. False (and reported) when it is malformed;
    /// true with a null node when the document is empty.
    /// </summary>
    public static bool TryParse(string yaml, string path, int lineOffset, DiagnosticBag diagnostics, out YamlNode? node)
    {
        var local = new DiagnosticBag();
        node = Parse(yaml, path, lineOffset, local);
        foreach (var d in local.Sorted()) diagnostics.Add(d);
        return !local.HasErrors;
    }

    private static YamlNode? Parse(string yaml, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null; // empty document
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, path, lineOffset, diagnostics);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var at = parser.Current?.Start is { } m ? Position(m, lineOffset) : SourcePosition.FileStart;
                diagnostics.Error(path, at, ErrorCodes.MalformedYaml, "only one YAML document is allowed here; remove the extra '---'");
                return null;
            }
            return root;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its messages with "(Line: …, Col: …, Idx: …) - (…): "; the position is given separately.
            var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0) message = message[(cut + 3)..];
            diagnostics.Error(path, Position(e.Start, lineOffset), ErrorCodes.MalformedYaml, "malformed YAML: " + message.TrimEnd('.'));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
            return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Position(scalar.Start, lineOffset));

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, path, lineOffset, diagnostics));
            return new YamlSequence(items, Position(seqStart.Start, lineOffset));
        }

        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, path, lineOffset, diagnostics);
                var value = ReadNode(parser, path, lineOffset, diagnostics);
                if (keyNode is not YamlScalar key)
                {
                    diagnostics.Error(path, keyNode.Position, ErrorCodes.MalformedYaml, "a key must be plain text");
                    continue;
                }
                if (!seen.Add(key.Value))
                {
                    diagnostics.Error(path, key.Position, ErrorCodes.DuplicateKey, $"'{key.Value}' is given twice; keep one");
                    continue;
                }
                entries.Add(new(key, value));
            }
            return new YamlMapping(entries, Position(mapStart.Start, lineOffset));
        }

        var current = parser.Current;
        throw new YamlException(current?.Start ?? Mark.Empty, current?.End ?? Mark.Empty,
            current is AnchorAlias ? "aliases (*name) are not supported in front matter; write the value out" : "unexpected YAML element");
    }

    private static SourcePosition Position(Mark mark, int lineOffset) =>
        new((int)Math.Max(1, mark.Line) + lineOffset, (int)Math.Max(1, mark.Column));
}
