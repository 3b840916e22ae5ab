using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The files of a built site folder that go into an offline copy: their paths relative to it (with <c>/</c>), in path
    /// order; the Lucene index (only for <c>ge search</c>) and the site's marker left out, and no link followed (a built site
    /// has none; one planted in it would bring a file from outside the site into the copy).
    /// </summary>
    public static IReadOnlyList<string> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith(Index.LuceneFilesExport.Folder, StringComparison.Ordinal) && p != SiteWriter.MarkerFile)
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The manifest: a header, then "sha256  path" lines (the format of sha256sum), given each file's SHA-256 in
    /// hexadecimal, in the files' order.</summary>
    public static string Manifest(IReadOnlyList<string> files, IReadOnlyList<string> hashes, DateOnly date)
    {
        var lines = files.Select((f, i) => $"{hashes[i]}  {f}").ToList();
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
        var sb = new StringBuilder();
        sb.Append("# GobiernoElectronico offline copy. Check it with: ge verify <folder>\n");
        sb.Append(CultureInfo.InvariantCulture, $"# content-version: {version}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# date: {date:yyyy-MM-dd}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# files: {files.Count}\n");
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Writes the zip of the site built in <paramref name="site"/> into <paramref name="folder"/>, whole or not at all (a
    /// temporary name, then renamed); returns its path and how many files of the site it holds. Each file is read from disk
    /// as it is hashed, then as it is compressed, never held: at 20,000 documents the site is 1.7 GB, and reading it whole
    /// first took <c>ge pack --site</c> to a peak of 1.6 GB. The hashes are made on every core (the manifest comes first in
    /// the zip); the zip is the same bytes as when the files were held.
    /// </summary>
    public static (string Zip, int Files) Write(string site, string folder, DateOnly date)
    {
        var files = FilesOf(site);
        var hashes = new string[files.Count];
        try
        {
            Parallel.For(0, files.Count, i => hashes[i] = Sha256Of(Path.Combine(site, files[i])));
        }
        catch (AggregateException e)
        {
            // A file that cannot be read fails the loop on its thread: its own exception is thrown, as a loop on one thread would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }
        var name = Name(date);
        var target = Path.Combine(folder, name + ".zip");
        var stamp = new DateTimeOffset(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
        var temporary = target + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                Stream Entry(string path)
                {
                    var entry = zip.CreateEntry($"{name}/{path}", CompressionLevel.Optimal);
                    entry.LastWriteTime = stamp;
                    entry.ExternalAttributes = 0;
                    return entry.Open();
                }
                using (var manifest = Entry(ManifestName)) manifest.Write(Encoding.UTF8.GetBytes(Manifest(files, hashes, date)));
                foreach (var path in files)
                {
                    using var entry = Entry(path);
                    using var file = File.OpenRead(Path.Combine(site, path));
                    file.CopyTo(entry);
                }
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return (target, files.Count);
    }

    /// <summary>The SHA-256 of a file, in lower-case hexadecimal, read as a stream (the manifest's and <see cref="Verify"/>'s).</summary>
    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
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
            else if (!string.Equals(Sha256Of(file), hash, StringComparison.Ordinal)) altered.Add(path);
        }
        var unexpected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => p != ManifestName && !expected.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        return new Verification(version, missing, altered, unexpected);
    }
}
