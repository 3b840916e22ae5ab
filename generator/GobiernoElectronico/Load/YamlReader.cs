using GobiernoElectronico.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GobiernoElectronico.Load;

/// <summary>Parses one YAML document into a <see cref="YamlNode"/> tree, reporting problems as diagnostics.</summary>
public static partial class YamlReader
{
    /// <summary>Deepest nesting of mappings and lists (front matter needs four).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most values in one file (keys, list items and values counted).</summary>
    public const int MaxNodes = 20_000;

    /// <summary>Budget of one parse: its depth and the nodes read so far.</summary>
    private sealed class Budget
    {
        public int Nodes;
    }

    /// <summary>A limit of the reader was passed; reported as GE0108 at the node.</summary>
    private sealed class LimitException(Mark at, string message) : Exception(message)
    {
        public Mark At { get; } = at;
    }

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
        Parser? parserRef = null;
        try
        {
            var parser = parserRef = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null; // empty document
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, path, lineOffset, diagnostics, new Budget(), 0);
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
            // A tab in a line's indentation: the parser names the line where the value before it ends (or the block's start).
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndent(yaml) is var (tabLine, tabColumn))
            {
                diagnostics.Error(path, new SourcePosition(tabLine + lineOffset, tabColumn), ErrorCodes.MalformedYaml,
                    "malformed YAML: a tab indents this line (YAML is indented with spaces only: replace the tab with spaces)");
                return null;
            }
            // The commonest slip when a title is edited: words typed after its closing quote (title: "Trámites" 2020), which
            // the parser reports as a block without its key, and the hint as indentation. Said so, at the words.
            if (TextAfterQuote(yaml, (int)e.Start.Line) is var (column, words))
            {
                diagnostics.Error(path, new SourcePosition((int)e.Start.Line + lineOffset, column), ErrorCodes.MalformedYaml,
                    $"malformed YAML: '{Clip(words)}' comes after the value's closing quote (a quoted value ends at its closing quote: put all of it inside the quotes, as in title: \"Trámites en línea 2020\")");
                return null;
            }
            // A field without the ':' after its name (country AR): the parser reports a block without its key, a key without
            // its ':', or, when the field after it is read as the same text, a mapping where none may be.
            if ((message.Contains("expected key", StringComparison.Ordinal) || message.Contains("expected ':'", StringComparison.Ordinal)
                    || message.Contains("invalid mapping", StringComparison.Ordinal) || message.Contains("mapping values are not allowed", StringComparison.Ordinal))
                && MissingColon(yaml, (int)e.Start.Line) is var (colonLine, colonColumn, field, suggestion, block))
            {
                diagnostics.Error(path, new SourcePosition(colonLine + lineOffset, colonColumn), ErrorCodes.MalformedYaml, block is not null
                    ? $"malformed YAML: '{Clip(field)}' is not indented under '{block}' (the text of a field written with > or | goes on the lines below it, each indented more than the field's name)"
                    : $"malformed YAML: '{Clip(field)}' has no ':' after the field's name (a field is written name: value, and a value that goes on to the next line is indented under its field{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")})");
                return null;
            }
            // A field indented under one that has a value on its line (status: x under title: A): the parser reads it as that
            // value's next line and reports a mapping where none may be, and the hint said to quote a value.
            if ((message.Contains("invalid mapping", StringComparison.Ordinal) || message.Contains("mapping values are not allowed", StringComparison.Ordinal))
                && IndentedUnderValue(yaml, (int)e.Start.Line) is var (fieldLine, fieldColumn, indented, above))
            {
                diagnostics.Error(path, new SourcePosition(fieldLine + lineOffset, fieldColumn), ErrorCodes.MalformedYaml,
                    $"malformed YAML: '{Clip(indented)}' is indented more than the field above it, '{Clip(above)}', which already has a value (the fields of one block start in the same column)");
                return null;
            }
            diagnostics.Error(path, Position(e.Start, lineOffset), ErrorCodes.MalformedYaml, "malformed YAML: " + message.TrimEnd('.') + Hint(message));
            return null;
        }
        catch (LimitException e)
        {
            diagnostics.Error(path, Position(e.At, lineOffset), ErrorCodes.LimitExceeded, e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for a few malformed inputs instead of a YamlException: still the content's problem. The
            // commonest is a list or mapping in brackets left open with more fields after it (its "current state" message
            // says nothing to an editor): said so, where it opens.
            if (UnclosedFlow(yaml) is var (line, column, opener))
            {
                var (what, closer, example) = opener == '[' ? ("list", ']', "pillars: [services, systems]") : ("mapping", '}', "{title: A, year: 2020}");
                diagnostics.Error(path, new SourcePosition(line + lineOffset, column), ErrorCodes.MalformedYaml,
                    $"malformed YAML: the {what} opened with '{opener}' here is not closed (a {what} in {opener} {closer} ends with {closer} on the same value: {example})");
                return null;
            }
            var at = parserRef?.Current?.Start is { } m ? Position(m, lineOffset) : SourcePosition.FileStart;
            diagnostics.Error(path, at, ErrorCodes.MalformedYaml, $"malformed YAML near here ({e.Message.TrimEnd('.')})");
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string path, int lineOffset, DiagnosticBag diagnostics, Budget budget, int depth)
    {
        if (parser.Current is NodeEvent { Tag.IsEmpty: false } tagged && !tagged.Tag.IsNonSpecific)
            throw new YamlException(tagged.Start, tagged.End,
                $"YAML tags such as '{tagged.Tag.Value}' are not supported in content; write the value as plain text (quote it if it starts with '!')");
        if (++budget.Nodes > MaxNodes)
            throw new LimitException(parser.Current?.Start ?? Mark.Empty, $"the front matter has more than {MaxNodes:N0} values; the limit keeps the build fast (is a list pasted in by mistake?)");
        if (depth > MaxDepth)
            throw new LimitException(parser.Current?.Start ?? Mark.Empty, $"values are nested more than {MaxDepth} levels deep here; front matter needs a few levels at most");

        if (parser.TryConsume<Scalar>(out var scalar))
            return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Position(scalar.Start, lineOffset));

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, path, lineOffset, diagnostics, budget, depth + 1));
            return new YamlSequence(items, Position(seqStart.Start, lineOffset));
        }

        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, path, lineOffset, diagnostics, budget, depth + 1);
                var value = ReadNode(parser, path, lineOffset, diagnostics, budget, depth + 1);
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

    /// <summary>A hint for the parser messages editors meet most, in plain words.</summary>
    private static string Hint(string message)
    {
        bool Has(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (Has("tab character") || Has("cannot start any token"))
            return " (indent with spaces, not tabs, and quote a value that starts with @, ` or %)";
        if (Has("mapping values are not allowed") || Has("found invalid mapping") || Has("plain scalar"))
            return " (a value that contains ': ' or starts with a special character must be quoted: title: \"Trámites: en línea\")";
        if (Has("flow sequence"))
            return " (a list in [ ] needs a comma between items and a closing ]: pillars: [services, systems])";
        if (Has("flow mapping"))
            return " (a mapping in { } needs a comma between entries and a closing }: {title: A, year: 2020})";
        if (Has("quoted scalar"))
            return " (a value that opens a quote must close it on the same value: title: \"Trámites en línea\")";
        if (Has("did not find expected key") || Has("did not find expected '-'") || Has("block"))
            return " (check the indentation: the fields of one block start in the same column, list items under their field)";
        return "";
    }

    /// <summary>
    /// The line and column (from 1) of the first '[' or '{' that opens a value and is never closed, with that character; null
    /// when every one opened is closed. Read as YAML reads them: a bracket opens a value at the start of a line, after "- " or
    /// after a key's ": " (in a plain value such as <c>title: A [draft]</c> it is text), or anywhere inside brackets already
    /// open; quotes open only where a value starts, and '#' after a blank starts a comment.
    /// </summary>
    internal static (int Line, int Column, char Opener)? UnclosedFlow(string yaml)
    {
        var open = new Stack<(int Line, int Column, char Opener)>();
        var lines = yaml.Split('\n');
        char quote = '\0';
        for (var l = 0; l < lines.Length; l++)
        {
            var text = lines[l];
            // Where a value may start on this line outside brackets: its start, after "- " and after ": ".
            var valueStart = true;
            for (var c = 0; c < text.Length; c++)
            {
                var ch = text[c];
                if (quote != '\0')
                {
                    if (ch == '\\' && quote == '"') c++;
                    else if (ch == quote && !(quote == '\'' && c + 1 < text.Length && text[c + 1] == '\'')) quote = '\0';
                    else if (ch == quote) c++; // '' inside single quotes
                    continue;
                }
                if (ch is ' ' or '\t' or '\r') continue;
                if (ch == '#' && (c == 0 || text[c - 1] is ' ' or '\t')) break;
                var starts = open.Count > 0 ? c == 0 || text[..c].TrimEnd() is var before && (before.Length == 0 || before[^1] is '[' or '{' or ',' or ':') : valueStart;
                if (ch is '"' or '\'' && starts) quote = ch;
                else if (ch is '[' or '{' && starts) open.Push((l + 1, c + 1, ch));
                else if (ch is ']' or '}' && open.Count > 0) open.Pop();
                else if (open.Count == 0)
                {
                    var next = c + 1 < text.Length ? text[c + 1] : ' ';
                    valueStart = (ch is '-' or ':') && next is ' ' or '\t';
                    continue;
                }
                valueStart = false;
            }
        }
        return open.Count == 0 ? null : open.Reverse().First();
    }

    /// <summary>
    /// When line <paramref name="line"/> (from 1) of <paramref name="yaml"/> is a field or list item whose value is quoted
    /// and has more text after its closing quote (<c>title: "A" b</c>, <c>- 'x' y</c>): the column (from 1) of that text, and
    /// the text up to the line's end or a comment. Null for a quoted key (<c>"a": b</c>), a comment after the quote, or a
    /// value in brackets (read by <see cref="UnclosedFlow"/>'s rules elsewhere).
    /// </summary>
    internal static (int Column, string Words)? TextAfterQuote(string yaml, int line)
    {
        var lines = Lines(yaml);
        if (line < 1 || line > lines.Length) return null;
        var text = lines[line - 1];
        var c = 0;
        while (c < text.Length && text[c] == ' ') c++;
        if (c + 1 < text.Length && text[c] == '-' && text[c + 1] == ' ')
            for (c++; c < text.Length && text[c] == ' ';) c++;
        if (c < text.Length && text[c] is not ('"' or '\''))
        {
            // A key, then ": " and the value.
            var colon = text.IndexOf(": ", c, StringComparison.Ordinal);
            if (colon < 0 || text.AsSpan(c, colon - c).IndexOfAny('"', '\'', '#') >= 0) return null;
            for (c = colon + 1; c < text.Length && text[c] == ' ';) c++;
        }
        if (c >= text.Length || text[c] is not ('"' or '\'')) return null;
        var q = text[c];
        for (c++; c < text.Length; c++)
        {
            if (q == '"' && text[c] == '\\') c++;
            else if (text[c] == q && q == '\'' && c + 1 < text.Length && text[c + 1] == '\'') c++;
            else if (text[c] == q) break;
        }
        if (c >= text.Length) return null; // not closed on this line
        var after = c + 1;
        while (after < text.Length && text[after] is ' ' or '\t') after++;
        if (after >= text.Length || text[after] is '#' or ':' or ',' or ']' or '}') return null;
        var end = text.IndexOf(" #", after, StringComparison.Ordinal);
        return (after + 1, text[after..(end < 0 ? text.Length : end)].TrimEnd());
    }

    /// <summary>The line and column (from 1) of the first tab in a line's indentation (before its first other character), or null.</summary>
    internal static (int Line, int Column)? TabIndent(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var l = 0; l < lines.Length; l++)
            for (var c = 0; c < lines[l].Length && lines[l][c] is ' ' or '\t'; c++)
                if (lines[l][c] == '\t') return (l + 1, c + 1);
        return null;
    }

    /// <summary>
    /// When line <paramref name="line"/> (from 1) of <paramref name="yaml"/>, or one of the two lines before it, reads as a
    /// field whose ':' was left out: text with no ':' ending a word, at the indentation of the fields around it (the nearest
    /// line above or below that has a name and a ':'), so that a folded text's lines or a long value's continuation, indented
    /// under their field, are not taken for one. The line (from 1), the column of its text, the text, and the field it
    /// likely meant when its text starts with a field's name (<c>country: AR</c> for <c>country AR</c>), and the field above it
    /// when that one opens a text with <c>&gt;</c> or <c>|</c> (the line is then that text, not indented); null otherwise.
    /// </summary>
    internal static (int Line, int Column, string Text, string? Suggestion, string? BlockField)? MissingColon(string yaml, int line)
    {
        var lines = Lines(yaml);
        static bool IsField(string text) => !Blank(text) && !text.TrimStart().StartsWith("- ", StringComparison.Ordinal) && FieldLine().IsMatch(text);
        for (int l = line - 1, seen = 0; l >= 0 && l < lines.Length && seen < 3; l--)
        {
            var text = lines[l];
            if (Blank(text)) continue;
            seen++;
            var trimmed = text.Trim();
            var indent = Indent(text);
            // Text under a field that opens it with > or |, not indented more than that field (whatever it holds).
            var above = lines.Take(l).LastOrDefault(t => !Blank(t));
            if (above is not null && Indent(above) >= indent && BlockOpenerLine().IsMatch(above.Trim()))
                return (l + 1, indent + 1, trimmed, null, above.Trim());
            if (trimmed.StartsWith('-') || trimmed == "---" || trimmed.StartsWith('"') || trimmed.StartsWith('\'')
                || ColonEndingAWord().IsMatch(trimmed)) continue;
            int? Sibling(int step)
            {
                for (var k = l + step; k >= 0 && k < lines.Length; k += step)
                    if (!Blank(lines[k])) return IsField(lines[k]) ? Indent(lines[k]) : Indent(lines[k]) < indent ? -1 : null;
                return null;
            }
            if (Sibling(-1) != indent && Sibling(1) != indent) continue;
            var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var suggestion = parts.Length == 2 && Schema.ContentSchemas.FieldNames.Contains(parts[0]) ? $"{parts[0]}: {parts[1].Trim()}" : null;
            return (l + 1, indent + 1, trimmed, suggestion, null);
        }
        return null;
    }

    /// <summary>
    /// When line <paramref name="line"/> (from 1) of <paramref name="yaml"/> is a field (a name and a ':') indented more than
    /// the line above it, and that line is a field with a value on it (<c>title: A</c>, not <c>replicability:</c> nor a text
    /// opened with <c>&gt;</c> or <c>|</c>): the line, the column of its text, its text and the field above; null otherwise.
    /// </summary>
    internal static (int Line, int Column, string Field, string Above)? IndentedUnderValue(string yaml, int line)
    {
        var lines = Lines(yaml);
        if (line < 1 || line > lines.Length) return null;
        var field = IndentedField().Match(lines[line - 1]);
        if (!field.Success) return null;
        for (var l = line - 2; l >= 0; l--)
        {
            var text = lines[l];
            if (Blank(text)) continue;
            var above = FieldWithValue().Match(text);
            if (!above.Success || above.Groups[1].Length + above.Groups[2].Length >= field.Groups[1].Length
                || BlockOpenerValue().IsMatch(above.Groups[3].Value)) return null;
            return (line, field.Groups[1].Length + 1, field.Groups[2].Value.TrimEnd(), text.Trim());
        }
        return null;
    }

    /// <summary>The lines of <paramref name="yaml"/>, without the '\r' of a CRLF file.</summary>
    private static string[] Lines(string yaml) => yaml.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>The number of spaces a line starts with.</summary>
    private static int Indent(string text) => text.Length - text.TrimStart(' ').Length;

    /// <summary>Whether a line holds nothing but blanks or a comment.</summary>
    private static bool Blank(string text) => text.TrimStart().Length == 0 || text.TrimStart().StartsWith('#');

    /// <summary>A field's line: a name, then ':' at the line's end or before a blank.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^ *[^\s:#'""\[\]{}]+:( |$)")]
    private static partial System.Text.RegularExpressions.Regex FieldLine();

    /// <summary>A ':' that ends a word: at the text's end or before a blank.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@":( |$)")]
    private static partial System.Text.RegularExpressions.Regex ColonEndingAWord();

    /// <summary>A field's line (trimmed) that opens a text with > or |, with its chomping and indentation indicators.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@":\s*[>|][+-]?[1-9]?\s*$")]
    private static partial System.Text.RegularExpressions.Regex BlockOpenerLine();

    /// <summary>A field's value that opens a text with > or |, a comment allowed after it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[>|][+-]?[1-9]?\s*(#.*)?$")]
    private static partial System.Text.RegularExpressions.Regex BlockOpenerValue();

    /// <summary>An indented field: its indentation, then its name, ':' and what follows.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^( +)([^\s:#'""\[\]{}-][^\s:#]*:( .*)?)$")]
    private static partial System.Text.RegularExpressions.Regex IndentedField();

    /// <summary>A field (or a list item's first field) with a value on its line: indentation, "- ", and the value.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^( *)(- )?[^\s:#'""\[\]{}][^\s:#]*: +([^\s#].*)$")]
    private static partial System.Text.RegularExpressions.Regex FieldWithValue();

    /// <summary>A line's text as a message quotes it: up to 60 characters, cut after a word when it is longer, then '…'.</summary>
    private static string Clip(string text) =>
        text.Length <= 60 ? text : text[..(text.LastIndexOf(' ', 60) is var space and > 30 ? space : 60)].TrimEnd() + "…";

    private static SourcePosition Position(Mark mark, int lineOffset) =>
        new((int)Math.Max(1, mark.Line) + lineOffset, (int)Math.Max(1, mark.Column));
}
