using GobiernoElectronico.I18n;
using GobiernoElectronico.Model;
using GobiernoElectronico.Render;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>
/// Stage 5, render: every page in every interface language (Markdig for the bodies, Scriban for the pages),
/// put into the sink as soon as it is rendered. The pages of one path in the different languages are rendered
/// one after another on one thread, so each Markdown text is rendered once for all of them; paths are spread
/// over the cores. Its cache (<see cref="RenderCache"/>, for <c>ge serve</c>): pages whose view model,
/// templates and strings are unchanged are reused.
/// </summary>
public sealed class RenderStage(bool remember, bool holdPages = true)
{
    private readonly RenderCache _cache = new(remember, holdPages);

    /// <summary>Pages rendered (not reused) by the last run.</summary>
    public int PagesRendered => _cache.PagesRendered;

    /// <summary>Whether the last build's inputs other than bodies (<see cref="Keys"/>) are those of the whole build before
    /// it, whose files the site holds (then the assemble stage keeps what it makes of them alone).</summary>
    public bool StructureUnchanged => _cache.SameStructure;

    /// <summary>Renders into <paramref name="sink"/>; returns the paths of the HTML pages written (for the sitemap).</summary>
    /// <param name="only">For a quick build (every input but these documents as the last build had them): the content
    /// paths of the documents whose own pages to render, in every language; nothing else is rendered or put into the
    /// sink, and the cache keeps every other page as it was.</param>
    public IReadOnlyList<string> Run(ContentSet content, TemplateSet templates, IReadOnlyList<Labels> languages,
        IReadOnlyDictionary<string, IReadOnlyList<string>> related, IFileSink sink, IReadOnlySet<string>? only = null, CancellationToken cancel = default)
    {
        if (_persist is { } persist)
        {
            _persist = null;
            _cache.Persist(persist());
        }
        if (only is null) _cache.BeginBuild(Keys?.Structure, Keys?.Shell);
        else _cache.BeginQuickBuild();
        _cache.DependencyValue = RenderCache.DependencyValues(content, related, Keys?.PracticeHeads);
        var interfaces = languages.Select(l => (l.Language, l.Get("language_name"))).ToList();
        var links = _links = Reusable(content, only) ?? SiteRenderer.LinkTargets.Of(content);
        var renderers = languages.Select(l => new SiteRenderer(content, templates, l, related, _cache, interfaces, links)).ToList();
        // A one-shot build of the same structure as the site's keeps the pages whose dependencies are unchanged from the
        // cache's entries alone, and makes only the others (the edited documents' pages, those whose related practices moved).
        var keptByDependencies = only is null ? _cache.KeepByDependencies(sink) : null;
        var byPath = new Dictionary<string, List<SiteRenderer.PageJob>>(StringComparer.Ordinal);
        var pageJobs = keptByDependencies switch
        {
            { Others: true } byDependencies => AllBut(renderers, byDependencies.Kept),
            { } byDependencies => ToMake(content, renderers, byDependencies.Make),
            null => renderers.SelectMany(r => r.Pages(only)),
        };
        foreach (var job in pageJobs)
        {
            if (!byPath.TryGetValue(job.Path, out var jobs)) byPath[job.Path] = jobs = new List<SiteRenderer.PageJob>(languages.Count);
            jobs.Add(job);
        }
        var groups = byPath.Values.ToList();
        var written = new string?[groups.Count][];
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            var paths = new string?[groups[i].Count];
            for (var j = 0; j < paths.Length; j++)
            {
                paths[j] = groups[i][j].Render(sink);
            }
            written[i] = paths;
        });
        if (only is not null) return [];
        foreach (var asset in renderers[0].Assets()) sink.Add(asset);
        foreach (var renderer in renderers)
        {
            sink.Add(renderer.CompareData());
            sink.Add(renderer.SurveyData());
        }
        return written.SelectMany(p => p).OfType<string>().Concat(keptByDependencies?.Kept ?? [])
            .Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The jobs of the pages at <paramref name="make"/> (paths in the site): made from the specs of the documents whose own
    /// pages they are, in the language whose folder they are in; from every page's spec, filtered, when one of them is not
    /// a document's own page.
    /// </summary>
    private static IEnumerable<SiteRenderer.PageJob> ToMake(ContentSet content, List<SiteRenderer> renderers,
        IReadOnlySet<string> make)
    {
        if (make.Count == 0) return [];
        var documents = renderers.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var byDocument = true;
        foreach (var path in make)
        {
            // The language whose folder holds the page: the longest prefix (the default language's is empty).
            var owner = -1;
            for (var r = 0; r < renderers.Count; r++)
                if (path.StartsWith(renderers[r].Prefix, StringComparison.Ordinal) && (owner < 0 || renderers[r].Prefix.Length > renderers[owner].Prefix.Length))
                    owner = r;
            if (owner >= 0 && content.DocumentOfPage.TryGetValue(path[renderers[owner].Prefix.Length..], out var document)) documents[owner].Add(document);
            else byDocument = false;
        }
        var jobs = new List<SiteRenderer.PageJob>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; byDocument && r < renderers.Count; r++)
            foreach (var job in documents[r].Count == 0 ? [] : renderers[r].Pages(documents[r]))
                if (renderers[r].Prefix + job.Path is var output && make.Contains(output) && covered.Add(output)) jobs.Add(job);
        if (byDocument && covered.Count == make.Count) return jobs;
        return renderers.SelectMany(r => r.Pages().Where(job => make.Contains(r.Prefix + job.Path)));
    }

    /// <summary>The jobs of every page but those at <paramref name="kept"/> (paths in the site).</summary>
    private static IEnumerable<SiteRenderer.PageJob> AllBut(List<SiteRenderer> renderers, IReadOnlyList<string> kept)
    {
        var keptPaths = kept.ToHashSet(StringComparer.Ordinal);
        return renderers.SelectMany(r => r.Pages().Where(job => !keptPaths.Contains(r.Prefix + job.Path)));
    }

    /// <summary>The next run makes every page (<see cref="RenderCache.ForgetPages"/>).</summary>
    public void ForgetPages() => _cache.ForgetPages();

    /// <summary>After a successful build, what it rendered is what the next build reuses.</summary>
    public void Commit()
    {
        _cache.Commit();
        _committedLinks = _links;
    }

    private SiteRenderer.LinkTargets? _links, _committedLinks;

    /// <summary>
    /// The link targets of the last build, for a quick build whose edited documents have the same pages as then (still
    /// published, same slugs): every other document and the media are as they were, so the targets are the same
    /// (making them again reads every document: tens of milliseconds at 20,000).
    /// </summary>
    private SiteRenderer.LinkTargets? Reusable(ContentSet content, IReadOnlySet<string>? only)
    {
        if (only is null || _committedLinks is not { } last) return null;
        var pages = content.PagesOf(only);
        foreach (var path in only)
        {
            var same = last.Pages.TryGetValue(path, out var was) ? pages.TryGetValue(path, out var now) && now == was : !pages.ContainsKey(path);
            if (!same) return null;
        }
        return last;
    }

    /// <summary>Starts the next run from what the build cache on disk says the last build rendered (a one-shot build),
    /// read by <paramref name="last"/> as that run begins.</summary>
    public void Persist(Func<RenderCacheFile.Contents> last) => _persist = last;

    /// <summary>Whether the next run wants the <see cref="Keys"/>: a builder that lives on (<c>ge serve</c>), or
    /// one that starts from the build cache on disk.</summary>
    public bool WantsStructure => remember || _persist is not null;

    /// <summary>The <see cref="ContentStructure"/> keys of this build's inputs: pages whose dependencies are unchanged are
    /// kept without their models being made when the last whole build (in this process, or the one that left the build
    /// cache on disk) had the same key.</summary>
    public ContentKeys? Keys { get; set; }

    private Func<RenderCacheFile.Contents>? _persist;

    /// <summary>What the last committed build rendered, for the build cache on disk.</summary>
    public RenderCacheFile.Contents Persisted() => _cache.Persisted();
}

/// <summary>
/// Stage 6, assemble: the files of the site that are not pages — sitemap and robots, the open data, the media
/// copied from <c>content/media</c>, and the search files of the index stage. The web files (the Atom feed, the sitemap)
/// and the open data are made on both cores, each into the sink as soon as it is made; neither depends on the other.
/// </summary>
public static class AssembleStage
{
    /// <param name="structureUnchanged">The inputs other than bodies are those of the build that published the site
    /// (<see cref="RenderStage.StructureUnchanged"/>): the web files and open data, made of those alone, are kept in the
    /// sink as the site holds them (a file lost or changed by hand since is made and written again).</param>
    public static void Run(ContentSet content, IReadOnlyList<string> pages, IReadOnlyList<OutputFile> searchFiles, string contentRoot, IFileSink sink,
        bool structureUnchanged = false)
    {
        Parallel.Invoke(
            () => AddOrKeep(sink, structureUnchanged, WebFiles.Paths(content), () => WebFiles.For(content, pages)),
            () => AddOrKeep(sink, structureUnchanged, OpenData.Files, () => OpenData.For(content)));
        foreach (var media in content.Media) sink.Add(new OutputFile(media, ReadMedia(Path.Combine(contentRoot, media))));
        foreach (var file in searchFiles) sink.Add(file);
    }

    /// <summary>Keeps <paramref name="paths"/> in the sink when <paramref name="keep"/>, else (or for those it cannot keep)
    /// adds the files <paramref name="make"/> makes.</summary>
    private static void AddOrKeep(IFileSink sink, bool keep, IReadOnlyList<string> paths, Func<IEnumerable<OutputFile>> make)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (keep)
            foreach (var path in paths)
                if (sink.TryKeep(path)) kept.Add(path);
        if (kept.Count == paths.Count) return;
        foreach (var file in make())
            if (!kept.Contains(file.Path)) sink.Add(file);
    }

    /// <summary>A media file's bytes; one of length 0 is not opened (a pipe or device would never end).</summary>
    private static byte[] ReadMedia(string file) => new FileInfo(file) is { Length: > 0 } ? File.ReadAllBytes(file) : [];
}
