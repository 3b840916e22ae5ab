using System.Globalization;
using System.Text;
using GobiernoElectronico.Hashing;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// A stamp of every input of a build besides the content's documents: the templates folder (layouts, pages,
/// partials, interface strings, assets) and <c>content/data</c> and <c>content/media</c>, each file by path, time
/// stamp and length. A quick build after an edit needs these unchanged; reading the names and stamps of a few
/// dozen files costs far less than hashing their text.
/// </summary>
public static class InputStamp
{
    public static string Of(BuildOptions options)
    {
        var text = new StringBuilder();
        foreach (var folder in new[] { options.TemplatesRoot, Path.Combine(options.ContentRoot, "data"), Path.Combine(options.ContentRoot, "media") })
        {
            text.Append(folder).Append('\n');
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.Append(file).Append('|').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
                    .Append('|').Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return ContentHash.Of(text.ToString());
    }
}
