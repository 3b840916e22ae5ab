using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The build, as explicit stages: load → validate → index → render → write. Each stage reports into one
/// <see cref="DiagnosticBag"/>; the site is written only if no stage reported an error.
/// </summary>
public static class BuildPipeline
{
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
    /// (<see cref="SiteWriter.Publish"/>). Never throws for bad content: problems come back in the result.
    /// </summary>
    /// <param name="timings">Receives the time of each stage (<c>ge build --timings</c>, benchmarks).</param>
    public static BuildResult Build(BuildOptions options, StageTimings? timings = null)
    {
        var clock = Stopwatch.StartNew();
        timings ??= new StageTimings();
        using var builder = new IncrementalBuilder(options, remember: false);
        IncrementalBuilder.Outcome? outcome = null;
        var bag = new DiagnosticBag();
        var published = timings.Around("write", () => SiteWriter.Publish(options.OutputRoot, bag, sink =>
        {
            outcome = builder.Build(sink, timings);
            return outcome.Result.Succeeded;
        }));
        if (outcome is { Result.Succeeded: false }) return outcome.Result;
        foreach (var d in outcome?.Result.Diagnostics ?? []) bag.Add(d);
        return published && outcome is not null
            ? outcome.Result with { Diagnostics = bag.Sorted(), Elapsed = clock.Elapsed }
            : new BuildResult(bag.Sorted(), 0, 0, 0, clock.Elapsed);
    }
}
