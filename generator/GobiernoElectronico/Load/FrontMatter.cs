namespace GobiernoElectronico.Load;

/// <summary>A Markdown file cut into its YAML front matter and its Markdown body.</summary>
/// <param name="Yaml">The text between the <c>---</c> lines.</param>
/// <param name="YamlFirstLine">The file line the YAML starts on (1-based).</param>
/// <param name="Body">The Markdown after the closing <c>---</c>: the end of the text split, so that what comes before it is
/// the text without its last <c>Body.Length</c> characters.</param>
/// <param name="BodyFirstLine">The file line the body starts on (1-based).</param>
public sealed record FrontMatter(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine)
{
    /// <summary>Why a file could not be split.</summary>
    public enum Problem { None, Missing, Unterminated }

    /// <summary>
    /// Splits <paramref name="text"/>: it must start with a line <c>---</c>, and the front matter ends at the
    /// next line that is <c>---</c> or <c>...</c>. Line endings may be LF or CRLF; a BOM is ignored.
    /// </summary>
    /// <remarks>The text is scanned line by line in place: splitting it into one string per line and joining them again
    /// made every line of every document twice (a twentieth of the load stage at 20,000 documents).</remarks>
    public static (FrontMatter? Result, Problem Problem) Split(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var end = text.IndexOf('\n');
        if (!Line(text, 0, end).SequenceEqual("---")) return (null, Problem.Missing);
        if (end < 0) return (null, Problem.Unterminated);
        var yamlStart = end + 1;
        for (int start = yamlStart, number = 1; ; number++)
        {
            end = text.IndexOf('\n', start);
            if (Line(text, start, end) is var line && (line.SequenceEqual("---") || line.SequenceEqual("...")))
            {
                var yaml = start == yamlStart ? "" : text[yamlStart..(start - 1)];
                var body = end < 0 ? "" : text[(end + 1)..];
                return (new FrontMatter(yaml, 2, body, number + 2), Problem.None);
            }
            if (end < 0) return (null, Problem.Unterminated);
            start = end + 1;
        }
    }

    /// <summary>The line from <paramref name="start"/> to <paramref name="end"/> (its '\n', or -1 for the last line), without
    /// trailing carriage return, spaces and tabs.</summary>
    private static ReadOnlySpan<char> Line(string text, int start, int end) =>
        text.AsSpan(start, (end < 0 ? text.Length : end) - start).TrimEnd("\r \t");
}
