using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GobiernoElectronico.Site;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pack;

/// <summary>
/// The offline copy for workshops: one dated zip that unpacks into a folder whose <c>index.html</c> opens
/// from <c>file://</c>. Inside, <c>MANIFEST</c> lists the SHA-256 of every file and the content version.
/// The same site gives the same zip, byte for byte: entries in path order, one fixed time stamp, fixed
/// attributes. The Lucene index (only for <c>ge search</c>) is left out.
/// </summary>
public static class OfflineCopy
{
    public const string ManifestName = "MANIFEST";

    /// <summary>Name of the zip and of the folder it unpacks into.</summary>
    public static string Name(DateOnly date) => $"gobierno-electronico-{date:yyyy-MM-dd}";

    /// <summary>The files of the site that go into an offline copy, in path order.</summary>
    public static IReadOnlyList<OutputFile> Select(IEnumerable<OutputFile> site) =>
        site.Where(f => !f.Path.StartsWith(Index.LuceneFilesExport.Folder, StringComparison.Ordinal) && f.Path != SiteWriter.MarkerFile)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    /// <summary>Reads a built site folder.</summary>
    public static IReadOnlyList<OutputFile> ReadSite(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new OutputFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes(f))).ToList();

    /// <summary>The manifest: a header, then "sha256  path" lines (the format of sha256sum).</summary>
    public static string Manifest(IReadOnlyList<OutputFile> files, DateOnly date)
    {
        var lines = files.Select(f => $"{Convert.ToHexStringLower(SHA256.HashData(f.Content))}  {f.Path}").ToList();
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
        var sb = new StringBuilder();
        sb.Append("# GobiernoElectronico offline copy. Check it with: ge verify <folder>\n");
        sb.Append(CultureInfo.InvariantCulture, $"# content-version: {version}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# date: {date:yyyy-MM-dd}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# files: {files.Count}\n");
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the zip; returns its path.</summary>
    public static string Write(IReadOnlyList<OutputFile> site, string folder, DateOnly date)
    {
        var files = Select(site);
        var name = Name(date);
        var target = Path.Combine(folder, name + ".zip");
        var stamp = new DateTimeOffset(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
        var temporary = target + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            void Add(string path, byte[] bytes)
            {
                var entry = zip.CreateEntry($"{name}/{path}", CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                entry.ExternalAttributes = 0;
                using var s = entry.Open();
                s.Write(bytes);
            }
            Add(ManifestName, Encoding.UTF8.GetBytes(Manifest(files, date)));
            foreach (var f in files) Add(f.Path, f.Content);
        }
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    /// <summary>What <see cref="Verify"/> found.</summary>
    public sealed record Verification(string? ContentVersion, IReadOnlyList<string> Missing, IReadOnlyList<string> Altered, IReadOnlyList<string> Unexpected)
    {
        public bool Intact => Missing.Count == 0 && Altered.Count == 0;
    }

    /// <summary>Checks an unpacked copy against its MANIFEST. Null when there is no manifest.</summary>
    public static Verification? Verify(string folder)
    {
        var manifest = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifest)) return null;
        string? version = null;
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(manifest))
        {
            if (line.StartsWith("# content-version: ", StringComparison.Ordinal)) version = line["# content-version: ".Length..];
            if (line.StartsWith('#') || line.Length < 67) continue;
            expected[line[66..]] = line[..64];
        }
        var missing = new List<string>();
        var altered = new List<string>();
        foreach (var (path, hash) in expected)
        {
            var file = Path.Combine(folder, path);
            if (!File.Exists(file)) missing.Add(path);
            else if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), hash, StringComparison.Ordinal)) altered.Add(path);
        }
        var unexpected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => p != ManifestName && !expected.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        return new Verification(version, missing, altered, unexpected);
    }
}
