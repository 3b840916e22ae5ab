namespace GobiernoElectronico.Schema;

/// <summary>
/// The texts <c>ge new</c> writes where an editor has to write the real one. One list, so that the files
/// <c>ge new</c> makes and the check that warns when a published document still holds one cannot drift.
/// </summary>
public static class Placeholders
{
    public const string Summary = "Resumen pendiente.";
    public const string Narrative = "Narrativa pendiente.";
    public const string Condition = "Condición pendiente";
    public const string Source = "Fuente pendiente";
    public const string Text = "Pendiente";
    public const string Url = "https://";

    /// <summary>A body paragraph still to be written.</summary>
    public const string Paragraph = "…";

    /// <summary>The body of a new country assessment.</summary>
    public const string CountryBody = "Texto general de la evaluación, en Markdown.";

    private static readonly HashSet<string> Values = new(StringComparer.Ordinal) { Summary, Narrative, Condition, Source, Text, Url };
    private static readonly HashSet<string> BodyLines = new(StringComparer.Ordinal) { Paragraph, CountryBody };

    /// <summary>True when a front matter value is exactly a placeholder of <c>ge new</c>.</summary>
    public static bool IsValue(string value) => Values.Contains(value.Trim());

    private static readonly byte[][] BodyLinesUtf8 = [.. BodyLines.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Whether a body (UTF-8) holds a placeholder line's text anywhere: false, and the body need not be decoded
    /// and read line by line (<see cref="IsBodyLine"/>), for nearly every body.</summary>
    public static bool MayHoldBodyLine(ReadOnlySpan<byte> body)
    {
        foreach (var line in BodyLinesUtf8)
            if (body.IndexOf(line) >= 0) return true;
        return false;
    }

    /// <summary>True when a body line is exactly a placeholder of <c>ge new</c>.</summary>
    public static bool IsBodyLine(string line) => BodyLines.Contains(line.Trim());
}
