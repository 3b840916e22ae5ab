using System.Text;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Write;

/// <summary>
/// How a site is updated in place without ever being left half old, half new for good: the changes (files to move in
/// from the temporary folder, files to remove) and the manifest they lead to are written to the build cache first,
/// then applied. A build killed while applying them leaves the journal behind, and the next build finishes it before
/// anything else (moving a file twice is not possible: one already moved is no longer in the temporary folder).
/// </summary>
internal static class PublishJournal
{
    private const string Format = "ge-publish-journal 1";
    public const string JournalFile = "publish-journal";

    /// <summary>Records the update, then applies it.</summary>
    /// <param name="beforeCommit">Called once the next manifest is written and before the journal is (from which point the
    /// update happens even if the build stops): what must be on disk before the site changes (the build cache's other files)
    /// may be written meanwhile, and waited for here. If it throws, nothing is recorded and the site is left as it was.</param>
    public static void Apply(string output, string cache, SiteManifest next, string temporary, IReadOnlyList<string> changed, IReadOnlyList<string> removed,
        Action? beforeCommit = null)
    {
        Record(cache, next, temporary, changed, removed, beforeCommit);
        Finish(output, cache);
    }

    /// <summary>Writes the journal of an update: from then on, the update happens even if this build stops.</summary>
    public static void Record(string cache, SiteManifest next, string temporary, IReadOnlyList<string> changed, IReadOnlyList<string> removed,
        Action? beforeCommit = null)
    {
        next.Write(Path.Combine(cache, SiteWriter.ManifestFile + ".next"));
        beforeCommit?.Invoke();
        CacheFile.Write(Path.Combine(cache, JournalFile), writer =>
        {
            writer.Write(Format);
            writer.Write(temporary);
            writer.Write(changed.Count);
            foreach (var path in changed) writer.Write(path);
            writer.Write(removed.Count);
            foreach (var path in removed) writer.Write(path);
            writer.Write("end");
        });
    }

    /// <summary>Applies the journal left in <paramref name="cache"/>, if any. When it cannot be applied, the manifest is
    /// forgotten (the next build writes the site whole) and the failure is thrown.</summary>
    public static void Finish(string output, string cache)
    {
        var journal = Path.Combine(cache, JournalFile);
        if (!File.Exists(journal)) return;
        var manifest = Path.Combine(cache, SiteWriter.ManifestFile);
        try
        {
            string temporary;
            var changed = new List<string>();
            var removed = new List<string>();
            using (var reader = new BinaryReader(File.OpenRead(journal), Encoding.UTF8))
            {
                if (reader.ReadString() != Format) throw new IOException("the build cache's publish journal is not one this tool reads");
                temporary = reader.ReadString();
                for (var n = reader.ReadInt32(); n > 0; n--) changed.Add(reader.ReadString());
                for (var n = reader.ReadInt32(); n > 0; n--) removed.Add(reader.ReadString());
                if (reader.ReadString() != "end") throw new IOException("the build cache's publish journal is cut short");
            }
            // Removals first: a path that was a file may now be a folder, or the other way round.
            foreach (var path in removed.Where(SitePaths.IsSafe)) Remove(output, path);
            // Each file is moved straight away: its folder is asked for only when the move says it is missing (a new page).
            // Asking for every file's folder first (a page has a folder of its own) was 60,000 more system calls after a
            // template edit at 20,000 documents, in the build's time.
            foreach (var path in changed.Where(SitePaths.IsSafe))
            {
                var source = Path.Combine(temporary, path);
                var target = Path.Combine(output, path);
                try
                {
                    File.Move(source, target, overwrite: true);
                }
                catch (FileNotFoundException) when (!File.Exists(source))
                {
                    // moved before the last build was stopped
                }
                catch (DirectoryNotFoundException) when (File.Exists(source))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(source, target, overwrite: true);
                }
            }
            File.Move(manifest + ".next", manifest, overwrite: true);
            File.Delete(journal);
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            foreach (var file in new[] { manifest, manifest + ".next", journal })
                if (File.Exists(file)) File.Delete(file);
            throw;
        }
    }

    /// <summary>Removes a file of the site and the folders it leaves empty (never the site's own folder): for an update
    /// applied here, and for <c>Pipeline.LiveSite</c>'s after a quick build.</summary>
    public static void Remove(string output, string path)
    {
        var target = Path.Combine(output, path);
        if (File.Exists(target)) File.Delete(target);
        var folder = Path.GetDirectoryName(target)!;
        while (folder.Length > output.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
