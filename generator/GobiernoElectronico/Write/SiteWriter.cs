using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Write;

/// <summary>
/// Stage 5, write: puts the built site in place atomically. Files are written into a temporary folder
/// beside the output; only when all of them are written is the old site swapped out and removed. A failed
/// build therefore leaves the previous site exactly as it was. An existing folder is replaced only if a
/// previous build made it (it holds <see cref="MarkerFile"/>) or it is empty, so a mistyped
/// <c>--output</c> can never delete someone's files.
/// </summary>
public static class SiteWriter
{
    /// <summary>The file that marks a folder as a site this tool built.</summary>
    public const string MarkerFile = ".gobierno-electronico-site";

    /// <summary>Writes <paramref name="files"/> as the new content of <paramref name="outputRoot"/>. False (reported) on failure.</summary>
    public static bool Write(string outputRoot, IReadOnlyList<OutputFile> files, DiagnosticBag diagnostics) =>
        Publish(outputRoot, diagnostics, sink =>
        {
            foreach (var file in files) sink.Add(file);
            return true;
        });

    /// <summary>
    /// Publishes what <paramref name="produce"/> puts in its sink as the new content of <paramref name="outputRoot"/>:
    /// each file is written into the temporary folder as it arrives (so a build holds no more of the site in
    /// memory than the pages it is rendering), and the folder replaces the site only if <paramref name="produce"/>
    /// returns true and every file was accepted. Otherwise nothing changes. False (reported) on failure.
    /// </summary>
    public static bool Publish(string outputRoot, DiagnosticBag diagnostics, Func<IFileSink, bool> produce)
    {
        var full = Path.GetFullPath(outputRoot);
        var output = full.TrimEnd(Path.DirectorySeparatorChar);
        var parent = output.Length == 0 ? null : Path.GetDirectoryName(output);
        if (parent is null)
        {
            diagnostics.Error(full, SourcePosition.FileStart, ErrorCodes.OutputError, "the output cannot be the root of the file system; choose a folder such as site/");
            return false;
        }
        var display = Load.ContentLoader.DisplayPath(output);
        var name = Path.GetFileName(output);
        if (!Directory.Exists(parent))
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, $"the folder that would hold the output does not exist: {parent}");
            return false;
        }

        // One build at a time per output; the lock also makes it safe to clear what a killed build left.
        FileStream? lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(parent, $".{name}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, "another build is writing this output right now; wait for it to end");
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot write beside the output: {e.Message}");
            return false;
        }
        using (lockFile)
        {
            RecoverFromKilledBuild(parent, name, output);
            return WriteLocked(output, parent, name, display, produce, diagnostics);
        }
    }

    /// <summary>
    /// A build killed while writing leaves <c>.NAME.tmp-…</c> (a half-written site) and, if killed between the
    /// two renames, <c>.NAME.old-…</c> holding the last published site with no site in its place. The old
    /// site is put back, then every leftover is removed.
    /// </summary>
    private static void RecoverFromKilledBuild(string parent, string name, string output)
    {
        var leftovers = Directory.EnumerateDirectories(parent, $".{name}.*-*")
            .Where(d => Path.GetFileName(d) is var n && (n.StartsWith($".{name}.tmp-", StringComparison.Ordinal) || n.StartsWith($".{name}.old-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        if (!Directory.Exists(output))
        {
            var old = leftovers.FirstOrDefault(d => Path.GetFileName(d).StartsWith($".{name}.old-", StringComparison.Ordinal) && File.Exists(Path.Combine(d, MarkerFile)));
            if (old is not null)
            {
                Directory.Move(old, output);
                leftovers.Remove(old);
            }
        }
        foreach (var leftover in leftovers) TryDelete(leftover);
    }

    private static bool WriteLocked(string output, string parent, string name, string display, Func<IFileSink, bool> produce, DiagnosticBag diagnostics)
    {
        if (Directory.Exists(output) && !IsReplaceable(output))
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError,
                $"the output folder exists and was not made by this tool (no {MarkerFile}); refusing to replace it. Choose another --output or empty it");
            return false;
        }
        if (File.Exists(output))
        {
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, "the output path is a file, not a folder");
            return false;
        }

        var temporary = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");
        var previous = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temporary);
            var sink = new StagingSink(temporary);
            var produced = produce(sink);
            if (sink.Refused is { } refused)
            {
                diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, refused);
                produced = false;
            }
            if (!produced)
            {
                TryDelete(temporary);
                return false;
            }
            File.WriteAllText(Path.Combine(temporary, MarkerFile), "This folder is generated by GobiernoElectronico's build; it is replaced on every build.\n");

            if (Directory.Exists(output))
            {
                Directory.Move(output, previous);
                try
                {
                    Directory.Move(temporary, output);
                }
                catch
                {
                    Directory.Move(previous, output);
                    throw;
                }
                Directory.Delete(previous, recursive: true);
            }
            else
            {
                Directory.Move(temporary, output);
            }
            return true;
        }
        catch (Exception e) when (IsIo(e))
        {
            var cause = e is AggregateException a ? a.Flatten().InnerExceptions[0] : e;
            diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot write the site: {cause.Message}");
            TryDelete(temporary);
            return false;
        }
        catch
        {
            TryDelete(temporary); // no half-written site is left behind, whatever stopped the build
            throw;
        }
    }

    /// <summary>Writes each file into the temporary folder as it arrives; refuses (once, then ignores the rest) a path
    /// that would leave the site or that two outputs share.</summary>
    private sealed class StagingSink(string folder) : IFileSink
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _seen = new(StringComparer.OrdinalIgnoreCase);

        public string? Refused { get; private set; }

        public void Add(OutputFile file)
        {
            if (Refused is not null) return;
            if (!SitePaths.IsSafe(file.Path) || !_seen.TryAdd(file.Path, 0))
            {
                Refused ??= $"refusing to write '{file.Path}': {(SitePaths.IsSafe(file.Path) ? "two outputs have this path" : "it would leave the site folder")}";
                return;
            }
            var target = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
        }
    }

    /// <summary>A failure to write (also when it happened on a worker thread of a parallel stage).</summary>
    private static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException
        || (e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is IOException or UnauthorizedAccessException));

    private static bool IsReplaceable(string folder) =>
        File.Exists(Path.Combine(folder, MarkerFile)) || !Directory.EnumerateFileSystemEntries(folder).Any();

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden temporary folder is harmless and is not the site.
        }
    }
}
