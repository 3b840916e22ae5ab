using System.Collections.Concurrent;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>What the load stage read: the documents, the indicator series, the thesaurus and the media files.</summary>
/// <param name="Series">Null when <c>data/indicators.csv</c> has errors (reported).</param>
/// <param name="Thesaurus">Null when <c>data/thesaurus.yml</c> has errors (reported).</param>
public sealed record LoadedContent(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<IndicatorSeries>? Series, Thesaurus? Thesaurus, IReadOnlyList<string> Media);

/// <summary>
/// Stage 1, load: reads <c>content/</c> (files in parallel, returned in path order). Its cache, for a builder
/// that lives on (<c>ge serve</c>): each file's parse by time stamp and length, so that only changed files are
/// read again.
/// </summary>
public sealed class LoadStage(BuildOptions options, bool remember)
{
    private readonly ConcurrentDictionary<string, ContentLoader.CachedFile>? _files = remember ? new(StringComparer.Ordinal) : null;

    /// <summary>For a one-shot build with the build cache: the front matter the last build parsed, and where this build's
    /// parses go once the documents are read.</summary>
    private (Func<ParseCache> Last, Action<ParseCache> Keep)? _persist;

    /// <summary>
    /// Makes a one-shot build (<c>ge build</c>) take the front matter <paramref name="last"/> gives (the build cache on
    /// disk, read when the documents are read and timed with them) instead of parsing it again when its text is the same,
    /// and hand the parses of its documents to <paramref name="keep"/> as soon as they are read: the trees are then let go
    /// with the documents (kept to the end of the build, every document's tree would live through render). A parse
    /// depends on its text alone, so keeping it is right whatever the rest of the build does.
    /// </summary>
    public void Persist(Func<ParseCache> last, Action<ParseCache> keep) => _persist = (last, keep);

    /// <param name="changed">Full paths a watcher saw change since the last run, or null when not known: when every one is a
    /// content file the last run read too and still there, the tree is not walked again (its problems are reported as
    /// then) and only those files are looked at.</param>
    public LoadedContent? Run(DiagnosticBag diagnostics, IReadOnlyCollection<string>? changed = null)
    {
        if (!Directory.Exists(options.ContentRoot))
        {
            diagnostics.Error(ContentLoader.DisplayPath(options.ContentRoot), SourcePosition.FileStart, ErrorCodes.UnreadableFile, "the content folder does not exist");
            return null;
        }
        var documents = Documents(diagnostics, changed);
        var series = Remembered(ref _series, "data/indicators.csv", bag => IndicatorData.Load(options.ContentRoot, bag), diagnostics);
        var thesaurus = Remembered(ref _thesaurus, "data/thesaurus.yml", bag => ThesaurusData.Load(options.ContentRoot, bag), diagnostics);
        return new LoadedContent(documents, series, thesaurus, ContentLoader.MediaFiles(options.ContentRoot));
    }

    /// <summary>A data file's parse, and its problems, for as long as its time stamp and length are unchanged.</summary>
    private sealed record Kept<T>(DateTime Modified, long Length, T Value, IReadOnlyList<Diagnostic> Problems);

    private Kept<IReadOnlyList<IndicatorSeries>?>? _series;
    private Kept<Thesaurus?>? _thesaurus;

    private T Remembered<T>(ref Kept<T>? kept, string relative, Func<DiagnosticBag, T> read, DiagnosticBag diagnostics)
    {
        var info = new FileInfo(Path.Combine(options.ContentRoot, relative));
        var (modified, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        if (!remember || kept is null || kept.Modified != modified || kept.Length != length)
        {
            var bag = new DiagnosticBag();
            var value = read(bag);
            kept = new Kept<T>(modified, length, value, bag.Sorted());
            if (!remember) kept = null;
            foreach (var d in bag.Sorted()) diagnostics.Add(d);
            return value;
        }
        foreach (var d in kept.Problems) diagnostics.Add(d);
        return kept.Value;
    }

    /// <summary>The content documents, drafts included, reading again only the files that changed since the last
    /// load when the stage remembers (the committee's survey page of <c>ge serve</c> reads them between builds).</summary>
    public IReadOnlyList<SourceDocument> Documents(DiagnosticBag diagnostics, IReadOnlyCollection<string>? changed = null)
    {
        if (_files is null)
        {
            if (_persist is not { } persist) return ContentLoader.Load(options.ContentRoot, diagnostics);
            // The cache is read while the tree is walked (20,000 files' names against 25 MB of trees at 20,000 documents).
            var reading = Task.Run(persist.Last);
            var tree = ContentLoader.Files(options.ContentRoot, diagnostics);
            var parses = reading.GetAwaiter().GetResult();
            var documents = ContentLoader.Read(tree, diagnostics, parses: parses);
            persist.Keep(parses);
            return documents;
        }
        var last = _tree;
        if (changed is not null && last is not null && changed.All(path => IsOutsideDocuments(path) || (last.Index.ContainsKey(path) && File.Exists(path))))
        {
            foreach (var d in last.Problems) diagnostics.Add(d);
            if (_entries is { } kept && kept.Length == last.Files.Count) return ReadChanged(last, kept, changed, diagnostics);
            var read = new ContentLoader.CachedFile?[last.Files.Count];
            var documents = ContentLoader.Read(last.Files, diagnostics, _files, changed.ToHashSet(StringComparer.Ordinal), read);
            _entries = read;
            return documents;
        }
        var walk = new DiagnosticBag();
        var files = ContentLoader.Files(options.ContentRoot, walk);
        var problems = walk.Sorted();
        var index = new Dictionary<string, int>(files.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++) index[files[i].File] = i;
        _tree = new Tree(files, index, problems);
        foreach (var d in problems) diagnostics.Add(d);
        var entries = new ContentLoader.CachedFile?[files.Count];
        var all = ContentLoader.Read(files, diagnostics, _files, entries: entries);
        _entries = entries;
        return all;
    }

    /// <summary>
    /// The documents when only the <paramref name="changed"/> files can differ from the last read: the last read's entries
    /// with those files' entries refreshed. Each file of the others is neither looked up nor looked at (at 20,000 files,
    /// that was tens of milliseconds of each edit's page time in <c>ge serve</c>).
    /// </summary>
    private List<SourceDocument> ReadChanged(Tree tree, ContentLoader.CachedFile?[] kept, IReadOnlyCollection<string> changed, DiagnosticBag diagnostics)
    {
        var entries = (ContentLoader.CachedFile?[])kept.Clone();
        foreach (var path in changed)
            if (tree.Index.TryGetValue(path, out var i)) entries[i] = ContentLoader.Refresh(tree.Files[i].File, tree.Files[i].Kind, _files!);
        _entries = entries;
        var documents = new List<SourceDocument>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry is null) continue;
            foreach (var d in entry.Problems) diagnostics.Add(d);
            if (entry.Document is not null) documents.Add(entry.Document);
        }
        return documents;
    }

    /// <summary>The content files of the last walk of the tree (and each one's place among them), and what the walk reported.</summary>
    private sealed record Tree(IReadOnlyList<(string File, ContentKind Kind)> Files, Dictionary<string, int> Index, IReadOnlyList<Diagnostic> Problems);

    private Tree? _tree;

    /// <summary>Each file's cache entry as the last read left it, by its place in the tree's files.</summary>
    private ContentLoader.CachedFile?[]? _entries;

    /// <summary>A changed path that is not a document's: the templates, the data and media folders (read otherwise), or
    /// a file the loader ignores (an editor's swap file).</summary>
    private bool IsOutsideDocuments(string path)
    {
        var full = Path.GetFullPath(path);
        if (IsUnder(full, options.TemplatesRoot)) return true;
        if (!IsUnder(full, options.ContentRoot)) return false;
        var relative = Path.GetRelativePath(Path.GetFullPath(options.ContentRoot), full).Replace('\\', '/');
        return ContentLoader.IsIgnored(relative) || relative.StartsWith("data/", StringComparison.Ordinal)
            || relative.StartsWith(ContentLoader.MediaFolder + "/", StringComparison.Ordinal);
    }

    private static bool IsUnder(string full, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }
}
