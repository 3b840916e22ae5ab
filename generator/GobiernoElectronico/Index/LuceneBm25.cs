namespace GobiernoElectronico.Index;

/// <summary>
/// BM25 as Lucene.Net 4.8's <c>BM25Similarity</c> computes it, for the code that computes scores or their parts
/// outside Lucene's own search: the browser's export (idf, average field lengths) and related practices, scored term
/// at a time (<see cref="Bm25TermAtATime"/>). The parameters are those of <see cref="SearchIndex.Similarity"/>, the
/// similarity of every search, so that neither can drift from it.
/// </summary>
internal static class LuceneBm25
{
    /// <summary>Term-frequency saturation (<c>k1</c>).</summary>
    public static float K1 => SearchIndex.Similarity.K1;

    /// <summary>Length normalisation (<c>b</c>).</summary>
    public static float B => SearchIndex.Similarity.B;

    /// <summary><c>BM25Similarity.Idf</c>, over the index's maxDoc as Lucene gives it.</summary>
    public static float Idf(long docFreq, long maxDoc) => (float)Math.Log(1 + (maxDoc - docFreq + 0.5D) / (docFreq + 0.5D));

    /// <summary><c>BM25Similarity.AvgFieldLength</c>: 1 for a field without statistics.</summary>
    public static float AverageFieldLength(long sumTotalTermFreq, long maxDoc) =>
        sumTotalTermFreq <= 0 ? 1f : (float)(sumTotalTermFreq / (double)maxDoc);
}
