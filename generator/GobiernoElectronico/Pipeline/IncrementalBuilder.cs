using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Index;
using GobiernoElectronico.Model;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Render;
using GobiernoElectronico.Site;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build as named stages, wired in one place: load → validate → index → related → render → assemble
/// (→ write, by the caller). Each stage keeps what it made for the next build when the builder lives on
/// (<c>ge serve</c>): files are read again only when they changed, the index is rebuilt only when searchable
/// text changed, pages are rendered again only when their view model, templates or strings changed. A one-shot
/// build (<c>ge build</c>) is the same stages with nothing remembered, its files streamed to disk as they are made.
/// </summary>
/// <param name="remember">False for a one-shot build: nothing is kept for a next build that will not come.</param>
/// <param name="holdFiles">Whether a builder that lives on holds the bytes of the files it made: true when its builds are
/// collected in memory (<see cref="Build(bool, IReadOnlyCollection{string}, StageTimings, CancellationToken)"/>), each
/// giving the whole site; false for <c>ge serve</c> (<see cref="LiveSite"/>), whose site is the output folder: a page
/// kept is the file the last publish wrote, and a quick build (<see cref="BuildQuick"/>) gives only the files it made.</param>
public sealed class IncrementalBuilder(BuildOptions options, bool remember = true, bool holdFiles = true) : IDisposable
{
    private readonly LoadStage _load = new(options, remember);
    private readonly IndexStage _index = new(remember, holdFiles);
    private readonly RelatedStage _related = new();
    private readonly RenderStage _render = new(remember, holdFiles);
    private readonly ValidationCache? _validation = remember ? new() : null;
    private readonly Labels.Cache? _labels = remember ? new() : null;

    /// <summary>The browser's term shards of the last export: how many, and how many it made rather than kept.</summary>
    public TermShardState? TermShards => _index.TermShards;

    /// <summary>The lexicon's files of the last export: their key, and whether they were kept rather than made.</summary>
    public VocabularyState? Vocabulary => _index.Vocabulary;

    /// <summary>What the last successful build read and made, for the quick build after an edit: its documents (by
    /// reference: the load stage hands back the same object for an unchanged file), the stamp of every other input,
    /// and its files by path (each null when the builder does not hold files' bytes).</summary>
    private sealed class Last(IReadOnlyList<Load.SourceDocument> documents, string inputs, Dictionary<string, OutputFile?> files,
        int pages, int published, bool settled, OutputFile[]? sorted = null)
    {
        /// <summary>How many documents the site publishes.</summary>
        public int Published => published;

        /// <summary>Whether the site is what a full build gives (false after a quick build, until its settling build).</summary>
        public bool Settled => settled;

        /// <summary>How many of the files are HTML pages.</summary>
        public int Pages => pages;

        public IReadOnlyList<Load.SourceDocument> Documents => documents;

        public string Inputs => inputs;

        /// <summary>The files by path; the quick build that follows puts its pages in it (copying 100,000 entries cost
        /// milliseconds of each edit's page time at 20,000 documents).</summary>
        public Dictionary<string, OutputFile?> Files => files;

        /// <summary>The files in path order (of a builder that holds them): given by the build that collected them in that
        /// order, or made on first use.</summary>
        public OutputFile[] Sorted
        {
            get => sorted ??= files.Values.OfType<OutputFile>().OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
            set => sorted = value;
        }
    }

    private Last? _last;

    /// <summary>The search documents of the pages quick builds rendered, by id, not yet in the index served: the next
    /// settling build serves them first of all (<see cref="IndexStage.ServeUpdate"/>), then makes the exact index.</summary>
    private readonly Dictionary<string, SearchDocument> _unsearched = new(StringComparer.Ordinal);

    /// <summary>What one build did.</summary>
    /// <param name="Files">Every file of the site, by path, when the build collected them (no sink given, or a quick build
    /// of a builder that holds its files); null when the build failed or streamed its files to a sink, and for a quick build
    /// of a builder that does not hold them (<see cref="BuildQuick"/>: its files are <paramref name="Changed"/>).</param>
    /// <param name="PagesRendered">Pages rendered rather than reused.</param>
    /// <param name="Reindexed">Whether the search index was rebuilt.</param>
    /// <param name="Settled">False when a quick build reused related practices of unchanged practices; another
    /// <see cref="Build(bool, IReadOnlyCollection{string}, StageTimings, CancellationToken)"/> with <c>settle: true</c> brings the site to exactly what a full build gives.</param>
    /// <param name="Changed">For a quick build, the files it made (every other file is as the last build left it); null
    /// for other builds.</param>
    /// <param name="Cancelled">The build was stopped by its caller before it ended; nothing it did counts.</param>
    /// <param name="NothingChanged">A quick build found every input as the last build read it, and did nothing (the site
    /// is the last build's). A quick build that happens to render no page is not this: it read something new.</param>
    public sealed record Outcome(BuildResult Result, IReadOnlyList<OutputFile>? Files, int PagesRendered, bool Reindexed, bool Settled = true,
        IReadOnlyList<OutputFile>? Changed = null, bool Cancelled = false, bool NothingChanged = false);

    /// <summary>Raised during a build as soon as its new search index is served by <see cref="Index"/>.</summary>
    public event Action? SearchUpdated;

    /// <summary>The search index served (for <c>/api/search</c>): the last successful build's, or a newer one as soon as
    /// it is built. Take a lease to read it.</summary>
    public SharedResource<SearchIndex>? Index => _index.Served;

    public BuildOptions Options => options;

    /// <summary>The content's documents as they are now, drafts included, through the load stage's cache of parsed files.</summary>
    public IReadOnlyList<Load.SourceDocument> Documents() => _load.Documents(new DiagnosticBag());

    /// <summary>
    /// Builds, collecting the files. With <paramref name="settle"/> false (the first build after an edit in
    /// <c>serve</c>), related practices are computed only for practices whose text changed or that are new, and
    /// the rest keep their previous lists: the edited page is up at once, and a settling build follows.
    /// </summary>
    /// <param name="changed">Full paths a watcher saw change since the last build (null: not known, every file is looked at).</param>
    /// <param name="timings">Receives the time of each stage.</param>
    /// <param name="cancel">Stops a build nobody waits for any more (serve's settling build when another edit comes):
    /// it then ends with <c>Cancelled</c> set, having changed nothing the next build starts from.</param>
    public Outcome Build(bool settle = true, IReadOnlyCollection<string>? changed = null, StageTimings? timings = null, CancellationToken cancel = default)
    {
        var sink = new CollectingSink();
        var outcome = Build(sink, timings ?? new StageTimings(), settle, changed, cancel);
        if (outcome.Cancelled || !outcome.Result.Succeeded || outcome.Files is not null) return outcome;
        var files = sink.Files();
        if (_last is { } last && last.Files.Count == files.Count) last.Sorted = [.. files]; // the next quick build starts from this order
        return outcome with { Files = files };
    }

    /// <summary>Builds, putting every file into <paramref name="sink"/> as it is made, each stage timed in <paramref name="timings"/>.
    /// On failure the sink may have received some files: its owner discards them (<c>SiteWriter.Publish</c> does).
    /// A quick build (a builder that holds its files) puts only the pages it rendered into the sink and gives the whole
    /// site, in path order, as the outcome's <c>Files</c>; a builder that does not hold them makes quick builds only
    /// through <see cref="BuildQuick"/>, so that every file of the site passes into a sink given here.</summary>
    public Outcome Build(IFileSink sink, StageTimings timings, bool settle = true, IReadOnlyCollection<string>? changed = null,
        CancellationToken cancel = default) => Start(sink, timings, settle, changed, quickOnly: false, cancel)!;

    /// <summary>
    /// The quick build after an edit (see <see cref="Build(bool, IReadOnlyCollection{string}, StageTimings, CancellationToken)"/>
    /// with <c>settle: false</c>), when one can show it: the outcome's <c>Changed</c> are the only files that differ from the
    /// last build's (its pages of the edited documents), for the caller to write; null when the edit needs a whole build
    /// (a template, a new or removed file, <c>site.yml</c>; or no build yet), of which nothing was made.
    /// </summary>
    public Outcome? BuildQuick(IReadOnlyCollection<string>? changed, StageTimings timings, CancellationToken cancel = default) =>
        Start(new CollectingSink(), timings, settle: false, changed, quickOnly: true, cancel);

    private Outcome? Start(IFileSink sink, StageTimings timings, bool settle, IReadOnlyCollection<string>? changed, bool quickOnly, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (settle) SearchEdits(timings);
            return Run(sink, timings, settle, changed, clock, quickOnly, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new(new BuildResult([], 0, 0, 0, clock.Elapsed), null, 0, false, Cancelled: true);
        }
    }

    /// <param name="quickOnly">Build only if the build is quick (null otherwise); without it, a builder that does not hold its
    /// files always builds whole.</param>
    private Outcome? Run(IFileSink sink, StageTimings timings, bool settle, IReadOnlyCollection<string>? changed, Stopwatch clock, bool quickOnly,
        CancellationToken cancel)
    {
        var bag = new DiagnosticBag();
        Outcome Fail() => new(new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed), null, 0, false);

        var loaded = timings.Time("load", () => _load.Run(bag, changed));
        if (loaded is null) return Fail();
        // Only a builder that lives on keeps the documents (for the next build's quick edit): a one-shot build lets
        // their text and YAML trees go once validated (at 20,107 documents, hundreds of MB held through render).
        var documents = remember ? loaded.Documents : null;
        var inputs = remember ? InputStamp.Of(options) : "";
        var edited = settle || documents is null || !(holdFiles || quickOnly) ? null : QuickEdit(documents, inputs);
        if (edited is { Count: 0 }) return Unchanged(_last!, clock);
        if (quickOnly && edited is null) return null;
        // The key of a whole build's inputs besides bodies, with which the render stage keeps pages without making their
        // models (a quick build, which renders only the edited documents' pages, has no use for it: none is left).
        _render.Keys = edited is null && _render.WantsStructure ? timings.Time("input key", () => ContentStructure.Of(loaded!, options)) : null;
        var content = timings.Time("validate", () =>
        {
            // A one-shot build with the build cache: bodies the last build found within the Markdown limits are not
            // parsed again to check them, and this build's are kept for the next (right whatever the rest of it does).
            var checkedBodies = _checkedBodies?.Last();
            var validated = ValidateStage.Run(loaded!, options, bag, _validation, checkedBodies);
            if (checkedBodies is not null) _checkedBodies!.Value.Keep(checkedBodies);
            return validated;
        });
        // A one-shot build lets the bodies go once the index has read them, each to be read again from its file when render
        // asks for it (MarkdownText.LetGo): what is needed to read them again, kept from the documents read.
        var bodies = remember ? null : loaded!.Documents.Select(d => (d.Body, d.Path, d.ReadBodyAgain)).ToList();
        loaded = null; // the files' text and YAML trees: the closures above would keep them alive through the build
        if (content is null) return Fail();
        // The files' text and YAML trees are garbage now: collected before the search documents and the index are made,
        // the build's peak is what it holds (at 20,107 documents with the server collector, 698-701 MiB against 796-876).
        // Not before a quick build: its page would wait for the collection (300 ms at 20,107 documents in ge serve).
        if (Compacts && edited is null) Compact();
        var templates = new TemplateSet(options.TemplatesRoot, bag);
        var labels = content.Site.InterfaceLanguages.Select(l => _labels is { } kept ? kept.Load(options.TemplatesRoot, l, bag) : Labels.Load(options.TemplatesRoot, l, bag)).ToList();
        if (labels.Any(l => l is null) || bag.HasErrors) return Fail();
        var languages = labels.Select(l => l!).ToList();

        if (edited is { Count: > 0 } && _index.Committed is { } lastSearch && _related.Committed is { } lastRelated)
            return Quick(content, templates, languages, lastSearch, lastRelated, edited, documents!, inputs, sink, timings, bag, clock);
        if (quickOnly) return null;

        cancel.ThrowIfCancellationRequested();
        var counted = new CountingSink(sink, remember, holdFiles);
        // A one-shot build whose searchable input is the one the published search files were made from keeps them, and the
        // related practices found then, without building the index (the build cache's search record).
        var keptRelated = remember ? null : _index.Keep(content, languages, timings, counted, cancel);
        SearchProducts? search = null;
        IReadOnlyList<OutputFile> searchFiles = [];
        var reindexed = false;
        IReadOnlyDictionary<string, IReadOnlyList<string>> related;
        var settled = true;
        IReadOnlyList<string> pages;
        if (keptRelated is not null)
        {
            related = keptRelated;
            pages = timings.Time("render", () => _render.Run(content, templates, languages, related, counted, cancel: cancel));
        }
        else
        {
            // A builder that lives on serves a new index as soon as it is built: after an edit, the search finds the new
            // text while the browser's files, related practices and pages are still being made.
            // Related practices need the index only, not its export: on a new index they are found on the pool while the
            // export runs (whose parallel parts leave a core idle a quarter of the time), and the related stage waits for them.
            (SearchProducts Search, bool Fresh) indexed;
            var beforeIndex = GC.GetTotalAllocatedBytes();
            try
            {
                indexed = _index.Run(content, languages, timings, counted, index =>
                {
                    // The index has read the bodies it needs (the first build's export peaks without them: 60 MB at 20,104 documents).
                    foreach (var (body, path, readAgain) in Interlocked.Exchange(ref bodies, null) ?? []) body.LetGo(path, readAgain);
                    if (remember)
                    {
                        _index.Serve(index);
                        SearchUpdated?.Invoke();
                    }
                    // What building the index left (the analysed tokens, Lucene's buffer of postings, hundreds of MB at 20,000
                    // documents) is collected before the export, whose own garbage would otherwise pile on it (a one-shot
                    // build's peak went over 1 GiB in half the builds after an edit at 20,000 documents). Not when building it
                    // left little: the build cache kept most of the index's runs. What was allocated meanwhile does not tell:
                    // after an edit at 20,107 documents it was 382 MB, most of it the lexicon's cache, read alongside and
                    // alive, and the collection took 0.1-0.2 s before the lexicon could start, for nothing the peak needed.
                    if (Compacts && GC.GetTotalAllocatedBytes() - beforeIndex > IndexLeftovers && IndexedAnew(index)) Compact();
                    if (settle) _related.Begin(index, cancel, _index.RelatedHistory);
                },
                // ge serve: the new documents' bodies (about 60 MB at 20,107 documents) and what the lexicon and the
                // documents' fragments left are collected before the terms are exported; that part of the export is where
                // a settling build's memory peaked (1,109-1,116 MiB at 20,107 documents before).
                bodiesReleased: remember && Compacts ? Compact : null, cancel);
            }
            catch
            {
                _related.Abandon();
                throw;
            }
            (search, reindexed) = indexed; // a one-shot build lets it go once related practices are found
            indexed = default;
            searchFiles = search.Files;
            // A one-shot build collects what the export left once related practices are found and the index is let go,
            // below: one collection for both (each is a fraction of a second with the content set alive).
            try
            {
                (related, settled) = timings.Time("related", () => _related.Run(search!, settle, cancel));
                // A one-shot build has exported its index and needs it no more: its documents, lexicon and Lucene files are
                // let go before the pages are rendered (tens of MB at 20,000 documents). The reference goes too: a disposed
                // reader still holds the Lucene files it read (49 MiB at 20,000 documents). Collected at once when the index
                // was built mostly anew (a first build, whose render makes every page); after an edit, whose render keeps
                // nearly every page, the collector is left to it (a collection of 70-80 ms at 20,107 documents, for a peak
                // the export had reached already).
                if (!remember)
                {
                    var indexedAnew = IndexedAnew(search.Index);
                    search.Index.Dispose();
                    search = null;
                    if (indexedAnew) Compact();
                }
                // ge serve: what the export left (its terms' entries, 1.7 GB allocated at 20,107 documents) is collected
                // before render, whose own garbage would otherwise pile on it (the settling build's peak went 1203 → 1311 MiB).
                else if (Compacts && reindexed) Compact();
                pages = timings.Time("render", () => _render.Run(content, templates, languages, related, counted, cancel: cancel));
            }
            catch (OperationCanceledException)
            {
                if (search is not null) _index.Abandon(search);
                throw;
            }
        }
        foreach (var language in languages) language.Report(bag); // strings a page asked for and the language lacks
        if (bag.HasErrors)
        {
            if (search is not null) _index.Abandon(search);
            return Fail();
        }
        // Not when the render stage kept the site's structure: assemble then keeps its files rather than making them, and what
        // follows it only saves the build cache (after an edit at 20,107 documents, this collection was an eighth of a second
        // for a peak the stages before it had already reached).
        if (Compacts && !_render.StructureUnchanged) Compact();
        timings.Time("assemble", () => AssembleStage.Run(content, pages, searchFiles, options.ContentRoot, counted, _render.StructureUnchanged));

        if (search is not null) _index.Commit(search);
        _related.Commit();
        _render.Commit();
        if (!remember)
        {
            _relatedFound = related;
            _relatedQueries = keptRelated is null ? _related.Found : null;
        }
        if (remember) _last = new Last(documents!, inputs, counted.Kept(), counted.Pages, content.DocumentCount, settled);
        var result = new BuildResult(bag.Sorted(), content.DocumentCount, counted.Pages, counted.Files, clock.Elapsed);
        return new Outcome(result, null, _render.PagesRendered, reindexed, settled);
    }

    /// <summary>What building the index allocates (its input's search documents included) beyond which it is collected before
    /// the export (<see cref="Compact"/>): a few runs of the index made again leave less than this.</summary>
    private const long IndexLeftovers = 256L << 20;

    /// <summary>Whether more than a quarter of the index's documents were indexed by this build, rather than found in the build
    /// cache's runs (<see cref="SearchIndex.DocumentsIndexed"/>): what building it left, and what the build goes on to make, grow
    /// with them.</summary>
    private static bool IndexedAnew(SearchIndex index) => index.DocumentsIndexed > index.Documents.Count / 4;

    /// <summary>Whether whole builds collect the heap where a stage has let go of most of what it made (<see cref="Compact"/>):
    /// a one-shot build, and a builder whose site is on disk (<c>ge serve</c>), whose peak would otherwise be what the
    /// stages left as much as what it holds.</summary>
    private bool Compacts => !remember || !holdFiles;

    /// <summary>For a builder whose site is on disk (<c>ge serve</c>), once a whole build is published: collects the heap and
    /// gives the memory the collector no longer needs back to the system, which it otherwise keeps for the next build's
    /// garbage (at 20,107 documents serve's collector kept 290–400 MiB more than the heap held after a settling build).</summary>
    public void Trim()
    {
        if (Compacts) Compact();
    }

    /// <summary>
    /// A one-shot build collects the whole heap where a stage has let go of most of what it made (the files' text and YAML
    /// trees, once validated; what building the index left, once it is built; the documents' text and the index, once
    /// related practices are found; the pages' view models after render): the runtime sizes its next collections from
    /// what survives, so the build's peak follows what it holds rather than what it held. At 20,107 documents the stages left
    /// 300–500 MiB of garbage that the collector kept for minutes; each collection takes a fraction of a second.
    /// A builder that lives on (<c>ge serve</c>) collects aggressively: the collector also gives back to the system the
    /// memory it no longer needs, which it otherwise keeps for the garbage to come, and the next stage grows from what is
    /// held rather than from the last stage's high-water mark (at 20,107 documents, serve's first build peaked at
    /// 820–827 MiB this way, 925–969 MiB with forced collections).
    /// </summary>
    private void Compact()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, remember ? GCCollectionMode.Aggressive : GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>
    /// Puts the documents the last quick builds rendered into the index served, before anything else of the settling
    /// build: <c>ge serve</c>'s search finds an edit within a fraction of a second instead of after the whole index is
    /// made again (tens of seconds at 20,000 documents). Done here rather than in the quick build, whose page comes first;
    /// a settling build does it first of all, and <see cref="LiveSite"/> before it takes the output folder (whose manifest
    /// it reads: a tenth of a second at 20,107 documents). Nothing when no edit waits.
    /// </summary>
    public void SearchEdits(StageTimings timings)
    {
        if (_unsearched.Count == 0) return;
        var edited = _unsearched.Values.ToList();
        _unsearched.Clear();
        if (timings.Time("search update", () => _index.ServeUpdate(edited))) SearchUpdated?.Invoke();
    }

    /// <summary>
    /// The content paths of the documents edited or added since the last build, when a quick build can show the edit: every
    /// file of then still there, only documents other than <c>site.yml</c> changed or added, and every other input
    /// (templates, interface strings, data, media) as it was. Empty when nothing changed at all; null otherwise (a file
    /// removed or renamed, among others): then the build is a whole one. A document added has its own pages made by the
    /// quick build, as an edited one's are (at 20,107 documents a new practice's page waited 16.8 s for a whole build);
    /// the lists, its related practices and the others' pages follow with the settling build.
    /// </summary>
    private HashSet<string>? QuickEdit(IReadOnlyList<Load.SourceDocument> documents, string inputs)
    {
        if (_last is not { } last || last.Inputs != inputs || documents.Count < last.Documents.Count) return null;
        var edited = new HashSet<string>(StringComparer.Ordinal);
        if (documents.Count == last.Documents.Count)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (ReferenceEquals(documents[i], last.Documents[i])) continue;
                if (documents[i].Path != last.Documents[i].Path || documents[i].Kind == Load.ContentKind.Site) return null;
                edited.Add(documents[i].ContentPath);
            }
            return edited;
        }
        // Documents added: matched by path, since they move the others' places.
        var before = new Dictionary<string, Load.SourceDocument>(last.Documents.Count, StringComparer.Ordinal);
        foreach (var d in last.Documents) before[d.Path] = d;
        var kept = 0;
        foreach (var d in documents)
        {
            var known = before.TryGetValue(d.Path, out var was);
            if (known) kept++;
            if (known && ReferenceEquals(d, was)) continue;
            if (d.Kind == Load.ContentKind.Site) return null;
            edited.Add(d.ContentPath);
        }
        return kept == last.Documents.Count ? edited : null;
    }

    /// <summary>
    /// The outcome of a quick build when nothing it reads changed since the last build: the watcher's second event for
    /// one save, or a late event for an edit a build already took in (a file is read again when its time stamp or size
    /// moved). The site is the last build's; nothing is
    /// checked, indexed or rendered again (at 20,000 documents a build that finds nothing to do still fingerprints
    /// 70,000 pages, and an edit saved meanwhile waited for it). A last build that was quick is still to be settled.
    /// </summary>
    private Outcome Unchanged(Last last, Stopwatch clock) =>
        new(new BuildResult([], last.Published, last.Pages, last.Files.Count, clock.Elapsed), holdFiles ? last.Sorted : null, 0, false,
            Settled: last.Settled, Changed: [], NothingChanged: true);

    /// <summary>
    /// The quick build after an edit (<c>settle: false</c>): the edited documents, checked as in any build (the
    /// validation cache makes that the work of the edited files and of the checks across documents), have their own
    /// pages rendered in every language; every other file — lists, related practices, the search files, open data —
    /// stays as the last build made it until the settling build that follows brings the whole site to exactly what
    /// a full build gives. The search index is not rebuilt.
    /// </summary>
    private Outcome Quick(ContentSet content, TemplateSet templates, IReadOnlyList<Labels> languages, SearchProducts search,
        IReadOnlyDictionary<string, IReadOnlyList<string>> related, HashSet<string> edited, IReadOnlyList<Load.SourceDocument> documents,
        string inputs, IFileSink sink, StageTimings timings, DiagnosticBag bag, Stopwatch clock)
    {
        var rendered = new CollectingSink();
        timings.Time("render", () => _render.Run(content, templates, languages, related, rendered, edited));
        foreach (var language in languages) language.Report(bag);
        if (bag.HasErrors) return new(new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed), null, 0, false);
        foreach (var d in SearchDocuments.From(content, edited)) _unsearched[d.Id] = d;
        var last = _last!;
        var files = last.Files;
        var pages = last.Pages;
        var changed = rendered.Files();
        OutputFile[]? sorted = null;
        if (holdFiles)
        {
            sorted = (OutputFile[])last.Sorted.Clone();
            var placed = true;
            foreach (var file in changed)
            {
                sink.Add(file);
                files[file.Path] = file;
                var place = Array.BinarySearch(sorted, file, ByPath);
                if (place >= 0) sorted[place] = file;
                else
                {
                    placed = false; // a page at a new path (an edited slug): sort again
                    if (file.Path.EndsWith(".html", StringComparison.Ordinal)) pages++;
                }
            }
            if (!placed) sorted = files.Values.OfType<OutputFile>().OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        }
        else
        {
            // The caller writes the changed files: the others are where the last build put them.
            foreach (var file in changed)
                if (files.TryAdd(file.Path, null) && file.Path.EndsWith(".html", StringComparison.Ordinal)) pages++;
        }
        _render.Commit();
        _last = new Last(documents, inputs, files, pages, content.DocumentCount, settled: false, sorted);
        var result = new BuildResult(bag.Sorted(), content.DocumentCount, pages, files.Count, clock.Elapsed);
        return new Outcome(result, sorted, _render.PagesRendered, false, Settled: false, Changed: changed);
    }

    private static readonly Comparer<OutputFile> ByPath = Comparer<OutputFile>.Create((a, b) => string.CompareOrdinal(a.Path, b.Path));

    /// <summary>Counts what passes into a sink: every file, and the HTML pages among them; keeps their paths when asked, and
    /// the files too with <paramref name="bytes"/>.</summary>
    private sealed class CountingSink(IFileSink inner, bool keep = false, bool bytes = true) : IFileSink
    {
        private int _files, _pages;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OutputFile?>? _kept = keep ? new(StringComparer.Ordinal) : null;

        public int Files => _files;

        public int Pages => _pages;

        public Dictionary<string, OutputFile?> Kept() => _kept!.ToDictionary(StringComparer.Ordinal);

        public bool TryKeep(string path)
        {
            if (!inner.TryKeep(path)) return false;
            Count(path);
            _kept?.TryAdd(path, null); // a file the sink keeps where it is (a builder that holds files' bytes gives no sink that keeps)
            return true;
        }

        private void Count(string path)
        {
            Interlocked.Increment(ref _files);
            if (path.EndsWith(".html", StringComparison.Ordinal)) Interlocked.Increment(ref _pages);
        }

        public void Add(OutputFile file)
        {
            Count(file.Path);
            _kept?.TryAdd(file.Path, bytes ? file : null);
            inner.Add(file);
        }
    }

    /// <summary>Makes the next build make every page and search file instead of keeping the ones the last build made: for a
    /// builder that does not hold its files, when the site it is given is not the one its last build published.</summary>
    public void ForgetPages()
    {
        _render.ForgetPages();
        _index.ForgetFiles();
    }

    /// <summary>Whether the last successful build made the file at <paramref name="path"/>.</summary>
    public bool Made(string path) => _last?.Files.ContainsKey(path) == true;

    /// <summary>Makes this one-shot build's render stage start from what the build cache on disk says the last build
    /// rendered (<see cref="RenderCache.Persist"/>), read by <paramref name="last"/> when the render stage starts.</summary>
    public void PersistRender(Func<RenderCacheFile.Contents> last) => _render.Persist(last);

    /// <summary>Makes the load stage take front matter parsed by the last build (<see cref="Load.ParseCache"/>, read from the
    /// build cache on disk when the stage starts) instead of parsing it again, and hand this build's parses to
    /// <paramref name="keep"/> once the documents are read.</summary>
    public void PersistParses(Func<Load.ParseCache> last, Action<Load.ParseCache> keep) => _load.Persist(last, keep);

    private (Func<CheckedMarkdown> Last, Action<CheckedMarkdown> Keep)? _checkedBodies;

    /// <summary>Makes the validate stage take the bodies the last build found within the Markdown limits
    /// (<see cref="CheckedMarkdown"/>, read from the build cache on disk when the stage starts) instead of parsing them
    /// again to check them, and hand this build's to <paramref name="keep"/> once they are checked.</summary>
    public void PersistCheckedBodies(Func<CheckedMarkdown> last, Action<CheckedMarkdown> keep) => _checkedBodies = (last, keep);

    /// <summary>Makes this one-shot build's lexicon start from the cache <paramref name="last"/> gives (<see cref="Index.LexiconCache"/>,
    /// read from the build cache on disk while the index is built) and hand it to <paramref name="keep"/> once the lexicon is made.</summary>
    public void PersistLexicon(Func<Index.LexiconCache> last, Action<Index.LexiconCache> keep) => _index.PersistLexicon(last, keep);

    /// <summary>Makes this one-shot build take the search index's runs whose documents are unchanged from
    /// <paramref name="partitions"/> (the build cache), and keep there the ones it indexes.</summary>
    public void PersistPartitions(Index.IndexPartitions partitions) => _index.PersistPartitions(partitions);

    /// <summary>The related practices of this one-shot build, for its search record.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _relatedFound;

    /// <summary>Makes this one-shot build's index stage start from the search record the build cache on disk holds for the
    /// publication being updated (<see cref="Index.SearchRecord"/>, read by <paramref name="last"/> when the stage asks): when
    /// the searchable input is unchanged, the search files are kept and the index is not built.</summary>
    public void PersistSearch(Func<Index.SearchRecord> last)
    {
        _index.Persist(last);
        _related.RecordsQueries = true;
    }

    /// <summary>The search record of the last successful build, for the build cache on disk, naming publication
    /// <paramref name="site"/>; null when the build kept none (no <see cref="PersistSearch"/>).</summary>
    public Index.SearchRecord? PersistedSearch(string site) => _relatedFound is { } related ? _index.Recorded(site, related, _relatedQueries) : null;

    /// <summary>The related practices' queries this one-shot build found in a new index, for its search record.</summary>
    private Index.RelatedPractices.QuerySet? _relatedQueries;

    /// <summary>What the render stage of the last successful build rendered, for the build cache on disk.</summary>
    public RenderCacheFile.Contents PersistedRender() => _render.Persisted();

    public void Dispose() => _index.Dispose();
}
