using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;
using GobiernoElectronico.Validate;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build, as explicit stages: load → validate → index → render → write. Each stage reports into one
/// <see cref="DiagnosticBag"/>; the site is written only if no stage reported an error.
/// </summary>
public static class BuildPipeline
{
    /// <summary>Runs load and validate only: the content set, or null with the problems in <paramref name="diagnostics"/>.</summary>
    /// <param name="cache">Files already read by a previous build (incremental builds); read again only when changed.</param>
    public static ContentSet? LoadAndValidate(BuildOptions options, DiagnosticBag diagnostics,
        System.Collections.Concurrent.ConcurrentDictionary<string, ContentLoader.CachedFile>? cache = null)
    {
        if (!Directory.Exists(options.ContentRoot))
        {
            diagnostics.Error(ContentLoader.DisplayPath(options.ContentRoot), SourcePosition.FileStart, ErrorCodes.UnreadableFile, "the content folder does not exist");
            return null;
        }
        var documents = ContentLoader.Load(options.ContentRoot, diagnostics, cache);
        var series = IndicatorData.Load(options.ContentRoot, diagnostics);
        var context = new ValidationContext(ContentLoader.MediaFiles(options.ContentRoot), options.Today ?? DateOnly.FromDateTime(DateTime.Today)) { Series = series ?? [] };
        var thesaurus = ThesaurusData.Load(options.ContentRoot, diagnostics);
        var content = ContentValidator.Validate(documents, diagnostics, context);
        if (content is null || thesaurus is null) return null;
        content.Thesaurus = thesaurus;
        return content;
    }

    /// <summary>
    /// The whole build, from nothing: an <see cref="IncrementalBuilder"/> with an empty state, written
    /// atomically. Never throws for bad content: problems come back in the result.
    /// </summary>
    public static BuildResult Build(BuildOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var builder = new IncrementalBuilder(options, remember: false);
        var outcome = builder.Build();
        if (outcome.Files is null) return outcome.Result;
        var bag = new DiagnosticBag();
        foreach (var d in outcome.Result.Diagnostics) bag.Add(d);
        var written = SiteWriter.Write(options.OutputRoot, outcome.Files, bag);
        return written
            ? outcome.Result with { Elapsed = clock.Elapsed }
            : new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed);
    }
}
