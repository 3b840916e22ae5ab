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

    public LoadedContent? Run(DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(options.ContentRoot))
        {
            diagnostics.Error(ContentLoader.DisplayPath(options.ContentRoot), SourcePosition.FileStart, ErrorCodes.UnreadableFile, "the content folder does not exist");
            return null;
        }
        var documents = Documents(diagnostics);
        return new LoadedContent(documents, IndicatorData.Load(options.ContentRoot, diagnostics), ThesaurusData.Load(options.ContentRoot, diagnostics),
            ContentLoader.MediaFiles(options.ContentRoot));
    }

    /// <summary>The content documents, drafts included, reading again only the files that changed since the last
    /// load when the stage remembers (the committee's survey page of <c>ge serve</c> reads them between builds).</summary>
    public IReadOnlyList<SourceDocument> Documents(DiagnosticBag diagnostics) => ContentLoader.Load(options.ContentRoot, diagnostics, _files);
}
