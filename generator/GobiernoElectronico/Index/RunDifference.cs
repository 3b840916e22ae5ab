using Lucene.Net.Index;
using Lucene.Net.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GobiernoElectronico.Index;

/// <summary>
/// The terms whose postings differ between two indexes of one run of documents (the run as the last build indexed it,
/// and as this build indexes it again after an edit): in some text field, a term one of them lacks, or whose documents,
/// frequencies or documents' norms differ. The browser's term shards hold each term's postings over every run; a run's
/// documents keep their ids while the runs keep their lengths, so a term no edited run changes has the postings the last
/// export wrote, and only the shards of these terms need to be made again (<see cref="BrowserIndexExport"/>).
/// </summary>
internal static class RunDifference
{
    /// <summary>Adds to <paramref name="changed"/> every term whose postings in <paramref name="before"/> and
    /// <paramref name="after"/> differ; false (and nothing is known) when either is not one segment of the same number of
    /// documents.</summary>
    public static bool Collect(LuceneDirectory before, LuceneDirectory after, ISet<string> changed)
    {
        using var old = DirectoryReader.Open(before);
        using var now = DirectoryReader.Open(after);
        if (old.Leaves.Count != 1 || now.Leaves.Count != 1 || old.MaxDoc != now.MaxDoc) return false;
        var a = old.Leaves[0].AtomicReader;
        var b = now.Leaves[0].AtomicReader;
        foreach (var field in SearchFields.PhysicalTextFields)
        {
            var normsA = a.GetNormValues(field);
            var normsB = b.GetNormValues(field);
            var termsA = a.GetTerms(field)?.GetEnumerator();
            var termsB = b.GetTerms(field)?.GetEnumerator();
            var hasA = termsA?.MoveNext() == true;
            var hasB = termsB?.MoveNext() == true;
            DocsEnum? docsA = null, docsB = null;
            while (hasA || hasB)
            {
                var order = !hasA ? 1 : !hasB ? -1 : termsA!.Term.CompareTo(termsB!.Term);
                if (order < 0)
                {
                    changed.Add(termsA!.Term.Utf8ToString());
                    hasA = termsA.MoveNext();
                    continue;
                }
                if (order > 0)
                {
                    changed.Add(termsB!.Term.Utf8ToString());
                    hasB = termsB.MoveNext();
                    continue;
                }
                docsA = termsA!.Docs(null, docsA, DocsFlags.FREQS);
                docsB = termsB!.Docs(null, docsB, DocsFlags.FREQS);
                if (!SamePostings(docsA, docsB, normsA, normsB)) changed.Add(termsA.Term.Utf8ToString());
                hasA = termsA.MoveNext();
                hasB = termsB.MoveNext();
            }
        }
        return true;
    }

    /// <summary>Whether two postings hold the same documents, each with the same frequency and the same norm.</summary>
    private static bool SamePostings(DocsEnum a, DocsEnum b, NumericDocValues? normsA, NumericDocValues? normsB)
    {
        while (true)
        {
            var docA = a.NextDoc();
            var docB = b.NextDoc();
            if (docA != docB) return false;
            if (docA == DocIdSetIterator.NO_MORE_DOCS) return true;
            if (a.Freq != b.Freq || normsA?.Get(docA) != normsB?.Get(docB)) return false;
        }
    }
}
