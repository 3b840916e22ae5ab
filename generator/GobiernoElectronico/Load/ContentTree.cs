using GobiernoElectronico.Diagnostics;

namespace GobiernoElectronico.Load;

/// <summary>
/// The regular files of a content folder, found without following links. A symbolic link (to a file or a
/// folder, inside or outside <c>content/</c>) or a special file (a pipe, a device) is never read or
/// copied: it is reported as an error, so that nothing outside the content tree can reach the site and a
/// pipe cannot stall the build.
/// </summary>
public static class ContentTree
{
    /// <summary>The files under <paramref name="folder"/> (full paths, in ordinal order), and the links and special files found.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Refused) Walk(string folder)
    {
        var files = new List<string>();
        var refused = new List<string>();
        if (!Directory.Exists(folder)) return (files, refused);
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(folder));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = dir.GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                refused.Add(dir.FullName);
                continue;
            }
            foreach (var entry in entries)
            {
                // A link is a reparse point, known from the entry's own status (one lstat): asking each entry for its link
                // target was a readlink more per file (20,000 at 20,000 documents).
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint)) refused.Add(entry.FullName);
                else if (entry is DirectoryInfo sub) pending.Push(sub);
                else if (entry is FileInfo file) files.Add(file.FullName);
                else refused.Add(entry.FullName);
            }
        }
        files.Sort(StringComparer.Ordinal);
        refused.Sort(StringComparer.Ordinal);
        return (files, refused);
    }

    /// <summary>Reports each refused entry as a located error.</summary>
    public static void Report(IEnumerable<string> refused, DiagnosticBag diagnostics)
    {
        foreach (var path in refused)
        {
            var what = IsLink(path) ? "a symbolic link" : "a folder that cannot be read";
            diagnostics.Error(ContentLoader.DisplayPath(path), SourcePosition.FileStart, ErrorCodes.LinkedFile,
                $"this is {what}; content is read only from regular files inside content/, so it is not read or published. Copy the file here instead");
        }
    }

    /// <summary>
    /// True when <paramref name="file"/> is not a link. Pipes and devices cannot be told from files through
    /// .NET's portable API; they report a length of 0, and no reader here ever opens a file of length 0
    /// (<see cref="TextFile"/>, media copies), so none can stall a build.
    /// </summary>
    public static bool IsRegular(FileInfo file) => file.LinkTarget is null;

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null || new DirectoryInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
