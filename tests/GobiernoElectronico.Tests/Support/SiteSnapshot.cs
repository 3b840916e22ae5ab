using System.Security.Cryptography;

namespace GobiernoElectronico.Tests.Support;

/// <summary>Every file of a folder with its SHA-256, to compare two states of a site byte for byte.</summary>
public static class SiteSnapshot
{
    public static SortedDictionary<string, string> Take(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return result;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            result[Path.GetRelativePath(folder, file).Replace('\\', '/')] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        return result;
    }

    /// <summary>Every file under <paramref name="folder"/> whose bytes contain <paramref name="marker"/> (UTF-8).</summary>
    public static IReadOnlyList<string> FilesContaining(string folder, string marker)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(marker);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0)
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();
    }
}
