using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Index;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Render;
using GobiernoElectronico.Site;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build as named stages, wired in one place: load → validate → index → related → render → assemble
/// (→ write, by the caller). Each stage keeps what it made for the next build when the builder lives on
/// (<c>ge serve</c>): files are read again only when they changed, the index is rebuilt only when searchable
/// text changed, pages are rendered again only when their view model, templates or strings changed. A one-shot
/// build (<c>ge build</c>) is the same stages with nothing remembered, its files streamed to disk as they are made.
/// </summary>
/// <param name="remember">False for a one-shot build: nothing is kept for a next build that will not come.</param>
public sealed class IncrementalBuilder(BuildOptions options, bool remember = true) : IDisposable
{
    private readonly LoadStage _load = new(options, remember);
    private readonly IndexStage _index = new(remember);
    private readonly RelatedStage _related = new();
    private readonly RenderStage _render = new(remember);

    /// <summary>What one build did.</summary>
    /// <param name="Files">Every file of the site, by path, when the build collected them (no sink given); null when the
    /// build failed or streamed its files to a sink.</param>
    /// <param name="PagesRendered">Pages rendered rather than reused.</param>
    /// <param name="Reindexed">Whether the search index was rebuilt.</param>
    /// <param name="Settled">False when a quick build reused related practices of unchanged practices; another
    /// <see cref="Build(bool)"/> with <c>settle: true</c> brings the site to exactly what a full build gives.</param>
    public sealed record Outcome(BuildResult Result, IReadOnlyList<OutputFile>? Files, int PagesRendered, bool Reindexed, bool Settled = true);

    /// <summary>The search index of the last successful build (for <c>/api/search</c>): take a lease to read it.</summary>
    public SharedResource<SearchIndex>? Index => _index.Served;

    public BuildOptions Options => options;

    /// <summary>The content's documents as they are now, drafts included, through the load stage's cache of parsed files.</summary>
    public IReadOnlyList<Load.SourceDocument> Documents() => _load.Documents(new DiagnosticBag());

    /// <summary>
    /// Builds, collecting the files. With <paramref name="settle"/> false (the first build after an edit in
    /// <c>serve</c>), related practices are computed only for practices whose text changed or that are new, and
    /// the rest keep their previous lists: the edited page is up at once, and a settling build follows.
    /// </summary>
    public Outcome Build(bool settle = true)
    {
        var sink = new CollectingSink();
        var outcome = Build(sink, new StageTimings(), settle);
        return outcome.Result.Succeeded ? outcome with { Files = sink.Files() } : outcome;
    }

    /// <summary>Builds, putting every file into <paramref name="sink"/> as it is made, each stage timed in <paramref name="timings"/>.
    /// On failure the sink may have received some files: its owner discards them (<see cref="SiteWriter.Publish"/> does).</summary>
    public Outcome Build(IFileSink sink, StageTimings timings, bool settle = true)
    {
        var clock = Stopwatch.StartNew();
        var bag = new DiagnosticBag();
        Outcome Fail() => new(new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed), null, 0, false);

        var loaded = timings.Time("load", () => _load.Run(bag));
        if (loaded is null) return Fail();
        var content = timings.Time("validate", () => ValidateStage.Run(loaded!, options, bag));
        loaded = null; // the files' text and YAML trees: the closures above would keep them alive through the build
        if (content is null) return Fail();
        var templates = new TemplateSet(options.TemplatesRoot, bag);
        var labels = content.Site.InterfaceLanguages.Select(l => Labels.Load(options.TemplatesRoot, l, bag)).ToList();
        if (labels.Any(l => l is null) || bag.HasErrors) return Fail();
        var languages = labels.Select(l => l!).ToList();

        var counted = new CountingSink(sink);
        var (search, reindexed) = _index.Run(content, languages, timings, counted);
        var (related, settled) = timings.Time("related", () => _related.Run(search, settle));
        var pages = timings.Time("render", () => _render.Run(content, templates, languages, related, counted));
        foreach (var language in languages) language.Report(bag); // strings a page asked for and the language lacks
        if (bag.HasErrors)
        {
            _index.Abandon(search);
            return Fail();
        }
        timings.Time("assemble", () => AssembleStage.Run(content, pages, search, options.ContentRoot, counted));

        _index.Commit(search);
        _related.Commit();
        _render.Commit();
        var result = new BuildResult(bag.Sorted(), content.DocumentCount, counted.Pages, counted.Files, clock.Elapsed);
        return new Outcome(result, null, _render.PagesRendered, reindexed, settled);
    }

    /// <summary>Counts what passes into a sink: every file, and the HTML pages among them.</summary>
    private sealed class CountingSink(IFileSink inner) : IFileSink
    {
        private int _files, _pages;

        public int Files => _files;

        public int Pages => _pages;

        public void Add(OutputFile file)
        {
            Interlocked.Increment(ref _files);
            if (file.Path.EndsWith(".html", StringComparison.Ordinal)) Interlocked.Increment(ref _pages);
            inner.Add(file);
        }
    }

    public void Dispose() => _index.Dispose();
}
