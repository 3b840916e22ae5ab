namespace GobiernoElectronico.Render;

/// <summary>
/// HTML that is already safe: rendered and sanitised Markdown, or a rendered partial. It is the only value
/// templates write unescaped; every other value is HTML-encoded on output.
/// </summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
