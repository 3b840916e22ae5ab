using System.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;

namespace GobiernoElectronico.Bench;

/// <summary>What the edit benchmark measured: per edit, milliseconds from saving the file to the page written,
/// and to the search (<c>/api/search</c>) finding the new word; the quick build's stages of the last edit.</summary>
public sealed record EditReport(int Documents, TimeSpan FirstBuild, IReadOnlyList<double> ToPage, IReadOnlyList<double> ToSearch,
    IReadOnlyList<double> ToSettled, IReadOnlyList<int> PagesRendered, IReadOnlyList<StageTimings.Entry> QuickStages)
{
    /// <summary>Edit to page when the edit comes while the settling build of the edit before is under way.</summary>
    public IReadOnlyList<double> DuringSettle { get; init; } = [];

    /// <summary>The settling build's stages, last edit (with the memory columns: where serve's peak comes from).</summary>
    public StageTimings? SettleStages { get; init; }

    /// <summary>The process's peak working set (bytes) when the first build was published, and at the end.</summary>
    public (long FirstBuild, long End) PeakWorkingSet { get; init; }

    public static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>
/// What <c>ge serve</c> does after each save, timed: a builder that lives on, holding no file of the site, and its output
/// folder kept in line by a <see cref="LiveSite"/>; each edit appends a new word to one practice's body, then the quick build (what
/// serve publishes first) and the settling build that follows it. The page counts as updated when its file in the
/// output folder holds the word; the search, when a query for the word finds it through the index the builder serves
/// (what <c>/api/search</c> answers), checked as soon as the builder says a new index is served.
/// </summary>
public static class EditBenchmark
{
    public static EditReport Run(BuildOptions options, int edits)
    {
        using var builder = new IncrementalBuilder(options, holdFiles: false);
        var site = new LiveSite(builder);
        var clock = Stopwatch.StartNew();
        var first = site.Build();
        if (!first.Result.Succeeded) throw new InvalidOperationException("the content does not build:\n" + string.Join('\n', first.Result.Diagnostics.Take(20)));
        var firstBuild = clock.Elapsed;
        var peakFirst = Process.GetCurrentProcess().PeakWorkingSet64;
        var practice = Directory.GetFiles(Path.Combine(options.ContentRoot, "practices"), "*.md").Order(StringComparer.Ordinal).First();
        var page = Path.Combine(options.OutputRoot, "practices", Path.GetFileNameWithoutExtension(practice), "index.html");
        List<double> toPage = [], toSearch = [], toSettled = [];
        List<int> rendered = [];
        IReadOnlyList<StageTimings.Entry> stages = [];
        StageTimings? settleStages = null;
        string? pending = null;
        double? found = null;
        builder.SearchUpdated += () =>
        {
            if (pending is not null && found is null && Finds(builder, pending)) found = clock.Elapsed.TotalMilliseconds;
        };
        // Ten random letters, not seeded (a word from an earlier run may still be in the file): far from every word
        // before it, so no typo correction finds an earlier edit instead.
        static string NewWord() => "zq" + new string(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
        for (var i = 0; i < edits; i++)
        {
            var word = NewWord();
            clock.Restart();
            (pending, found) = (word, null);
            File.AppendAllText(practice, $"\nEdición número {i}: {word}.\n");
            var timings = new StageTimings();
            var quick = Build(site, timings, settle: false, changed: [Path.GetFullPath(practice)]); // as serve's watcher says
            if (!File.ReadAllText(page).Contains(word, StringComparison.Ordinal)) throw new InvalidOperationException($"edit {i}: the page does not show the edit");
            toPage.Add(clock.Elapsed.TotalMilliseconds);
            rendered.Add(quick.PagesRendered);
            stages = timings.Entries;
            if (found is null && Finds(builder, word)) found = clock.Elapsed.TotalMilliseconds;
            if (!quick.Settled) Build(site, settleStages = new StageTimings(), settle: true);
            toSettled.Add(clock.Elapsed.TotalMilliseconds);
            if (found is null && Finds(builder, word)) found = clock.Elapsed.TotalMilliseconds;
            toSearch.Add(found ?? throw new InvalidOperationException($"edit {i}: the settled search does not find the edit"));
            pending = null;
        }
        // An edit while the settling build of the one before is under way, as serve handles it: the settling build is
        // stopped, then the quick build of the new edit runs.
        List<double> duringSettle = [];
        for (var i = 0; i < Math.Min(edits, 5); i++)
        {
            File.AppendAllText(practice, $"\nOtra edición {i}.\n");
            var quick = Build(site, new StageTimings(), settle: false, changed: [Path.GetFullPath(practice)]);
            using var stop = new CancellationTokenSource();
            var settling = Task.Run(() => site.Build(settle: true, cancel: stop.Token));
            Thread.Sleep(SettlingHeadStart);
            var word = NewWord();
            clock.Restart();
            File.AppendAllText(practice, $"\nEdición durante el asentamiento {i}: {word}.\n");
            stop.Cancel();
            settling.Wait();
            Build(site, new StageTimings(), settle: false, changed: [Path.GetFullPath(practice)]);
            if (!File.ReadAllText(page).Contains(word, StringComparison.Ordinal)) throw new InvalidOperationException($"edit {i} during settling: the page does not show it");
            duringSettle.Add(clock.Elapsed.TotalMilliseconds);
            Build(site, new StageTimings(), settle: true);
        }
        return new EditReport(first.Result.Documents, firstBuild, toPage, toSearch, toSettled, rendered, stages) { DuringSettle = duringSettle, SettleStages = settleStages, PeakWorkingSet = (peakFirst, Process.GetCurrentProcess().PeakWorkingSet64) };
    }

    /// <summary>How long the settling build runs before the next edit comes, in the measure of edits during settling.</summary>
    public static readonly TimeSpan SettlingHeadStart = TimeSpan.FromSeconds(1);

    /// <summary>A build as serve makes it, the output folder brought in line with it.</summary>
    private static IncrementalBuilder.Outcome Build(LiveSite site, StageTimings timings, bool settle, IReadOnlyCollection<string>? changed = null)
    {
        var outcome = site.Build(settle, changed, timings);
        if (!outcome.Result.Succeeded) throw new InvalidOperationException("an edit broke the build:\n" + string.Join('\n', outcome.Result.Diagnostics.Take(20)));
        return outcome;
    }

    private static bool Finds(IncrementalBuilder builder, string word)
    {
        if (builder.Index is not { } index || !index.TryAcquire()) return false;
        try
        {
            using var engine = SearchEngine.Open(index.Value);
            return engine.Search(new SearchRequest(word, new Dictionary<string, IReadOnlyList<string>>())).Total > 0;
        }
        finally
        {
            index.Release();
        }
    }
}
