using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Render;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build, as explicit stages: load → validate → index → render → write. Each stage reports into one
/// <see cref="DiagnosticBag"/>; the site is written only if no stage reported an error.
/// </summary>
public static class BuildPipeline
{
    /// <summary>The render stage's file in the build cache.</summary>
    public const string RenderCacheName = "render-cache";

    /// <summary>The load stage's file in the build cache.</summary>
    public const string ParseCacheName = "parse-cache";

    /// <summary>The load stage's record of the documents it read, in the build cache.</summary>
    public const string DocumentStampsName = "document-stamps";

    /// <summary>The validate stage's file in the build cache.</summary>
    public const string MarkdownChecksName = "markdown-checks";

    /// <summary>The index stage's file in the build cache.</summary>
    public const string SearchRecordName = "search-record";

    /// <summary>The search index's folder in the build cache (a file per run of documents).</summary>
    public const string IndexPartitionsName = "index-runs";

    /// <summary>The query lexicon's file in the build cache.</summary>
    public const string LexiconCacheName = "lexicon-cache";

    /// <summary>The query lexicon's analyses of words in the build cache.</summary>
    public const string WordAnalysesName = "word-analyses";

    /// <summary>The inflections the query lexicon found in the index, in the build cache.</summary>
    public const string FoundInflectionsName = "found-inflections";

    /// <summary>Leaves the render stage's cache for the next build. A cache that cannot be written is no reason for the build
    /// to fail: the old one is removed (it names a publication that is about to be replaced), and the next build renders all.</summary>
    private static void SaveRender(string file, RenderCacheFile.Contents contents) => Save(file, f => RenderCacheFile.Write(f, contents));

    /// <summary>Leaves one of the build cache's files for the next build; one that cannot be written is removed, and the
    /// next build does that stage's work whole.</summary>
    private static void Save(string file, Action<string> write)
    {
        try
        {
            write(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Then a render cache names a publication the site never reached, and is not used for pages; a parse cache
                // is keyed by the text parsed, and every tree in it is still right.
            }
        }
    }

    /// <summary>The <see cref="ContentChangedException"/> that stopped a build, also when thrown on a worker thread.</summary>
    private static ContentChangedException? Changed(Exception e) => e switch
    {
        ContentChangedException changed => changed,
        AggregateException a => a.Flatten().InnerExceptions.Select(Changed).FirstOrDefault(c => c is not null),
        _ when e.InnerException is { } inner => Changed(inner),
        _ => null,
    };

    /// <summary>Runs load and validate only: the content set, or null with the problems in <paramref name="diagnostics"/>.</summary>
    /// <param name="documents">Receives the documents read, drafts included (<c>ge check</c> lists the drafts to review).</param>
    public static ContentSet? LoadAndValidate(BuildOptions options, DiagnosticBag diagnostics, Action<IReadOnlyList<Load.SourceDocument>>? documents = null)
    {
        var loaded = new LoadStage(options, remember: false).Run(diagnostics);
        if (loaded is not null) documents?.Invoke(loaded.Documents);
        return loaded is null ? null : ValidateStage.Run(loaded, options, diagnostics);
    }

    /// <summary>
    /// The whole build, from nothing: the stages of an <see cref="IncrementalBuilder"/> that remembers nothing,
    /// each file written as it is made into a folder that replaces the site only when the build succeeded
    /// (<c>SiteWriter.Publish</c>). With the build cache (<see cref="BuildOptions.Cache"/>), a site it published is
    /// updated instead: pages whose fingerprint is unchanged are kept without being rendered, only files whose bytes
    /// changed are written. Never throws for bad content: problems come back in the result.
    /// </summary>
    /// <param name="timings">Receives the time of each stage (<c>ge build --timings</c>, benchmarks).</param>
    public static BuildResult Build(BuildOptions options, StageTimings? timings = null)
    {
        var clock = Stopwatch.StartNew();
        timings ??= new StageTimings();
        using var builder = new IncrementalBuilder(options, remember: false);
        // The stages' files of the build cache that do not name the publication (the parses, the lexicon's words) are written
        // while the build goes on, and waited for before it ends (at 20,107 documents, 30 MB written after an edit).
        using var saving = new BackgroundWrites();
        IncrementalBuilder.Outcome? outcome = null;
        var bag = new DiagnosticBag();
        var cacheFolder = options.Cache ? SiteWriter.CacheFolder(options.OutputRoot) : null;
        var renderCache = cacheFolder is null ? null : Path.Combine(cacheFolder, RenderCacheName);
        var searchRecord = cacheFolder is null ? null : Path.Combine(cacheFolder, SearchRecordName);
        var parseCache = cacheFolder is null ? null : Path.Combine(cacheFolder, ParseCacheName);
        // Read and written by the load stage (timed with it): a parse depends on its text alone, whatever the site holds
        // or the rest of the build does.
        var documentStamps = cacheFolder is null ? null : Path.Combine(cacheFolder, DocumentStampsName);
        if (parseCache is not null)
            builder.PersistParses(() => Load.ParseCache.Read(parseCache, documentStamps), parses => saving.Start(() =>
            {
                Save(parseCache, parses.Write);
                Save(documentStamps!, parses.Stamps.Write);
            }));
        var markdownChecks = cacheFolder is null ? null : Path.Combine(cacheFolder, MarkdownChecksName);
        if (markdownChecks is not null)
            builder.PersistCheckedBodies(() => Validate.CheckedMarkdown.Read(markdownChecks), checks => Save(markdownChecks, checks.Write));
        var lexiconCache = cacheFolder is null ? null : Path.Combine(cacheFolder, LexiconCacheName);
        // Read while the index is built, written once the lexicon is made: what it keeps depends on the text alone.
        var wordAnalyses = cacheFolder is null ? null : Path.Combine(cacheFolder, WordAnalysesName);
        var inflections = cacheFolder is null ? null : Path.Combine(cacheFolder, FoundInflectionsName);
        // The lexicon's cache read, whose words' analyses stay mapped from their file until the build is done (Saved, below).
        Index.LexiconCache? lexiconRead = null;
        // The build cache's files written beside the build are whole, and the mapped file they may have replaced is let go: once
        // per build, on whichever path it ends.
        void Saved()
        {
            saving.Wait();
            lexiconRead?.ReleaseFiles();
        }
        if (lexiconCache is not null && wordAnalyses is not null)
            builder.PersistLexicon(() => lexiconRead = Index.LexiconCache.Read(lexiconCache, wordAnalyses, inflections),
                words => saving.Start(() => Save(lexiconCache, file => words.Write(file, wordAnalyses, inflections, spent: true))));
        if (cacheFolder is not null) builder.PersistPartitions(new Index.IndexPartitions(Path.Combine(cacheFolder, IndexPartitionsName)));
        var updated = false;
        bool published;
        // The render cache and the search record, written while the site writer prepares the update (its manifest, 8 MB at
        // 20,107 documents), and waited for before the site changes.
        Task? stageCaches = null;
        try
        {
            published = timings.Around("write", () => SiteWriter.Publish(options.OutputRoot, bag, (sink, publication) =>
            {
                updated = renderCache is not null && publication.Last is not null;
                // Read when the render stage starts (timed with it): pages are kept only in the publication they were rendered for.
                if (renderCache is not null)
                    builder.PersistRender(() => RenderCacheFile.Read(renderCache) is var last && last.Site == publication.Last ? last : RenderCacheFile.Contents.Empty);
                // Read when the index stage asks (timed with "search kept"): search files are kept only in the publication they were written for.
                if (searchRecord is not null)
                    builder.PersistSearch(() => Index.SearchRecord.Read(searchRecord) is var last && last.Site == publication.Last ? last : Index.SearchRecord.Empty);
                outcome = builder.Build(sink, timings);
                if (!outcome.Result.Succeeded) return false;
                // Written before the site changes: if the build stops between the two, this cache names a publication the
                // site never reached, and is not used for pages. The two files at once, while the writer prepares the update.
                if (renderCache is null && searchRecord is null) return true;
                var record = searchRecord is null ? null : builder.PersistedSearch(publication.Next);
                var render = renderCache is null ? null : builder.PersistedRender() with { Site = publication.Next };
                stageCaches = Task.Run(() => Parallel.Invoke(
                    () => { if (render is not null) SaveRender(renderCache!, render); },
                    () => { if (record is not null) Save(searchRecord!, record.Write); }));
                return true;
            }, incremental: options.Cache, beforeCommit: () => stageCaches?.GetAwaiter().GetResult()));
        }
        catch (Exception e) when (Changed(e) is { } changed)
        {
            // A file the build made its document of without reading it (its time and length were the ones recorded) is not
            // the text recorded: it changed during the build, or was rewritten with its time set back. The site stays as it
            // was (the writer threw its temporary folder away), and the record goes, so that the next build reads every file.
            Saved();
            try
            {
                File.Delete(documentStamps!);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Then the next build stops here again, saying so: the message tells the editor to save the file again.
            }
            bag.Error(changed.Path, SourcePosition.FileStart, ErrorCodes.UnreadableFile,
                $"the file is not the text the last build read with the same time and length ({changed.Reason}): it changed during this build, or was rewritten with its time set back. The site was not changed; build again (or save the file again if this comes back)");
            return new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed);
        }
        finally
        {
            // Also when the site was not written (a failure to write a file): nothing of the build runs on once it returns.
            try
            {
                stageCaches?.Wait();
            }
            catch (AggregateException)
            {
                // Thrown already where the site writer waited for it (beforeCommit), before the site changed.
            }
        }
        Saved();
        if (outcome is { Result.Succeeded: false }) return outcome.Result;
        foreach (var d in outcome?.Result.Diagnostics ?? []) bag.Add(d);
        return published && outcome is not null
            ? outcome.Result with
            {
                Diagnostics = bag.Sorted(),
                Elapsed = clock.Elapsed,
                Rendered = updated ? outcome.PagesRendered : null,
                TermShards = builder.TermShards is { } shards ? (shards.Made, shards.Count) : null,
                LexiconKept = builder.Vocabulary?.Kept,
                LexiconOutlined = builder.Vocabulary?.Outlined,
            }
            : new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed);
    }
}
