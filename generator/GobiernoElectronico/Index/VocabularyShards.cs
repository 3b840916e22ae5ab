namespace GobiernoElectronico.Index;

/// <summary>
/// The lexicon's entries cut into the browser's vocabulary shards: by the first two letters of a surface
/// (<see cref="ShardNames.Vocabulary"/>); a shard larger than <see cref="BrowserIndexExport.VocabularyShardTarget"/> is split by
/// the next letter (<see cref="ShardNames.VocabularyKey"/>), again while large, up to <see cref="ShardNames.MaxVocabularyKey"/>
/// letters. The shards come in their keys' ordinal order, each with its entries in the lexicon's order, as places in one
/// array of the entries' numbers: grouping copies of the entries (586,723 at 20,107 documents) and a table of every surface's
/// shard were 40–60 MB made where a first build's memory peaks.
/// </summary>
internal sealed class VocabularyShards
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _entries;

    /// <summary>The entries' numbers, shard after shard.</summary>
    private readonly int[] _order;

    /// <summary>Each shard's key and the places of its entries in <see cref="_order"/>.</summary>
    public IReadOnlyList<(string Key, int Start, int End)> Parts { get; }

    /// <summary>Cuts <paramref name="entries"/> (surface → entry, the surfaces sorted ordinally and distinct).</summary>
    /// <param name="target">The largest shard kept whole, in characters of its surfaces and entries (and 6 per entry).</param>
    public VocabularyShards(IReadOnlyList<KeyValuePair<string, string>> entries, int target = BrowserIndexExport.VocabularyShardTarget)
    {
        _entries = entries;
        _order = new int[entries.Count];
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
        var codes = new int[entries.Count];
        var scratch = new int[entries.Count];
        var parts = new List<(string Key, int Start, int End)>();
        // The first two letters, each ranked as the keys' characters sort (a letter that is not there before any other).
        for (var i = 0; i < codes.Length; i++)
        {
            var surface = entries[i].Key;
            codes[i] = Rank(surface, 0, padded: false) * Ranks + Rank(surface, 1, padded: false);
        }
        foreach (var (start, end) in Runs(codes, scratch, 0, codes.Length, Ranks * Ranks))
        {
            var key = ShardNames.Vocabulary(entries[_order[start]].Key);
            Cut(key, key.Length - 2, start, end);
        }
        Parts = parts;

        void Cut(string key, int length, int start, int end)
        {
            var size = 0L;
            for (var k = start; k < end; k++) size += entries[_order[k]].Key.Length + entries[_order[k]].Value.Length + 6;
            if (size <= target || length >= ShardNames.MaxVocabularyKey || key.EndsWith('_'))
            {
                parts.Add((key, start, end));
                return;
            }
            // Every surface here has the key's letters: the next one (or '_' past its end) tells the parts apart.
            for (var k = start; k < end; k++) codes[_order[k]] = Rank(entries[_order[k]].Key, length, padded: true);
            foreach (var (from, to) in Runs(codes, scratch, start, end, Ranks))
                Cut(ShardNames.VocabularyKey(entries[_order[from]].Key, length + 1), length + 1, from, to);
        }
    }

    /// <summary>The entries of a shard (<see cref="Parts"/>), in the lexicon's order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries((string Key, int Start, int End) part)
    {
        for (var k = part.Start; k < part.End; k++) yield return _entries[_order[k]];
    }

    /// <summary>A function giving the key of the shard that holds a surface, one of the entries' surfaces (found by binary search).</summary>
    public Func<string, string> ShardOf()
    {
        var partOf = new int[_order.Length];
        for (var p = 0; p < Parts.Count; p++)
            for (var k = Parts[p].Start; k < Parts[p].End; k++) partOf[_order[k]] = p;
        return surface =>
        {
            int low = 0, high = _entries.Count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) >> 1);
                var order = string.CompareOrdinal(_entries[middle].Key, surface);
                if (order == 0) return Parts[partOf[middle]].Key;
                if (order < 0) low = middle + 1;
                else high = middle - 1;
            }
            throw new KeyNotFoundException($"'{surface}' is not in the lexicon");
        };
    }

    /// <summary>Ranks of a key's character (<see cref="ShardNames.KeyCharacter"/>), in the keys' ordinal order: none (a surface
    /// shorter than the key), a digit, '_' (any other character, or past the surface's end when padded), a letter.</summary>
    private const int Ranks = 38;

    private static int Rank(string surface, int at, bool padded)
    {
        if (at >= surface.Length && !padded) return 0;
        return (at < surface.Length ? ShardNames.KeyCharacter(surface[at]) : '_') switch
        {
            '_' => 11,
            >= '0' and <= '9' and var c => 1 + c - '0',
            var c => 12 + c - 'a',
        };
    }

    /// <summary>Sorts <see cref="_order"/>'s places <paramref name="start"/> to <paramref name="end"/> by their entries'
    /// codes (below <paramref name="count"/>), keeping the order of those of one code, and gives the runs of one code.</summary>
    private List<(int Start, int End)> Runs(int[] codes, int[] scratch, int start, int end, int count)
    {
        var first = new int[count + 1];
        for (var k = start; k < end; k++) first[codes[_order[k]] + 1]++;
        for (var c = 0; c < count; c++) first[c + 1] += first[c];
        var runs = new List<(int, int)>();
        for (var c = 0; c < count; c++)
            if (first[c + 1] > first[c]) runs.Add((start + first[c], start + first[c + 1]));
        for (var k = start; k < end; k++) scratch[start + first[codes[_order[k]]]++] = _order[k];
        Array.Copy(scratch, start, _order, start, end - start);
        return runs;
    }
}
