namespace GobiernoElectronico.Load;

/// <summary>A Markdown file cut into its YAML front matter and its Markdown body.</summary>
/// <param name="Yaml">The text between the <c>---</c> lines.</param>
/// <param name="YamlFirstLine">The file line the YAML starts on (1-based).</param>
/// <param name="Body">The Markdown after the closing <c>---</c>.</param>
/// <param name="BodyFirstLine">The file line the body starts on (1-based).</param>
public sealed record FrontMatter(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine)
{
    /// <summary>Why a file could not be split.</summary>
    public enum Problem { None, Missing, Unterminated }

    /// <summary>
    /// Splits <paramref name="text"/>: it must start with a line <c>---</c>, and the front matter ends at the
    /// next line that is <c>---</c> or <c>...</c>. Line endings may be LF or CRLF; a BOM is ignored.
    /// </summary>
    public static (FrontMatter? Result, Problem Problem) Split(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ', '\t') != "---")
            return (null, Problem.Missing);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r', ' ', '\t');
            if (line is "---" or "...")
            {
                var yaml = string.Join('\n', lines[1..i]);
                var body = string.Join('\n', lines[(i + 1)..]);
                return (new FrontMatter(yaml, 2, body, i + 2), Problem.None);
            }
        }
        return (null, Problem.Unterminated);
    }
}
