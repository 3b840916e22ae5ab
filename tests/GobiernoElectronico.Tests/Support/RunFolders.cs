using System.Collections.Concurrent;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// The temporary folders a test run shares between its tests (sites built once, content written once), named after the
/// run's process, and removed when the run ends with the build cache and any leftover a build keeps beside each
/// (<c>.NAME.cache</c>, <c>.NAME.tmp-…</c>, <c>.NAME.old-…</c>). Before, every run left its five built sites and their
/// caches in the temporary folder.
/// </summary>
public static class RunFolders
{
    private static readonly ConcurrentDictionary<string, byte> Made = new(StringComparer.Ordinal);

    /// <summary>The run's folder called <paramref name="name"/> (not made: a build makes its output), removed at the end of the run.</summary>
    public static string Folder(string name) => Keep(Path.Combine(Path.GetTempPath(), $"ge-{name}-{Environment.ProcessId}"));

    /// <summary>Removes <paramref name="folder"/> and what a build keeps beside it at the end of the run.</summary>
    public static string Keep(string folder)
    {
        Made.TryAdd(Path.GetFullPath(folder), 0);
        return folder;
    }

    /// <summary>Removes every folder of the run, and what a build kept beside each; what cannot be removed is left.</summary>
    public static void RemoveAll()
    {
        foreach (var folder in Made.Keys)
        {
            var parent = Path.GetDirectoryName(folder)!;
            var name = Path.GetFileName(folder);
            var beside = Directory.Exists(parent) ? Directory.EnumerateDirectories(parent, $".{name}.*").ToList() : [];
            foreach (var path in beside.Prepend(folder))
                if (path == folder || Path.GetFileName(path) is var n && (n == $".{name}.cache" || n.StartsWith($".{name}.tmp-", StringComparison.Ordinal) || n.StartsWith($".{name}.old-", StringComparison.Ordinal)))
                    Remove(path);
        }
        Made.Clear();
    }

    private static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine($"could not remove {path}: {e.Message}");
        }
    }
}
