using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;

namespace GobiernoElectronico.Index;

/// <summary>
/// For each practice, the most similar other published practices, chosen by Lucene's MoreLikeThis over
/// the index (title, summary and body in every language). Each practice costs one query against the
/// index, so the whole is linear in the number of practices, and the practices run in parallel; results
/// are ordered by score, then document id, so they are the same whatever the thread count.
/// </summary>
public static class RelatedPractices
{
    public const int Count = 5;

    /// <summary>Practice slug → up to <see cref="Count"/> related practice slugs, most similar first.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(SearchIndex index) => Find(index, null);

    /// <summary>The same, for the practices in <paramref name="only"/> (all when null).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(SearchIndex index, IReadOnlySet<string>? only)
    {
        var practices = index.Documents.Select((d, i) => (Doc: d, Id: i))
            .Where(x => x.Doc.Type == "practice" && (only is null || only.Contains(Slug(x.Doc.Id)))).ToList();
        var result = new IReadOnlyList<string>[practices.Count];
        var onlyPractices = new QueryWrapperFilter(new TermQuery(new Term("type", "practice")));
        Parallel.For(0, practices.Count, () => NewMoreLikeThis(index), (i, _, mlt) =>
        {
            var (doc, id) = practices[i];
            var query = AcrossLanguages(mlt, id);
            var top = index.Searcher.Search(query, onlyPractices, Count + 1);
            result[i] = top.ScoreDocs.Where(s => s.Doc != id && s.Score > 0)
                .OrderByDescending(s => s.Score).ThenBy(s => s.Doc)
                .Take(Count).Select(s => Slug(index.Documents[s.Doc].Id)).ToList();
            return mlt;
        }, _ => { });
        return practices.Select((p, i) => (Slug(p.Doc.Id), result[i])).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>
    /// MoreLikeThis's interesting terms of a document, each searched in every language's variant of its
    /// field: Spanish and Portuguese often share stems (telecentr, municipi), so a case study finds its
    /// neighbours written in the other languages of the region. Boosts follow the term scores, as in MLT.
    /// </summary>
    private static BooleanQuery AcrossLanguages(MoreLikeThis mlt, int docId)
    {
        // RetrieveTerms queues every term of the document, best first (Lucene 4.8 sizes the queue to the whole
        // vocabulary of the document; only CreateQuery stops at MaxQueryTerms): take the best MaxQueryTerms, so
        // that a long case study stays well under BooleanQuery's clause limit.
        var queue = mlt.RetrieveTerms(docId);
        var terms = new List<ScoreTerm>();
        while (queue.Count > 0 && terms.Count < mlt.MaxQueryTerms) terms.Add(queue.Pop());
        var query = new BooleanQuery(disableCoord: false);
        if (terms.Count == 0) return query;
        var best = terms.Max(t => t.Score);
        foreach (var t in terms.OrderByDescending(t => t.Score).ThenBy(t => t.Word, StringComparer.Ordinal))
        {
            if (SearchFields.Split(t.TopField) is not { } field) continue;
            foreach (var language in Schema.Vocabulary.Languages)
                query.Add(new TermQuery(new Term(SearchFields.For(field.Field, language), t.Word)) { Boost = t.Score / best }, Occur.SHOULD);
        }
        return query;
    }

    /// <summary>
    /// Terms in more than this share of the documents say little about similarity and make each query
    /// scan long postings; they are left out (at least <see cref="MinMaxDocFreq"/> documents are allowed).
    /// </summary>
    public const double MaxDocFreqShare = 0.05;

    private const int MinMaxDocFreq = 20;

    private static MoreLikeThis NewMoreLikeThis(SearchIndex index)
    {
        var mlt = new MoreLikeThis(index.Reader)
        {
            Analyzer = SearchAnalysis.PerField(),
            FieldNames = SearchFields.PhysicalTextFields.ToArray(),
            MinTermFreq = 1,
            MinDocFreq = 1,
            MinWordLen = 3,
            MaxQueryTerms = 15,
            StopWords = null,
        };
        mlt.MaxDocFreq = Math.Max(MinMaxDocFreq, (int)(index.Reader.MaxDoc * MaxDocFreqShare));
        return mlt;
    }

    private static string Slug(string id) => id[(id.IndexOf('/') + 1)..];
}
