using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace GobiernoElectronico.Index;

/// <summary>
/// The browser's term shards as an export made them (<see cref="BrowserIndexExport"/>): how many there are, each one's size
/// (the characters of its terms and their entries, whose total makes the count) and a hash of its terms' surfaces. Kept in
/// the search record, so that an export after an edit makes again only the shards whose terms changed.
/// </summary>
/// <param name="Made">How many shards the export made (the others it kept as the site holds them); not recorded.</param>
public sealed record TermShardState(int Count, long[] Sizes, ulong[] Surfaces, int Made = 0)
{
    /// <summary>How many shards terms of <paramref name="size"/> characters in all are cut into.</summary>
    public static int CountFor(long size) => Math.Max(1, (int)Math.Ceiling(size / (double)BrowserIndexExport.TermShardTarget));

    /// <summary>Per shard, a hash of its terms' surfaces (each term with its list, added up: the order terms come in does not
    /// matter).</summary>
    public static ulong[] SurfaceHashes(IReadOnlyDictionary<string, List<string>> surfacesOfTerm, int count)
    {
        var hashes = new ulong[count];
        var hash = new XxHash64();
        foreach (var (term, surfaces) in surfacesOfTerm)
        {
            hash.Reset();
            hash.Append(MemoryMarshal.AsBytes(term.AsSpan()));
            foreach (var surface in surfaces)
            {
                hash.Append([0, 0]);
                hash.Append(MemoryMarshal.AsBytes(surface.AsSpan()));
            }
            hashes[ShardNames.TermShard(term, count)] += hash.GetCurrentHashAsUInt64();
        }
        return hashes;
    }
}

/// <summary>What an export after an edit starts from (<c>ge build</c> with its build cache): the last export's term shards,
/// every term whose postings may differ from that export's (<see cref="SearchIndex.ChangedTerms"/>), the site paths of the
/// last export's files, and how to keep one of them in the site as it is (false when the site no longer holds it as the
/// last publish wrote it).</summary>
public sealed record TermShardUpdate(TermShardState Last, IReadOnlySet<string> ChangedTerms, IReadOnlyList<string> LastFiles, Func<string, bool> Keep);

/// <summary>The lexicon's files as an export made them (<see cref="BrowserIndexExport"/>, <see cref="LuceneFilesExport"/>): the key
/// of what they are made of (<see cref="QueryLexicon.OutputKey"/>) and the keys of the browser's vocabulary shards. Kept in the
/// search record, so that an export whose lexicon has the same key keeps <c>lexicon.json</c> and the vocabulary shards as the
/// site holds them.</summary>
/// <param name="Kept">Whether the export kept the vocabulary shards rather than making them; not recorded.</param>
/// <param name="InputKey">The key of what the lexicon was made from (<see cref="QueryLexicon.InputKey"/>): an export after an edit
/// whose lexicon has the same makes only its outline (<see cref="QueryLexicon.IsOutline"/>) while the site keeps these files.</param>
/// <param name="Outlined">Whether the export's lexicon was only the outline of the last one; not recorded.</param>
public sealed record VocabularyState(string Key, IReadOnlyList<string> ShardKeys, bool Kept = false, string? InputKey = null, bool Outlined = false);

/// <summary>What an export after an edit starts from for the lexicon's files: the last export's, and how to keep one of them in
/// the site as it is (false when the site no longer holds it as the last publish wrote it).</summary>
public sealed record VocabularyUpdate(VocabularyState Last, Func<string, bool> Keep)
{
    /// <summary>Whether <paramref name="lexicon"/>'s files are the last export's: its key is the one they were made with.</summary>
    public bool Holds(QueryLexicon lexicon) => lexicon.OutputKey == Last.Key;
}
