using GobiernoElectronico.Hashing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace GobiernoElectronico.Index;

/// <summary>
/// For each practice, the most similar other published practices (not its own translations): Lucene's MoreLikeThis selection of a
/// document's interesting terms (term frequency × idf, at most <see cref="MaxQueryTerms"/>, words shorter
/// than three letters and terms in more than <see cref="MaxDocFreqShare"/> of the documents left out), each
/// searched with BM25 in every language's variant of its field.
/// <para>
/// MoreLikeThis itself finds a document's terms by analysing its stored text again, field by field: at
/// 20,000 documents that was nine tenths of the stage (37 s). Here the same term frequencies are read once
/// from the index's postings (<see cref="TermTable"/>), which is linear in the size of the index; what stays
/// per practice is one query of at most 45 clauses, scored as Lucene's BM25 search scores it but term at a time
/// (<see cref="Bm25TermAtATime"/>: at 20,000 practices, Lucene's own search of the same queries took most of the
/// stage). Results are ordered by score, then document id, so they are the same whatever the thread count.
/// </para>
/// </summary>
public static class RelatedPractices
{
    public const int Count = 5;

    /// <summary>The interesting terms of a document that make its query (MoreLikeThis's default is 25).</summary>
    public const int MaxQueryTerms = 15;

    /// <summary>
    /// Terms in more than this share of the documents say little about similarity and make each query
    /// scan long postings; they are left out (at least <see cref="MinMaxDocFreq"/> documents are allowed).
    /// </summary>
    public const double MaxDocFreqShare = 0.05;

    public const int MinMaxDocFreq = 50;

    /// <summary>Words shorter than this are noise (MoreLikeThis's MinWordLen).</summary>
    private const int MinWordLength = 3;

    /// <summary>Practice slug → up to <see cref="Count"/> related practice slugs, most similar first.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(SearchIndex index) => Find(index, null);

    /// <summary>The same, for the practices in <paramref name="only"/> (all when null).</summary>
    /// <param name="cancel">Stops the work (an <see cref="OperationCanceledException"/>): a build nobody waits for any more.</param>
    /// <param name="parallel">False: on the calling thread alone (lists found beside other work, <c>Pipeline.Stages.RelatedStage</c>).</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(SearchIndex index, IReadOnlySet<string>? only, bool parallel = true,
        CancellationToken cancel = default)
    {
        var job = Prepare(index, only);
        if (parallel)
            Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { CancellationToken = cancel }, _ => job.Work(cancel));
        else job.Work(cancel);
        return job.Lists();
    }

    /// <summary>The lists of the practices in <paramref name="only"/> (all when null), to be found by <see cref="Job.Work"/>.</summary>
    /// <param name="history">What the last build's lists were found with (<c>ge build</c>'s search record): a practice whose
    /// query is the same keeps its list when the change since then provably leaves it as it was (<see cref="Job"/>).</param>
    public static Job Prepare(SearchIndex index, IReadOnlySet<string>? only, History? history = null) => new(index, only, history);

    /// <summary>A practice's query as a build scored it: its key (<see cref="Bm25TermAtATime.QueryKey"/>) and the best
    /// documents the list looks at with their scores, best first.</summary>
    /// <param name="Outside">At least the score of any document left out that could overtake the last of them when the scores
    /// move a little (<see cref="Bm25TermAtATime.Top(IReadOnlyList{Bm25TermAtATime.Clause}, int, out float, out int)"/>).</param>
    /// <param name="Alike">A bit per two neighbours (bit i: the i-th and the next) that tie and are alike to the query: they tie
    /// whatever the average lengths.</param>
    /// <param name="Drift">How far (relative) the documents' scores may be now from <paramref name="Scores"/>, the scores of the
    /// build that found them: a list kept is not scored again, and each build's move of the average lengths adds to this.</param>
    public sealed record KeptQuery(Hash128 Key, int[] Docs, float[] Scores, float Outside, int Alike = 0, double Drift = 0);

    /// <summary>What a build's lists were found with, for the next build's proof (<see cref="History"/>; kept in the search
    /// record): each text field's average length in its index, and each practice's query by its document id.</summary>
    public sealed record QuerySet(IReadOnlyDictionary<string, float> AverageLengths, IReadOnlyDictionary<int, KeptQuery> Queries);

    /// <summary>What the last build's lists were found with: each document's key by id in its index, and its
    /// <see cref="QuerySet"/>.</summary>
    /// <param name="Current">This build's key of each document, by id (the same keys as <paramref name="Documents"/>).</param>
    public sealed record History(IReadOnlyList<string> Documents, QuerySet Last, IReadOnlyList<string> Current);

    /// <summary>Past this many documents changed since the last build, every list is found again.</summary>
    private const int MostChangedForProof = 64;

    /// <summary>
    /// Lists being found: what every list needs is read once (the documents' terms, the scorer), then the lists are found a
    /// practice at a time by whichever threads work on them (<see cref="Work"/>), each put in its place: the same lists
    /// whichever thread finds which. A thread of its own finds them while the index is exported, and the thread that exported
    /// it joins in when it is done (<c>Pipeline.Stages.RelatedStage</c>).
    /// </summary>
    public sealed class Job
    {
        private readonly string[] _slugs;
        private readonly List<(string Slug, IReadOnlyList<string> Translations, int Id)> _practices;
        /// <summary>The postings of the practices' terms and the scorer reading them, while lists are left to find: let go
        /// when the last list is found (at 20,107 documents about 75 MB, which the lists, found on a thread of their own
        /// while the export runs, otherwise held through the rest of the export, where a first build's memory peaks).</summary>
        private Scoring? _scoring;

        private sealed record Scoring(TermTable Table, Bm25TermAtATime Scorer);

        /// <summary>Whether the job still holds the postings (until its last list is found).</summary>
        internal bool HoldsPostings => Volatile.Read(ref _scoring) is not null;

        /// <summary>Each text field's average length in the index (<see cref="AverageLengths"/>), taken before the scorer goes.</summary>
        private readonly Dictionary<string, float> _averageLengths;
        private readonly IReadOnlyList<string>[] _result;
        private int _next = -1;
        private int _done;

        /// <summary>Each practice's query as this build scored it or kept it, by its place in <see cref="_practices"/>.</summary>
        private readonly KeptQuery[] _queries;

        /// <summary>The last build's queries, when the change since then can be bounded: the documents whose key changed (none
        /// added or removed), and how far any score can have moved (relative).</summary>
        private readonly (IReadOnlyDictionary<int, KeptQuery> Queries, int[] Changed, double Moved)? _last;

        private int _kept;

        /// <summary>How many lists were kept from the last build (proven the same) rather than found again.</summary>
        public int Kept => Volatile.Read(ref _kept);

        private readonly bool[] _accepted;

        internal Job(SearchIndex index, IReadOnlySet<string>? only, History? history = null)
        {
            // Only the slugs and translations are taken from the documents, not the documents: the export releases their
            // bodies while these lists are found alongside it (SearchIndex.ReleaseBodies), and a list of the documents held
            // here kept every body alive through it (at 20,107 documents, about 60 MB).
            var (slugs, practices, accepted) = Practices(index.Documents, only);
            _slugs = slugs;
            _practices = practices;
            _accepted = accepted;
            var wanted = new bool[index.Reader.MaxDoc];
            foreach (var (_, _, id) in practices) wanted[id] = true;
            var table = TermTable.Read(index.Reader, wanted);
            _result = new IReadOnlyList<string>[practices.Count];
            _queries = new KeptQuery[practices.Count];
            var scorer = new Bm25TermAtATime(index.Reader, accepted, table);
            _averageLengths = SearchFields.PhysicalTextFields.ToDictionary(f => f, scorer.AverageLength, StringComparer.Ordinal);
            _last = Bounded(history);
            if (practices.Count > 0) _scoring = new Scoring(table, scorer);
        }

        /// <summary>The last build's queries, the documents changed since and how far a score can have moved: null when the
        /// index is not the last one's with a few documents changed (documents added, removed or moved, or too many changed).</summary>
        /// <remarks>With the documents at the same ids and only a few of them changed, a query of the same key (the same terms,
        /// boosts and idfs) gives every other document a score that moved only with the fields' average lengths: BM25's
        /// length normalisation k1·(1 − b + b·dl/avgdl) moves by at most |avgdl′/avgdl − 1| of itself, and so does each term's
        /// score, and their sum. Rounding to float is covered by a margin of 2·10⁻⁶.</remarks>
        private (IReadOnlyDictionary<int, KeptQuery>, int[], double)? Bounded(History? history)
        {
            if (history is null || history.Last.Queries.Count == 0) return null;
            var count = _slugs.Length;
            if (history.Documents.Count != count || history.Current.Count != count) return null;
            var changed = new List<int>();
            for (var id = 0; id < count && changed.Count <= MostChangedForProof; id++)
                if (!string.Equals(history.Documents[id], history.Current[id], StringComparison.Ordinal)) changed.Add(id);
            if (changed.Count > MostChangedForProof) return null;
            var moved = 0d;
            foreach (var field in SearchFields.PhysicalTextFields)
            {
                if (!history.Last.AverageLengths.TryGetValue(field, out var was)) return null;
                var now = _averageLengths[field];
                if (was <= 0 || now <= 0) return null;
                moved = Math.Max(moved, Math.Abs((double)now / was - 1));
            }
            // Both ways (a score measured against the old one or the new), and float rounding (a few units in the last place of
            // each term's score, about 10⁻⁷ of it) covered with room to spare.
            return (history.Last.Queries, [.. changed], moved * 1.01 + 2e-6);
        }

        /// <summary>Each text field's average length, for the next build's <see cref="History"/>.</summary>
        public IReadOnlyDictionary<string, float> AverageLengths() => _averageLengths;

        /// <summary>The fields' average lengths and each practice's query, for the next build's <see cref="History"/>: once every
        /// list is found.</summary>
        public QuerySet Found() => new(AverageLengths(), Queries());

        /// <summary>Each practice's query, by its document id, for the next build's <see cref="History"/>: once every list is found.</summary>
        public IReadOnlyDictionary<int, KeptQuery> Queries()
        {
            if (Volatile.Read(ref _done) != _practices.Count) throw new InvalidOperationException("lists are still being found");
            var queries = new Dictionary<int, KeptQuery>(_practices.Count);
            for (var i = 0; i < _practices.Count; i++) queries[_practices[i].Id] = _queries[i];
            return queries;
        }

        /// <summary>
        /// This practice's best documents as the last build kept them for a query of the same key (<paramref name="kept"/>),
        /// when the change since then provably leaves them the best in the same order; null otherwise. Every unchanged
        /// document's score has moved by at most <paramref name="moved"/> of itself since the last build (<see cref="Bounded"/>),
        /// and the kept scores were already within <see cref="KeptQuery.Drift"/> of the last build's. So: two neighbours keep
        /// their order when they were further apart than that, or tie and are alike to the query (they still tie, and ties go
        /// by id); none left out overtakes the last when the last was above <see cref="KeptQuery.Outside"/> by that margin; and
        /// each changed document, scored now, must match nothing or stay below the last by the margin (it then counts as left
        /// out).
        /// </summary>
        private KeptQuery? StillBest(Bm25TermAtATime scorer, KeptQuery kept, int self, int[] changed, double moved, List<Bm25TermAtATime.Clause> clauses,
            int looked)
        {
            var (docs, scores) = (kept.Docs, kept.Scores);
            if (docs.Length > looked || docs.Length != scores.Length) return null;
            foreach (var d in changed)
                if (d == self || Array.IndexOf(docs, d) >= 0) return null;
            var drift = (1 + kept.Drift) * (1 + moved) - 1;
            for (var i = 0; i + 1 < docs.Length; i++)
                if (!(scores[i] * (1 - drift) > scores[i + 1] * (1 + drift)) && (i >= 31 || (kept.Alike & (1 << i)) == 0)) return null;
            // With fewer than looked at, every document the query matched is among them: none is left out, and a changed one
            // that matches now would join them.
            var full = docs.Length == looked;
            var lowest = full ? scores[^1] * (1 - drift) : 0;
            var outside = kept.Outside * (1 + moved);
            if (full && !(lowest > outside)) return null;
            foreach (var d in changed)
            {
                if (!_accepted[d]) continue;
                var score = scorer.ScoreOf(d, clauses);
                if (score <= 0) continue;
                if (!full || !(score < lowest)) return null;
                outside = Math.Max(outside, score);
            }
            return kept with { Outside = full ? (float)Math.Min(float.MaxValue, outside * (1 + 1e-6)) : 0, Drift = drift };
        }

        /// <summary>Finds lists, one practice after another, until none is left to start; on any number of threads at once.</summary>
        /// <param name="cancel">Stops the work (an <see cref="OperationCanceledException"/>): a build nobody waits for any more.</param>
        public void Work(CancellationToken cancel = default)
        {
            // A stopped build stops here even when no list is left to find (its other thread may have found the last ones).
            cancel.ThrowIfCancellationRequested();
            // Null once every list is found (or there was none to find).
            if (Volatile.Read(ref _scoring) is not var (table, scorer)) return;
            int i;
            // This thread's query, made again for each practice (a list per query was 20-36 MB at 20,107 practices).
            var clauses = new List<Bm25TermAtATime.Clause>(MaxQueryTerms * Schema.Vocabulary.Languages.Count);
            while ((i = Interlocked.Increment(ref _next)) < _practices.Count)
            {
                cancel.ThrowIfCancellationRequested();
                var (_, translations, id) = _practices[i];
                AcrossLanguages(table.InterestingTerms(id, MaxQueryTerms), clauses);
                // The list looks at this many of the best; they are kept, with a bound on those left out, for the next build's proof.
                var looked = Count + 1 + translations.Count;
                var key = scorer.QueryKey(clauses);
                if (_last is { } last && last.Queries.TryGetValue(id, out var was) && was.Key == key
                    && StillBest(scorer, was, id, last.Changed, last.Moved, clauses, looked) is { } still)
                {
                    _queries[i] = still;
                    Interlocked.Increment(ref _kept);
                }
                else
                {
                    var top = scorer.Top(clauses, looked, out var outside, out var alike);
                    _queries[i] = new KeptQuery(key, top.ConvertAll(h => h.Doc).ToArray(), top.ConvertAll(h => h.Score).ToArray(), outside, alike);
                }
                var (docs, scores) = (_queries[i].Docs, _queries[i].Scores);
                var list = new List<string>(Count);
                for (var h = 0; h < docs.Length && list.Count < Count; h++)
                    if (docs[h] != id && scores[h] > 0 && !translations.Contains(_slugs[docs[h]])) list.Add(_slugs[docs[h]]);
                _result[i] = list;
                // The thread that finds the last list lets the postings go: every other list is found, so no thread reads them any more.
                if (Interlocked.Increment(ref _done) == _practices.Count) Volatile.Write(ref _scoring, null);
            }
        }

        /// <summary>Practice slug → up to <see cref="Count"/> related practice slugs, most similar first: once every list is
        /// found (by the threads that worked, which the caller waited for).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Lists()
        {
            if (Volatile.Read(ref _done) != _practices.Count) throw new InvalidOperationException("lists are still being found");
            return _practices.Select((p, i) => (p.Slug, _result[i])).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
        }
    }

    /// <summary>Each document's slug, the practices to find lists for (slug, translations, document id), and which
    /// documents are practices.</summary>
    private static (string[] Slugs, List<(string Slug, IReadOnlyList<string> Translations, int Id)> Practices, bool[] Accepted) Practices(
        IReadOnlyList<SearchDocument> documents, IReadOnlySet<string>? only)
    {
        var slugs = new string[documents.Count];
        var accepted = new bool[documents.Count];
        var practices = new List<(string, IReadOnlyList<string>, int)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            slugs[i] = d.Slug;
            accepted[i] = d.Type == "practice";
            if (accepted[i] && (only is null || only.Contains(slugs[i]))) practices.Add((slugs[i], d.Translations, i));
        }
        return (slugs, practices, accepted);
    }

    /// <summary>
    /// The interesting terms, each searched in every language's variant of its field: Spanish and Portuguese
    /// often share stems (telecentr, municipi), so a case study finds its neighbours written in the other
    /// languages of the region. Boosts follow the term scores, as in MoreLikeThis. The clauses of a Lucene
    /// <see cref="BooleanQuery"/> of <see cref="TermQuery"/>s with these boosts, which <see cref="Bm25TermAtATime"/> scores.
    /// </summary>
    internal static List<Bm25TermAtATime.Clause> AcrossLanguages(List<(string Word, string Field, float Score)> terms) =>
        AcrossLanguages(terms, new List<Bm25TermAtATime.Clause>(terms.Count * Schema.Vocabulary.Languages.Count));

    /// <summary>As <see cref="AcrossLanguages(List{ValueTuple{string, string, float}})"/>, into <paramref name="clauses"/>
    /// (emptied first).</summary>
    private static List<Bm25TermAtATime.Clause> AcrossLanguages(List<(string Word, string Field, float Score)> terms, List<Bm25TermAtATime.Clause> clauses)
    {
        clauses.Clear();
        if (terms.Count == 0) return clauses;
        var best = terms[0].Score;
        foreach (var t in terms)
            foreach (var language in Schema.Vocabulary.Languages)
                clauses.Add(new(SearchFields.For(t.Field, language), t.Word, t.Score / best));
        return clauses;
    }

    /// <summary>
    /// The terms of the wanted documents with their frequencies, read from the postings of every text field in
    /// one pass, and for each word the field where it is most frequent across the corpus (MoreLikeThis's "top
    /// field": the first of <see cref="SearchFields.PhysicalTextFields"/> with the largest document frequency).
    /// </summary>
    /// <remarks>Its pass over the terms keeps every term's postings too (<see cref="Bm25TermAtATime.IPostingsSource"/>):
    /// the queries' terms are read from them rather than looked up again in the index's segments.</remarks>
    internal sealed class TermTable : Bm25TermAtATime.IPostingsSource
    {
        private readonly List<string> _words = [];
        private readonly List<int> _docFreq = [];
        private readonly List<int> _topField = [];
        /// <summary>The wanted documents' postings, document after document: each a word's id (high half) and its frequency in
        /// one text field (low half); a document's are from <see cref="_starts"/>[doc] to <see cref="_starts"/>[doc + 1].</summary>
        /// <remarks>One array, placed by a count of each document's postings taken during the walk: a growing list per document
        /// left about as much garbage as the lists held (81 MB of the export's allocations after an edit at 20,107 documents).</remarks>
        private long[] _postings = [];

        private int[] _starts = [];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private int _numDocs;
        private int _maxDocFreq;

        /// <summary>Every posting of every term kept (words of at least <see cref="MinWordLength"/> letters), term after
        /// term in the order read: its document and its frequency.</summary>
        private int[] _docs = [], _freqs = [];

        /// <summary>Per text field (in the order of <see cref="SearchFields.PhysicalTextFields"/>), each word's postings in
        /// <see cref="_docs"/> and <see cref="_freqs"/>, by the word's id.</summary>
        private readonly Dictionary<int, (int Start, int Count)>[] _ranges =
            SearchFields.PhysicalTextFields.Select(_ => new Dictionary<int, (int, int)>()).ToArray();

        private static readonly Dictionary<string, int> FieldIndex =
            SearchFields.PhysicalTextFields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

        public static TermTable Read(IndexReader reader, bool[] wanted)
        {
            var table = new TermTable
            {
                _numDocs = reader.NumDocs,
                _maxDocFreq = Math.Max(MinMaxDocFreq, (int)(reader.MaxDoc * MaxDocFreqShare)),
            };
            var counts = new int[wanted.Length + 1];
            var ids = table._ids;
            var fields = SearchFields.PhysicalTextFields;
            // Room for every posting of every text field (short words' too, which are not kept: an upper bound).
            long postings = 0;
            foreach (var field in fields) postings += Math.Max(0, MultiFields.GetTerms(reader, field)?.SumDocFreq ?? 0);
            table._docs = new int[postings];
            table._freqs = new int[postings];
            var kept = 0;
            for (var f = 0; f < fields.Count; f++)
            {
                var terms = MultiFields.GetTerms(reader, fields[f]);
                if (terms is null) continue;
                var liveDocs = MultiFields.GetLiveDocs(reader);
                var iterator = terms.GetEnumerator();
                var ranges = table._ranges[f];
                DocsEnum? docs = null;
                while (iterator.MoveNext())
                {
                    var word = iterator.Term.Utf8ToString();
                    if (word.Length < MinWordLength) continue;
                    var df = iterator.DocFreq;
                    if (!ids.TryGetValue(word, out var id))
                    {
                        id = table._words.Count;
                        ids.Add(word, id);
                        table._words.Add(word);
                        table._docFreq.Add(0);
                        table._topField.Add(0);
                    }
                    if (df > table._docFreq[id]) { table._docFreq[id] = df; table._topField[id] = f; }
                    docs = iterator.Docs(liveDocs, docs, DocsFlags.FREQS);
                    var start = kept;
                    int doc;
                    while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        var freq = docs.Freq;
                        table._docs[kept] = doc;
                        table._freqs[kept++] = freq;
                        if (doc < wanted.Length && wanted[doc]) counts[doc]++;
                    }
                    ranges[id] = (start, kept - start);
                }
            }
            table.PlaceWanted(wanted, counts);
            return table;
        }

        /// <summary>Puts the wanted documents' postings in <see cref="_postings"/>, in the order the walk met them (field after
        /// field, term after term), given how many each document has (<paramref name="counts"/>, one more entry than documents).</summary>
        private void PlaceWanted(bool[] wanted, int[] counts)
        {
            _starts = new int[counts.Length];
            for (var doc = 0; doc < wanted.Length; doc++) _starts[doc + 1] = _starts[doc] + counts[doc];
            _postings = new long[_starts[^1]];
            var next = _starts.AsSpan(0, wanted.Length).ToArray();
            foreach (var ranges in _ranges)
                foreach (var (id, (start, count)) in ranges) // in the order added: the walk's order of terms
                    for (var k = start; k < start + count; k++)
                    {
                        var doc = _docs[k];
                        if (doc < wanted.Length && wanted[doc]) _postings[next[doc]++] = ((long)id << 32) | (uint)_freqs[k];
                    }
        }

        /// <summary>A word's postings in a text field, as the index holds them: every word of at least
        /// <see cref="MinWordLength"/> letters of every text field was read (one the table lacks is in no document).</summary>
        public bool TryGet(string field, string word, out int[] docs, out int[] freqs, out int start, out int count)
        {
            (docs, freqs, start, count) = (_docs, _freqs, 0, 0);
            if (word.Length < MinWordLength || !FieldIndex.TryGetValue(field, out var f)) return false;
            if (_ids.TryGetValue(word, out var id) && _ranges[f].TryGetValue(id, out var range)) (start, count) = range;
            return true;
        }

        /// <summary>The document's best terms by tf × idf (Lucene's classic idf, as MoreLikeThis), best first, ties by word.</summary>
        /// <remarks>The best are kept as they come, in a list of at most <paramref name="max"/>, instead of sorting all of a
        /// document's terms: at 20,000 practices that sort, its keys and each term's field name made most of what the stage
        /// allocated.</remarks>
        public List<(string Word, string Field, float Score)> InterestingTerms(int doc, int max)
        {
            // The document's postings (word id, frequency) field after field, sorted so that a word's come together and are
            // summed as they are met (a table of the sums per document was the largest garbage of related practices at 20,107
            // documents). The best are a total order: the order the words come in does not change them.
            var entries = _postings.AsSpan(_starts[doc], _starts[doc + 1] - _starts[doc]);
            entries.Sort();
            var best = new List<(int Id, float Score)>(max + 1);
            for (var i = 0; i < entries.Length;)
            {
                var id = (int)(entries[i] >> 32);
                var frequency = 0;
                for (; i < entries.Length && (int)(entries[i] >> 32) == id; i++) frequency += (int)(entries[i] & 0xFFFFFFFF);
                var df = _docFreq[id];
                if (df <= 0 || df > _maxDocFreq) continue;
                BestFirst.Keep(best, (id, frequency * Idf(df, _numDocs)), max, new ByScoreThenWord(_words));
            }
            return best.ConvertAll(b => (_words[b.Id], FieldNames[_topField[b.Id]], b.Score));
        }

        /// <summary>A higher score first; of equal scores, the ordinally first word.</summary>
        private readonly struct ByScoreThenWord(List<string> words) : BestFirst.IOrder<(int Id, float Score)>
        {
            public bool Before((int Id, float Score) a, (int Id, float Score) b) =>
                a.Score > b.Score || (a.Score == b.Score && string.CompareOrdinal(words[a.Id], words[b.Id]) < 0);
        }

        /// <summary>The field of each of <see cref="SearchFields.PhysicalTextFields"/>, without its language.</summary>
        private static readonly string[] FieldNames = SearchFields.PhysicalTextFields.Select(f => SearchFields.Split(f)!.Value.Field).ToArray();

        /// <summary>Lucene's classic idf (DefaultSimilarity), which MoreLikeThis scores terms with.</summary>
        private static float Idf(long docFreq, long numDocs) => (float)(Math.Log(numDocs / (double)(docFreq + 1)) + 1.0);
    }
}
