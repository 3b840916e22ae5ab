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
    public IReadOnlyList<SourceDocument> Documents(DiagnosticBag diagnostics) => ContentLoader.Load(options.ContentRoot, diagnostics, _files);
}
