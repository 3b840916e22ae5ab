using System.Collections.Concurrent;
using GobiernoElectronico.Hashing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GobiernoElectronico.Index;

/// <summary>
/// Lucene's BM25 score of a disjunction of boosted terms over a set of documents, computed term at a time from
/// postings read once: each clause's postings are added into one accumulator per document, and the best documents
/// are picked from those it touched. The score of each clause is computed as <c>BM25Similarity</c>'s scorer
/// computes it (the same float operations on the same idf, norm table and average field length), and the clauses
/// are summed in double and rounded to float as Lucene's disjunction does, so a document scores exactly what
/// <c>IndexSearcher.Search</c> of the same <see cref="BooleanQuery"/> of <see cref="TermQuery"/>s gives it.
/// <para>
/// Related practices run one such query per practice (20,000 at region scale). Lucene scores a disjunction document at
/// a time (a heap over the 45 clauses' postings), builds a 256-entry norm table for every clause of every query and
/// decodes each term's postings again for every query that asks for it; here a term's postings are decoded once, a
/// field's norm table is made once, and a query is a few additions per posting.
/// </para>
/// </summary>
internal sealed class Bm25TermAtATime
{
    private static readonly float K1 = LuceneBm25.K1, B = LuceneBm25.B;

    private readonly IndexReader _reader;
    private readonly int _maxDoc;
    private readonly bool[] _accepted;
    private readonly IPostingsSource _source;
    private readonly ConcurrentDictionary<string, FieldStatistics> _fields = new(StringComparer.Ordinal);

    /// <param name="accepted">The documents a query may return (the others are never scored).</param>
    /// <param name="source">The postings of every term a query may name, already read from <paramref name="reader"/>
    /// (<see cref="IPostingsSource"/>).</param>
    public Bm25TermAtATime(IndexReader reader, bool[] accepted, IPostingsSource source)
    {
        _reader = reader;
        if (reader.HasDeletions) throw new InvalidOperationException("the index must have no deleted documents");
        _maxDoc = reader.MaxDoc;
        _accepted = accepted;
        _source = source;
    }

    /// <summary>
    /// The postings of terms of the index, read before the queries (by a pass over every term that needs them anyway).
    /// Related practices read each text field's terms once to choose the queries' terms (<c>RelatedPractices.TermTable</c>),
    /// and keep their postings: at 20,107 documents, looking each query term up again in twenty segments and decoding its
    /// postings was a third of the lists' time.
    /// </summary>
    public interface IPostingsSource
    {
        /// <summary>False when the source did not read the term's field or words like it (a query naming it is refused); true
        /// with the term's documents (in increasing order, over the whole index) and their frequencies otherwise, empty when
        /// the index does not hold it.</summary>
        bool TryGet(string field, string word, out int[] docs, out int[] freqs, out int start, out int count);
    }

    /// <summary>A clause of a query: a word in a field, with its boost.</summary>
    public readonly record struct Clause(string Field, string Word, float Boost);

    /// <summary>A document and its score.</summary>
    public readonly record struct Hit(int Doc, float Score);

    /// <summary>
    /// The <paramref name="count"/> best accepted documents for the disjunction of <paramref name="clauses"/>, best first,
    /// ties by document id (as Lucene's top-score collector keeps them). Thread-safe.
    /// </summary>
    public List<Hit> Top(IReadOnlyList<Clause> clauses, int count) => Top(clauses, count, out _, out _, bound: false);

    /// <summary>
    /// As <see cref="Top(IReadOnlyList{Clause}, int)"/>, with <paramref name="outside"/>: the best score of a document left
    /// out that could overtake the last of the best were the scores to move a little, 0 when every matching document is
    /// among the best; and <paramref name="alike"/>, a bit per two neighbours of the best (bit i: the i-th and the next) that
    /// tie and are alike to the query. Documents are alike to the query when they match the same clauses with the same
    /// frequencies and norms (told by a 64-bit hash of those, made as they are scored): whatever the average lengths they
    /// score the same. A document that ties with the last and is alike to it is not counted in <paramref name="outside"/>:
    /// it still ties with it and still comes after it (its id is higher).
    /// </summary>
    public List<Hit> Top(IReadOnlyList<Clause> clauses, int count, out float outside, out int alike) =>
        Top(clauses, count, out outside, out alike, bound: true);

    /// <summary>What a document matched so far (a clause, its frequency and norm) mixed into its hash of them.</summary>
    private static ulong Mix(ulong hash, int clause, int freq, byte norm) =>
        System.Numerics.BitOperations.RotateLeft((hash ^ ((ulong)clause << 40 | (ulong)(uint)freq << 8 | norm)) * 0x9E3779B97F4A7C15UL, 29) * 0xBF58476D1CE4E5B9UL;

    private List<Hit> Top(IReadOnlyList<Clause> clauses, int count, out float outside, out int alike, bool bound)
    {
        var work = t_work is { } kept && kept.Sums.Length == _maxDoc ? kept : t_work = new Work(_maxDoc);
        var stamp = work.Next();
        var touched = 0;
        for (var c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            var postings = Of(clause.Field, clause.Word);
            if (postings.Docs.Length == 0) continue;
            var field = postings.Field;
            var weightValue = WeightValue(postings, clause);
            var docs = postings.Docs.Span;
            var freqs = postings.Freqs.Span;
            for (var i = 0; i < docs.Length; i++)
            {
                var doc = docs[i];
                if (!_accepted[doc]) continue;
                float freq = freqs[i];
                var normByte = field.Norms is null ? (byte)0 : field.Norms[doc];
                var score = TermScore(weightValue, freq, field.Norms is null ? K1 : field.Cache[normByte]);
                if (work.Stamps[doc] != stamp)
                {
                    work.Stamps[doc] = stamp;
                    work.Sums[doc] = score;
                    work.Touched[touched++] = doc;
                    if (bound) work.Features[doc] = Mix(0, c, freqs[i], normByte);
                }
                else
                {
                    work.Sums[doc] += score;
                    if (bound) work.Features[doc] = Mix(work.Features[doc], c, freqs[i], normByte);
                }
            }
        }
        var best = new List<Hit>(count + 1);
        var order = default(ByScoreThenDoc);
        // The last of the best once there are as many as asked for: most documents touched are not among the best, and are
        // turned away by the test BestFirst.Keep starts with, made here against a copy of that last one (each document touched
        // used to read it from the list, through a call the runtime compiles fully only after a while).
        var full = false;
        var last = default(Hit);
        for (var i = 0; i < touched; i++)
        {
            var doc = work.Touched[i];
            var hit = new Hit(doc, (float)work.Sums[doc]);
            if (full && !order.Before(hit, last)) continue;
            BestFirst.Keep(best, hit, count, order);
            if (best.Count == count && count > 0)
            {
                full = true;
                last = best[count - 1];
            }
        }
        outside = 0;
        alike = 0;
        if (!bound) return best;
        for (var i = 0; i + 1 < best.Count && i < 31; i++)
            if (best[i].Score == best[i + 1].Score && work.Features[best[i].Doc] == work.Features[best[i + 1].Doc]) alike |= 1 << i;
        if (full)
            for (var i = 0; i < touched; i++)
            {
                var doc = work.Touched[i];
                var score = (float)work.Sums[doc];
                if (score < outside || (score == last.Score && doc <= last.Doc) || score > last.Score) continue; // not left out, or no higher
                if (score == last.Score && work.Features[doc] == work.Features[last.Doc]) continue;
                if (score > outside) outside = score;
            }
        return best;
    }

    /// <summary>A clause's weight as BM25Stats.Normalize makes it (query norm 1, top-level boost 1), times (k1 + 1) as
    /// BM25DocScorer uses it. <see cref="Top(IReadOnlyList{Clause}, int)"/> and <see cref="ScoreOf"/> both score through this
    /// and <see cref="TermScore"/>: the proof that keeps related lists needs their scores equal to the bit.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float WeightValue(in Postings postings, Clause clause)
    {
        var weight = postings.Idf * clause.Boost * 1f;
        return weight * (K1 + 1);
    }

    /// <summary>BM25DocScorer's score of one term in one document, given its length normalisation from the norm table.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float TermScore(float weightValue, float freq, float norm) => weightValue * freq / (freq + norm);

    /// <summary>The field's average length, as its norm table is made from (<c>BM25Similarity</c>).</summary>
    public float AverageLength(string field) => Statistics(field).AverageLength;

    /// <summary>A key of what a query scores with: each clause's field, word and boost, and the idf and number of documents
    /// of its term. Two queries of the same key give every document the same score, given the same norms and average lengths.</summary>
    public Hash128 QueryKey(IReadOnlyList<Clause> clauses)
    {
        var hash = new System.IO.Hashing.XxHash128();
        Span<byte> numbers = stackalloc byte[12];
        for (var c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            var postings = Of(clause.Field, clause.Word);
            Text(hash, clause.Field);
            Text(hash, clause.Word);
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(numbers, clause.Boost);
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(numbers[4..], postings.Idf);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(numbers[8..], postings.Docs.Length);
            hash.Append(numbers);
        }
        return Hash128.CurrentOf(hash);

        static void Text(System.IO.Hashing.XxHash128 hash, string text)
        {
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            hash.Append(length);
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
        }
    }

    /// <summary>The score <see cref="Top(IReadOnlyList{Clause}, int)"/> gives <paramref name="doc"/> for the query (the same float operations in the same
    /// order), 0 when it matches no clause; it does not look at whether the document is accepted.</summary>
    public float ScoreOf(int doc, IReadOnlyList<Clause> clauses)
    {
        var sum = 0d;
        for (var c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            var postings = Of(clause.Field, clause.Word);
            var at = postings.Docs.Span.BinarySearch(doc);
            if (at < 0) continue;
            var field = postings.Field;
            float freq = postings.Freqs.Span[at];
            sum += TermScore(WeightValue(postings, clause), freq, field.Norms is null ? K1 : field.Cache[field.Norms[doc]]);
        }
        return (float)sum;
    }

    /// <summary>A higher score first; of equal scores, the lower document id.</summary>
    private readonly struct ByScoreThenDoc : BestFirst.IOrder<Hit>
    {
        public bool Before(Hit a, Hit b) => a.Score > b.Score || (a.Score == b.Score && a.Doc < b.Doc);
    }

    /// <summary>One thread's accumulator: a sum and a stamp per document (a document counts for the query whose stamp
    /// it holds), and the documents touched.</summary>
    private sealed class Work(int maxDoc)
    {
        public readonly double[] Sums = new double[maxDoc];
        public readonly int[] Stamps = new int[maxDoc];
        public readonly int[] Touched = new int[maxDoc];

        /// <summary>Per document touched, the hash of what it matched (<see cref="Mix"/>).</summary>
        public readonly ulong[] Features = new ulong[maxDoc];
        private int _stamp;

        public int Next()
        {
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(Stamps);
                _stamp = 1;
            }
            return _stamp;
        }
    }

    [ThreadStatic]
    private static Work? t_work;

    /// <summary>A field's norms (one byte per document) and the norm table BM25 makes from its average length.</summary>
    private sealed record FieldStatistics(byte[]? Norms, float[] Cache, float AverageLength = 0);

    /// <summary>A term's postings in a field (documents and frequencies) and its idf.</summary>
    private readonly record struct Postings(FieldStatistics Field, ReadOnlyMemory<int> Docs, ReadOnlyMemory<int> Freqs, float Idf);

    private static readonly Postings None = new(new FieldStatistics(null, []), ReadOnlyMemory<int>.Empty, ReadOnlyMemory<int>.Empty, 0);

    private Postings Of(string field, string word)
    {
        if (!_source.TryGet(field, word, out var docs, out var freqs, out var start, out var count))
            throw new ArgumentException($"the postings of '{word}' in {field} were not read", nameof(word));
        return count == 0 ? None : new Postings(Statistics(field), docs.AsMemory(start, count), freqs.AsMemory(start, count), LuceneBm25.Idf(count, _maxDoc));
    }

    private FieldStatistics Statistics(string field) => _fields.GetOrAdd(field, static (f, self) => self.ReadStatistics(f), this);

    /// <summary>BM25Similarity.ComputeWeight's norm table for the field, and its norms read into an array.</summary>
    private FieldStatistics ReadStatistics(string field)
    {
        long sumTotalTermFreq = 0;
        foreach (var leaf in _reader.Leaves) sumTotalTermFreq += leaf.AtomicReader.GetTerms(field)?.SumTotalTermFreq ?? 0;
        var avgdl = LuceneBm25.AverageFieldLength(sumTotalTermFreq, _maxDoc);
        var cache = new float[256];
        for (var i = 0; i < cache.Length; i++) cache[i] = K1 * ((1 - B) + B * DecodeNorm((byte)i) / avgdl);
        byte[]? norms = null;
        foreach (var leaf in _reader.Leaves)
        {
            // A segment without the field has no norms for it, and no postings that would ask for them.
            if (leaf.AtomicReader.GetNormValues(field) is not { } values) continue;
            norms ??= new byte[_maxDoc];
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++) norms[leaf.DocBase + doc] = (byte)((sbyte)values.Get(doc) & 0xFF);
        }
        return new FieldStatistics(norms, cache, avgdl);
    }

    private static readonly float[] NormTable = Enumerable.Range(0, 256).Select(i =>
    {
        var f = SmallSingle.SByte315ToSingle((sbyte)i);
        return 1.0f / (f * f);
    }).ToArray();

    /// <summary>BM25Similarity.DecodeNormValue.</summary>
    private static float DecodeNorm(byte b) => NormTable[b & 0xFF];
}
