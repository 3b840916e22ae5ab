using System.Collections.Concurrent;
using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Index;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;
using GobiernoElectronico.Render;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build, keeping what it made for the next build: files are read again only when they changed;
/// pages are rendered again only when their view model, templates or interface strings changed
/// (<see cref="RenderCache"/>); the search index is rebuilt only when searchable text changed. BM25
/// statistics and related practices are corpus-wide, so any change to the text rebuilds the index as a
/// whole, which keeps incremental output identical to a full build. <c>ge build</c> is this class starting
/// from nothing; <c>ge serve</c> keeps one alive.
/// </summary>
/// <param name="remember">False for a one-shot build: nothing is kept for a next build that will not come.</param>
public sealed class IncrementalBuilder(BuildOptions options, bool remember = true) : IDisposable
{
    private readonly ConcurrentDictionary<string, ContentLoader.CachedFile> _files = new(StringComparer.Ordinal);
    private readonly RenderCache _render = new(remember);
    private SearchProducts? _search;
    private Dictionary<string, byte[]>? _written;

    /// <summary>The search index and everything derived from it, for one state of the searchable text.</summary>
    /// <param name="RelatedSettled">False while related practices of unchanged practices are still those of the previous text.</param>
    private sealed record SearchProducts(
        string Key, SearchIndex Index, IReadOnlyDictionary<string, IReadOnlyList<string>> Related, IReadOnlyList<OutputFile> Files,
        IReadOnlyDictionary<string, SearchDocument> Documents, bool RelatedSettled);

    /// <summary>What one build did.</summary>
    /// <param name="Files">Every file of the site, by path; null when the build failed.</param>
    /// <param name="PagesRendered">Pages rendered rather than reused.</param>
    /// <param name="Reindexed">Whether the search index was rebuilt.</param>
    /// <param name="Settled">False when a quick build reused related practices of unchanged practices; another
    /// <see cref="Build"/> with <c>settle: true</c> brings the site to exactly what a full build gives.</param>
    public sealed record Outcome(BuildResult Result, IReadOnlyList<OutputFile>? Files, int PagesRendered, bool Reindexed, bool Settled = true);

    /// <summary>The search index of the last successful build (for <c>/api/search</c>).</summary>
    public SearchIndex? Index => _search?.Index;

    public BuildOptions Options => options;

    /// <summary>
    /// Builds. With <paramref name="settle"/> false (the first build after an edit in <c>serve</c>), related
    /// practices are computed only for practices whose text changed or that are new, and the rest keep their
    /// previous lists: the edited page is up at once, and a settling build follows.
    /// </summary>
    public Outcome Build(bool settle = true)
    {
        var clock = Stopwatch.StartNew();
        var bag = new DiagnosticBag();
        Outcome Fail() => new(new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed), null, 0, false);

        var content = BuildPipeline.LoadAndValidate(options, bag, _files);
        if (content is null) return Fail();

        var templates = new TemplateSet(options.TemplatesRoot, bag);
        var allLabels = content.Site.InterfaceLanguages.Select(l => Labels.Load(options.TemplatesRoot, l, bag)).ToList();
        if (allLabels.Any(l => l is null)) return Fail();
        var labelsByLanguage = allLabels.Select(l => l!).ToList();

        var searchDocuments = SearchDocuments.From(content);
        var facetLabels = labelsByLanguage.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l), StringComparer.Ordinal);
        var strings = labelsByLanguage.ToDictionary(l => l.Language, l => l.Section("search.js"), StringComparer.Ordinal);
        var key = SearchKey(searchDocuments, facetLabels, strings, content.Thesaurus);
        var reindexed = false;
        var search = _search;
        if (search is null || search.Key != key)
        {
            var index = SearchIndex.Build(searchDocuments, content.Thesaurus);
            var byId = searchDocuments.ToDictionary(d => d.Id, StringComparer.Ordinal);
            IReadOnlyDictionary<string, IReadOnlyList<string>> related;
            var settled = settle || search is null;
            if (settled) related = RelatedPractices.Find(index);
            else
            {
                var previous = search!;
                var practices = byId.Values.Where(d => d.Type == "practice").Select(d => d.Id[(d.Id.IndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
                var changed = byId.Values.Where(d => d.Type == "practice" && (!previous.Documents.TryGetValue(d.Id, out var old) || !old.SameAs(d)))
                    .Select(d => d.Id[(d.Id.IndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
                var fresh = RelatedPractices.Find(index, changed);
                related = practices.ToDictionary(p => p, p => fresh.TryGetValue(p, out var r) ? r
                    : previous.Related.GetValueOrDefault(p, []).Where(practices.Contains).ToList(), StringComparer.Ordinal);
            }
            var exported = LuceneFilesExport.Export(index).Concat(BrowserIndexExport.Export(index, facetLabels, strings)).ToList();
            search = new SearchProducts(key, index, related, exported, byId, settled);
            reindexed = true;
        }
        else if (settle && !search.RelatedSettled)
        {
            search = search with { Related = RelatedPractices.Find(search.Index), RelatedSettled = true };
        }

        _render.BeginBuild();
        var interfaces = labelsByLanguage.Select(l => (l.Language, l.Get("language_name"))).ToList();
        var pages = labelsByLanguage.SelectMany(l => new SiteRenderer(content, templates, l, search.Related, _render, interfaces).Render(bag))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (bag.HasErrors)
        {
            if (reindexed) search.Index.Dispose();
            return Fail();
        }
        var files = pages
            .Concat(WebFiles.For(content, pages.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)).Select(f => f.Path)))
            .Concat(OpenData.For(content))
            .Concat(content.Media.Select(m => new OutputFile(m, ReadMedia(Path.Combine(options.ContentRoot, m)))))
            .Concat(search.Files)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

        _render.Commit();
        if (reindexed && _search is not null && !ReferenceEquals(_search, search)) Retire(_search.Index);
        _search = search;
        var result = new BuildResult(bag.Sorted(), content.DocumentCount, files.Count(f => f.Path.EndsWith(".html", StringComparison.Ordinal)), files.Count, clock.Elapsed);
        return new Outcome(result, files, _render.PagesRendered, reindexed, search.RelatedSettled);
    }

    /// <summary>
    /// Brings <see cref="BuildOptions.OutputRoot"/> in line with <paramref name="files"/>, writing only what
    /// changed since the last call (each file through a temporary name, so no reader sees half a file) and
    /// removing what is gone. The first call replaces the folder atomically, as <c>ge build</c> does.
    /// </summary>
    public bool Write(IReadOnlyList<OutputFile> files, DiagnosticBag diagnostics)
    {
        var output = Path.GetFullPath(options.OutputRoot);
        if (_written is null || !Directory.Exists(output))
        {
            if (!SiteWriter.Write(output, files, diagnostics)) return false;
            _written = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
            return true;
        }
        try
        {
            var next = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (_written.TryGetValue(file.Path, out var old) && old.AsSpan().SequenceEqual(file.Content)) continue;
                var target = Path.Combine(output, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = target + ".ge-tmp";
                File.WriteAllBytes(temporary, file.Content);
                File.Move(temporary, target, overwrite: true);
            }
            foreach (var gone in _written.Keys.Where(p => !next.ContainsKey(p)))
            {
                var target = Path.Combine(output, gone);
                if (File.Exists(target)) File.Delete(target);
                var folder = Path.GetDirectoryName(target)!;
                while (folder.Length > output.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                    folder = Path.GetDirectoryName(folder)!;
                }
            }
            _written = next;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(ContentLoader.DisplayPath(output), SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot update the site: {e.Message}");
            _written = null; // the next write starts over with an atomic replacement
            return false;
        }
    }

    private static string SearchKey(IReadOnlyList<SearchDocument> documents, object labels, object strings, Model.Thesaurus thesaurus) =>
        RenderCache.Hash(System.Text.Json.JsonSerializer.Serialize(new { documents, labels, strings, thesaurus }));

    /// <summary>Readers of an old index (a search request in flight) may still use it for a moment.</summary>
    private static void Retire(SearchIndex index) =>
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => index.Dispose(), TaskScheduler.Default);

    public void Dispose() => _search?.Index.Dispose();

    /// <summary>A media file's bytes; one of length 0 is not opened (a pipe or device would never end).</summary>
    private static byte[] ReadMedia(string file) => new FileInfo(file) is { Length: > 0 } ? File.ReadAllBytes(file) : [];
}
