using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Site;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// The site of <c>ge serve</c>: the output folder, kept in line with the builds of a builder that lives on and holds no
/// file's bytes (<see cref="IncrementalBuilder"/> with <c>holdFiles: false</c>), so that memory does not hold the site
/// (at 20,107 documents, 1.5 GB of files). The server reads the folder.
/// <list type="bullet">
/// <item>A whole build is published as <c>ge build</c> publishes with the build cache (<see cref="SiteWriter"/>,
/// incrementally): the first writes the folder whole (or updates a site a build published with its manifest); the next
/// ones write only the files whose bytes changed, into a temporary folder first, and move them in through the journal
/// once the build succeeded. A page the builder keeps is the file the last publish wrote, still on disk as written.</item>
/// <item>A quick build's few files (the edited documents' pages) are written in place, each through a temporary name, so
/// that the edit is up in milliseconds; the settling build that follows publishes the whole site again.</item>
/// </list>
/// A build that fails changes nothing in the folder.
/// </summary>
public sealed class LiveSite(IncrementalBuilder builder)
{
    /// <summary>The publication the pages the builder keeps were written for: the last one this site made. Null before
    /// the first, and after a write that failed (the folder may not hold what the builder made).</summary>
    private string? _publication;

    /// <summary>Paths quick builds wrote in place since the last publish, which the manifest does not know: removed after
    /// the next publish if its build no longer makes them (an edited slug edited again before the site settled).</summary>
    private readonly HashSet<string> _inPlace = new(StringComparer.Ordinal);

    /// <summary>The output folder.</summary>
    public string Root { get; } = Path.GetFullPath(builder.Options.OutputRoot);

    /// <summary>
    /// Builds and brings the folder in line: with <paramref name="settle"/> false, a quick build when the edit allows one
    /// (<see cref="IncrementalBuilder.BuildQuick"/>), else a whole build. A write that fails is reported in the outcome's
    /// diagnostics as an error, like a build that fails.
    /// </summary>
    public IncrementalBuilder.Outcome Build(bool settle = true, IReadOnlyCollection<string>? changed = null, StageTimings? timings = null,
        CancellationToken cancel = default)
    {
        timings ??= new StageTimings();
        if (!settle && _publication is not null && builder.BuildQuick(changed, timings, cancel) is { } quick)
            return quick is { Cancelled: false, Result.Succeeded: true } ? WriteInPlace(quick) : quick;

        if (settle) builder.SearchEdits(timings); // the edits' words are searched before the folder is taken
        IncrementalBuilder.Outcome? outcome = null;
        var bag = new DiagnosticBag();
        string? next = null;
        var published = timings.Around("write", () => SiteWriter.Publish(Root, bag, (sink, publication) =>
        {
            // The pages the builder would keep are the files of the publication it last made: in any other (none yet, or a
            // folder changed since by another build), it makes every page again.
            if (publication.Last is null || publication.Last != _publication) builder.ForgetPages();
            outcome = builder.Build(sink, timings, settle, changed, cancel);
            next = publication.Next;
            return outcome is { Cancelled: false, Result.Succeeded: true };
        }, incremental: true));
        if (outcome is null || outcome.Cancelled || !outcome.Result.Succeeded) return outcome ?? Failed(bag);
        if (!published)
        {
            _publication = null;
            return Failed(bag, outcome);
        }
        _publication = next;
        foreach (var path in _inPlace.Where(p => !builder.Made(p)).ToList()) PublishJournal.Remove(Root, path);
        _inPlace.Clear();
        // What the build left is collected now that the site is up, and the memory it needed is given back until the next
        // edit: at 20,107 documents the process otherwise kept the settling build's 950–990 MiB while it waited, and the
        // next edit's search update and reading of the files came on top of it (its peak 1,044 MiB, against 1,011 in a build).
        timings.Time("collect", builder.Trim);
        return outcome;
    }

    /// <summary>Writes a quick build's files in place, each through a temporary name so that no reader sees half a file.</summary>
    private IncrementalBuilder.Outcome WriteInPlace(IncrementalBuilder.Outcome quick)
    {
        var bag = new DiagnosticBag();
        var display = ContentLoader.DisplayPath(Root);
        try
        {
            foreach (var file in quick.Changed ?? [])
            {
                if (!SitePaths.IsSafe(file.Path))
                {
                    bag.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, $"refusing to write '{file.Path}': it would leave the site folder");
                    break;
                }
                var target = Path.Combine(Root, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = target + ".ge-tmp";
                File.WriteAllBytes(temporary, file.Content);
                File.Move(temporary, target, overwrite: true);
                _inPlace.Add(file.Path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Error(display, SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot update the site: {e.Message}");
        }
        if (!bag.HasErrors) return quick;
        _publication = null; // the next build publishes the whole site again, every page made
        return Failed(bag, quick);
    }

    private static IncrementalBuilder.Outcome Failed(DiagnosticBag bag, IncrementalBuilder.Outcome? outcome = null)
    {
        foreach (var d in outcome?.Result.Diagnostics ?? []) bag.Add(d);
        var result = new BuildResult(bag.Sorted(), 0, 0, 0, outcome?.Result.Elapsed ?? TimeSpan.Zero);
        return outcome is null ? new IncrementalBuilder.Outcome(result, null, 0, false) : outcome with { Result = result };
    }
}
