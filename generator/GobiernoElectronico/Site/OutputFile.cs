namespace GobiernoElectronico.Site;

/// <summary>One file of the built site: its path relative to the site root (with '/') and its bytes.</summary>
public sealed record OutputFile(string Path, byte[] Content)
{
    public static OutputFile Text(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text));
}
