using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Hashing;
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
    public static bool Publish(string outputRoot, DiagnosticBag diagnostics, Func<IFileSink, bool> produce) =>
        Publish(outputRoot, diagnostics, (sink, _) => produce(sink), incremental: false);

    /// <summary>The folder beside the output that holds its build cache (<c>.NAME.cache</c>, as the lock and the
    /// temporary folders are <c>.NAME.lock</c> and <c>.NAME.tmp-…</c>).</summary>
    public static string CacheFolder(string outputRoot)
    {
        var output = Path.GetFullPath(outputRoot).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(output) ?? output, $".{Path.GetFileName(output)}.cache");
    }

    /// <summary>Which publication of the site a build starts from and which it makes.</summary>
    /// <param name="Last">The publication the site holds, when this one updates it file by file (the files the sink
    /// keeps are that publication's); null when the new site is written whole.</param>
    /// <param name="Next">The publication being made: what the build cache written now describes.</param>
    public sealed record Publication(string? Last, string Next);

    /// <summary>
    /// As <see cref="Publish(string, DiagnosticBag, Func{IFileSink, bool})"/>; with <paramref name="incremental"/>
    /// (<c>ge build</c>), a site this tool published with a manifest is updated in place: only files whose bytes changed
    /// are written (into the temporary folder first), files no longer made are removed, and the changes are applied
    /// through a journal in the build cache, so a build killed while applying them is finished by the next one.
    /// Without a usable manifest the site is written whole, and a manifest made for the next build.
    /// </summary>
    /// <param name="beforeCommit">Called after <paramref name="produce"/> succeeded and every file is written, just before the
    /// site starts to change (an update's journal is written, or the folders are swapped): what the caller started in
    /// <paramref name="produce"/> that must be on disk before the site changes is waited for there, while the writer
    /// prepares the update. Not called when the build fails; if it throws, the site is left as it was.</param>
    public static bool Publish(string outputRoot, DiagnosticBag diagnostics, Func<IFileSink, Publication, bool> produce, bool incremental,
        Action? beforeCommit = null)
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
            var cache = CacheFolder(output);
            RecoverFromKilledBuild(parent, name, output, cache);
            return WriteLocked(output, parent, name, display, produce, diagnostics, cache, incremental, beforeCommit);
        }
    }

    /// <summary>
    /// A build killed while writing leaves <c>.NAME.tmp-…</c> (a half-written site) and, if killed between the
    /// two renames, <c>.NAME.old-…</c> holding the last published site with no site in its place. The old
    /// site is put back, then every leftover is removed.
    /// </summary>
    private static void RecoverFromKilledBuild(string parent, string name, string output, string cache)
    {
        try
        {
            PublishJournal.Finish(output, cache); // an update killed while it applied its changes
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            // The manifest is forgotten with the journal: this build writes the site whole.
        }
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

    private static bool WriteLocked(string output, string parent, string name, string display, Func<IFileSink, Publication, bool> produce,
        DiagnosticBag diagnostics, string cache, bool incremental, Action? beforeCommit)
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
        var manifestFile = Path.Combine(cache, ManifestFile);
        var last = incremental && Directory.Exists(output) ? Usable(SiteManifest.Read(manifestFile), output) : null;
        var next = Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(temporary);
            FolderSink sink = last is null ? new StagingSink(temporary, hash: incremental) : new UpdatingSink(output, temporary, last);
            bool produced;
            using (sink)
            {
                produced = produce(sink, new Publication(last?.Publication, next));
                sink.Finish(); // every file is on disk (or the first failure to write one is thrown)
            }
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
            if (last is not null)
            {
                // In place: the changed files move in and the ones no longer made go, through the journal.
                var update = (UpdatingSink)sink;
                update.KeepMarker();
                // The sink's entries are the next manifest as they are (at 20,107 documents, a copy of the 98,000 was most of a
                // tenth of a second after an edit); the files it lacks are the ones no longer made.
                var kept = sink.Entries;
                var removed = new List<string>();
                foreach (var path in last.Files.Keys)
                    if (!kept.ContainsKey(path)) removed.Add(path);
                removed.Sort(StringComparer.Ordinal);
                PublishJournal.Apply(output, cache, new SiteManifest(next, kept), temporary, update.Changed(), removed, beforeCommit);
                return true;
            }

            beforeCommit?.Invoke();
            if (File.Exists(manifestFile)) File.Delete(manifestFile); // it describes the site about to be replaced
            var marker = "This folder is generated by GobiernoElectronico's build; it is replaced on every build.\n"u8;
            var markerWritten = WriteNew(Path.Combine(temporary, MarkerFile), marker);
            var entries = new Dictionary<string, SiteManifest.Entry>(sink.Entries, StringComparer.Ordinal)
            {
                [MarkerFile] = new(marker.Length, markerWritten, SiteManifest.HashOf(marker)),
            };
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
            if (incremental) KeepManifest(cache, new SiteManifest(next, entries));
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

    /// <summary>Leaves the manifest of a site just published whole for the next build. The site is published whatever
    /// happens here: a manifest that cannot be written only means the next build writes the site whole again.</summary>
    private static void KeepManifest(string cache, SiteManifest manifest)
    {
        try
        {
            manifest.Write(Path.Combine(cache, ManifestFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No manifest: the next build starts from nothing, as a first build does.
        }
    }

    /// <summary>The manifest's file name in the build cache.</summary>
    public const string ManifestFile = "site-manifest";

    /// <summary>The manifest, if the site is still the publication it describes: its marker file is the one that
    /// publication wrote (a site written whole since, by <c>ge serve</c> or a build without the cache, has a new one).</summary>
    private static SiteManifest? Usable(SiteManifest? manifest, string output) =>
        manifest is not null && manifest.Files.TryGetValue(MarkerFile, out var marker) && SiteManifest.OnDisk(Path.Combine(output, MarkerFile), marker)
            ? manifest : null;

    /// <summary>Forgets the manifest of the site at <paramref name="outputRoot"/>: its files are about to change by another
    /// way than a build (<c>ge serve</c> updating the folder), so the next build writes the site whole.</summary>
    public static void ForgetManifest(string outputRoot)
    {
        var file = Path.Combine(CacheFolder(outputRoot), ManifestFile);
        if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>Where a publication's files go, refusing (once, then ignoring the rest) a path that would leave the site or
    /// that two outputs share; records each file's manifest entry.</summary>
    /// <param name="expected">How many files the publication is expected to hold (those of the one it updates): the tables
    /// of paths are made that large at once rather than grown under both cores' writes (at 20,107 documents, 98,720 files).</param>
    private abstract class FolderSink(string folder, bool hash, int expected = 0) : IFileSink, IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _seen = new(Environment.ProcessorCount, expected, StringComparer.OrdinalIgnoreCase);

        /// <summary>Folders made so far (by the writer's thread only): the search's shards, the data files and the assets
        /// share a few folders between thousands of files, and the file system need not be asked again for a folder this
        /// sink made (each page has a folder of its own, made once either way).</summary>
        private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

        /// <summary>The one thread that writes the files (<see cref="SerialWriter"/>).</summary>
        private readonly SerialWriter _writer = new();

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SiteManifest.Entry> _entries = new(Environment.ProcessorCount, expected, StringComparer.Ordinal);

        public string? Refused { get; private set; }

        /// <summary>The manifest entries of the files of the publication (when hashed).</summary>
        public IReadOnlyDictionary<string, SiteManifest.Entry> Entries => _entries;

        public abstract void Add(OutputFile file);

        public virtual bool TryKeep(string path) => false;

        /// <summary>Whether this path may be written: inside the site, and not given already.</summary>
        protected bool Accept(string path)
        {
            if (Refused is not null) return false;
            if (SitePaths.IsSafe(path) && _seen.TryAdd(path, 0)) return true;
            Refused ??= $"refusing to write '{path}': {(SitePaths.IsSafe(path) ? "two outputs have this path" : "it would leave the site folder")}";
            return false;
        }

        /// <summary>Takes back the claim on a path a keep could not honour: the caller will make the file.</summary>
        protected void Release(string path) => _seen.TryRemove(path, out _);

        protected void Record(string path, SiteManifest.Entry entry) => _entries[path] = entry;

        /// <summary>Has the file written into the folder by the writer's thread, and its entry recorded when hashing (the
        /// hash is computed here, on the caller's core).</summary>
        protected void Write(OutputFile file, Hash128? known = null)
        {
            Hash128? entryHash = hash || known is not null ? known ?? SiteManifest.HashOf(file.Content) : null;
            _writer.Post(() =>
            {
                var target = Path.Combine(folder, file.Path);
                var parent = Path.GetDirectoryName(target)!;
                if (_folders.Add(parent)) Directory.CreateDirectory(parent);
                var written = WriteNew(target, file.Content);
                if (entryHash is { } h) Record(file.Path, new SiteManifest.Entry(file.Content.Length, written, h));
            });
        }

        /// <summary>Waits until every file handed over is written; throws the first failure to write.</summary>
        public void Finish() => _writer.Finish();

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>
    /// Writes a file that does not exist yet (every file of a publication goes into a fresh temporary folder). Opened
    /// with <see cref="FileMode.CreateNew"/> rather than as <c>File.WriteAllBytes</c> does (<c>O_TRUNC</c>): on ext4, a file
    /// opened for truncation has its blocks allocated and its writeback started when it is closed, in the writer's
    /// time. Measured on this project's VM, 20,000 pages of 10 KB in 200 folders: 1.0–1.4 s instead of 2.4–2.7 s (system
    /// time 0.8–1.2 s instead of 2.1–2.5 s). A path that exists already (a link planted in the folder) is refused by the
    /// file system rather than followed.
    /// </summary>
    /// <returns>The file's time of last write, in ticks (read from the open file: no second look-up of its path).</returns>
    internal static long WriteNew(string path, ReadOnlySpan<byte> content)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        RandomAccess.Write(handle, content, 0);
        return File.GetLastWriteTimeUtc(handle).Ticks;
    }

    /// <summary>Writes each file into the temporary folder that will become the whole site.</summary>
    private sealed class StagingSink(string folder, bool hash) : FolderSink(folder, hash)
    {
        public override void Add(OutputFile file)
        {
            if (Accept(file.Path)) Write(file);
        }
    }

    /// <summary>
    /// Updates a published site: a file whose bytes hash as the manifest says, still on disk as it was written, is kept;
    /// any other is written into the temporary folder, to be moved into the site once the build succeeded.
    /// </summary>
    private sealed class UpdatingSink(string site, string folder, SiteManifest last) : FolderSink(folder, hash: true, expected: last.Files.Count)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _changed = [];

        public override void Add(OutputFile file)
        {
            if (!Accept(file.Path)) return;
            var hash = SiteManifest.HashOf(file.Content);
            if (last.Files.TryGetValue(file.Path, out var entry) && entry.Length == file.Content.Length && entry.Hash == hash
                && SiteManifest.OnDisk(Path.Combine(site, file.Path), entry))
            {
                Record(file.Path, entry);
                return;
            }
            Write(file, hash);
            _changed.Add(file.Path);
        }

        public override bool TryKeep(string path)
        {
            if (!Accept(path)) return false;
            if (last.Files.TryGetValue(path, out var entry) && SiteManifest.OnDisk(Path.Combine(site, path), entry))
            {
                Record(path, entry);
                return true;
            }
            Release(path);
            return false;
        }

        /// <summary>Records the marker file as the publication it updates has it: a site updated in place keeps its marker.</summary>
        public void KeepMarker() => Record(MarkerFile, last.Files[MarkerFile]);

        /// <summary>The files written, to move into the site, in path order.</summary>
        public List<string> Changed() => _changed.Order(StringComparer.Ordinal).ToList();
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
