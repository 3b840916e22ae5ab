using Lucene.Net.Index;
using Lucene.Net.Util;

namespace GobiernoElectronico.Index;

/// <summary>
/// The terms of a field over an index's segments, in the index's order of terms, each once with the segments that hold
/// it, in the segments' order (which is the documents' order: <see cref="SearchIndex.Build"/> joins runs of consecutive
/// documents). The export and the lexicon read an index of many segments through it as they read one: a term's
/// postings are each segment's in turn, its document ids moved by the segment's first.
/// </summary>
internal static class SegmentTerms
{
    /// <summary>A segment that holds the current term: its first document id and its enumerator, positioned on the term.</summary>
    public readonly record struct Holder(int DocBase, TermsEnum Terms, AtomicReader Reader);

    /// <summary>Calls <paramref name="each"/> with every term of <paramref name="field"/> (its bytes, valid during the call)
    /// and the segments that hold it, in order. A merge of the segments' sorted terms, comparing each segment's current
    /// term (a few dozen segments at region scale): no term is looked up, none is held after its call.</summary>
    /// <param name="keep">When given, only the terms it keeps are walked: each segment skips the others on its own, before they
    /// are compared with the other segments' (the browser's export after an edit wants the terms of a few shards).</param>
    public static void Walk(IndexReader reader, string field, Action<BytesRef, List<Holder>> each, Func<BytesRef, bool>? keep = null)
    {
        var current = new List<(int DocBase, TermsEnum Terms, AtomicReader Reader)>();
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            if (terms is not null && Next(terms, keep)) current.Add((leaf.DocBase, terms, leaf.AtomicReader));
        }
        var holders = new List<Holder>(current.Count);
        var holding = new bool[current.Count];
        var term = new BytesRef();
        while (current.Count > 0)
        {
            var least = current[0].Terms.Term;
            for (var i = 1; i < current.Count; i++)
                if (current[i].Terms.Term.CompareTo(least) < 0) least = current[i].Terms.Term;
            term.CopyBytes(least); // the enumerators reuse their bytes as they move on
            holders.Clear();
            for (var i = 0; i < current.Count; i++)
                if (holding[i] = current[i].Terms.Term.Equals(term)) holders.Add(new Holder(current[i].DocBase, current[i].Terms, current[i].Reader));
            each(term, holders);
            // Advance the segments that held it, keeping the list in the segments' order.
            var kept = 0;
            for (var i = 0; i < current.Count; i++)
            {
                var c = current[i];
                if (holding[i] && !Next(c.Terms, keep)) continue;
                current[kept++] = c;
            }
            current.RemoveRange(kept, current.Count - kept);
        }
    }

    /// <summary>Moves <paramref name="terms"/> to its next term that <paramref name="keep"/> keeps; false at the end.</summary>
    private static bool Next(TermsEnum terms, Func<BytesRef, bool>? keep)
    {
        while (terms.MoveNext())
            if (keep is null || keep(terms.Term)) return true;
        return false;
    }

    /// <summary>A term's characters, decoded into <paramref name="buffer"/> (made larger when the term needs it): valid until the
    /// buffer's next use. The lexicon and the export look terms up, or find their shards, without making a string of each.</summary>
    public static ReadOnlySpan<char> Decode(BytesRef term, ref char[] buffer)
    {
        if (buffer.Length < term.Length) buffer = new char[Math.Max(term.Length, buffer.Length * 2)];
        return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetChars(term.Bytes.AsSpan(term.Offset, term.Length), buffer));
    }
}
