using GobiernoElectronico.Index;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>
/// Stage 4, related: for each practice the most similar others (<see cref="RelatedPractices"/>). Its cache: the
/// last lists. After an edit in <c>ge serve</c> a quick build (<c>settle: false</c>) computes them only for
/// the practices whose text changed and keeps the others' previous lists, so the edited page is up at once;
/// a settling build then brings every list to what a full build gives.
/// </summary>
public sealed class RelatedStage
{
    private (SearchProducts Search, IReadOnlyDictionary<string, IReadOnlyList<string>> Related, bool Settled)? _committed;
    private (SearchProducts Search, IReadOnlyDictionary<string, IReadOnlyList<string>> Related, bool Settled)? _pending;

    /// <summary>Every practice's lists in an index whose export is still being made (<see cref="Begin"/>): the job once it is
    /// prepared, and the thread that works on it.</summary>
    private (SearchIndex Index, Task<RelatedPractices.Job> Prepared, Task Worked)? _early;

    /// <summary>
    /// Starts finding every practice's lists in <paramref name="index"/>, a new index, on a thread of its own: the caller
    /// exports the index meanwhile, and <see cref="Run"/> with the products of that index and <c>settle</c> waits for
    /// these lists instead of finding them. They are what <see cref="Run"/> would find (every list, from the same
    /// index); only the time they are found moves.
    /// </summary>
    /// <remarks>One thread, not the pool: the export's parallel loops are run by the pool's threads while the caller
    /// waits for them, and with these lists found on the pool (every thread of it, a second and more of CPU at 20,000
    /// documents) a loop of a few milliseconds waited up to a second for a thread. The caller's thread joins in once the
    /// export is done (<see cref="Run"/>): at 20,107 documents after an edit, the lists took longer than the export.</remarks>
    /// <param name="history">What the last build's lists were found with (<see cref="RelatedPractices.Prepare"/>).</param>
    public void Begin(SearchIndex index, CancellationToken cancel, RelatedPractices.History? history = null)
    {
        Abandon();
        var prepared = new TaskCompletionSource<RelatedPractices.Job>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worked = Task.Factory.StartNew(() =>
        {
            RelatedPractices.Job job;
            try
            {
                job = RelatedPractices.Prepare(index, null, history);
            }
            catch (Exception e)
            {
                prepared.TrySetException(e);
                throw;
            }
            prepared.TrySetResult(job);
            job.Work(cancel);
        }, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _early = (index, prepared.Task, worked);
    }

    /// <summary>Waits for lists begun and not taken (a build that stopped before its related stage), so that none
    /// outlives its build or reads an index once it is closed; their failure is of no interest any more.</summary>
    public void Abandon()
    {
        if (_early is not { } early) return;
        _early = null;
        try
        {
            early.Worked.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // stopped or failed with the build it was for
        }
    }

    /// <summary>The lists of the last successful build.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Committed => _committed?.Related;

    /// <summary>Practice slug → related practice slugs; <c>Settled</c> false when some lists are those of the previous text.</summary>
    public (IReadOnlyDictionary<string, IReadOnlyList<string>> Related, bool Settled) Run(SearchProducts search, bool settle, CancellationToken cancel = default)
    {
        if (_early is { } other && !ReferenceEquals(other.Index, search.Index)) Abandon();
        var last = _committed;
        (IReadOnlyDictionary<string, IReadOnlyList<string>>, bool) result;
        Found = null;
        if (settle && _early is { } early && ReferenceEquals(early.Index, search.Index))
        {
            _early = null;
            // This thread finds lists too, once the job is prepared, until none is left to start; then the job's own thread
            // ends with the last list it started (or with the reason it stopped, thrown here).
            Task.WaitAny([early.Prepared, early.Worked], CancellationToken.None); // the job's thread stops on the token itself
            try
            {
                if (early.Prepared.IsCompletedSuccessfully) early.Prepared.Result.Work(cancel);
            }
            finally
            {
                // Waited for even when this thread stopped (a cancelled build): it never reads an index its build has let go.
                Task.WaitAny([early.Worked], CancellationToken.None);
            }
            early.Worked.GetAwaiter().GetResult();
            var job = early.Prepared.Result;
            result = (job.Lists(), true);
            if (RecordsQueries) Found = job.Found();
        }
        else if (last is { } same && ReferenceEquals(same.Search, search))
            result = same.Settled || !settle ? (same.Related, same.Settled) : (RelatedPractices.Find(search.Index, null, cancel: cancel), true);
        else if (settle || last is null)
            result = (RelatedPractices.Find(search.Index, null, cancel: cancel), true);
        else
        {
            var previous = last.Value;
            var before = previous.Search.Index.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
            var practices = search.Index.Documents.Where(d => d.Type == "practice").Select(d => d.Slug).ToHashSet(StringComparer.Ordinal);
            var changed = search.Index.Documents
                .Where(d => d.Type == "practice" && (!before.TryGetValue(d.Id, out var old) || !old.SameAs(d)))
                .Select(d => d.Slug).ToHashSet(StringComparer.Ordinal);
            var fresh = RelatedPractices.Find(search.Index, changed, cancel: cancel);
            result = (practices.ToDictionary(p => p, p => fresh.TryGetValue(p, out var r) ? r
                : previous.Related.GetValueOrDefault(p, []).Where(practices.Contains).ToList(), StringComparer.Ordinal), false);
        }
        _pending = (search, result.Item1, result.Item2);
        return result;
    }

    /// <summary>What the last <see cref="Run"/> found its lists with, when it found them in a job begun with <see cref="Begin"/>:
    /// the fields' average lengths and each practice's query, for the next build's history.</summary>
    public RelatedPractices.QuerySet? Found { get; private set; }

    /// <summary>Whether <see cref="Found"/> is given (a one-shot build that keeps a search record for the next).</summary>
    public bool RecordsQueries { get; set; }

    /// <summary>After a successful build, its lists are the ones the next build starts from.</summary>
    public void Commit() => _committed = _pending ?? _committed;
}
