using System.Collections;

namespace GobiernoElectronico.Index;

/// <summary>
/// A hash table of words, listed in their ordinal order: looked up as a <see cref="Dictionary{TKey, TValue}"/>, enumerated as a
/// <see cref="SortedDictionary{TKey, TValue}"/> would be, made from a dictionary with one sort of its keys. The query
/// lexicon's vocabulary is made once and then only looked up and listed in order (the browser's shards, <c>lexicon.json</c>,
/// the planner's prefixes): a tree of its 108,471 words at 20,107 documents cost an insertion each, and a walk down it for
/// each of the export's look-ups.
/// </summary>
internal sealed class OrderedWords<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly Dictionary<string, TValue> _map;
    private readonly string[] _keys;

    /// <param name="map">Keyed with <see cref="StringComparer.Ordinal"/>; not changed afterwards (it is not copied).</param>
    public OrderedWords(Dictionary<string, TValue> map)
    {
        if (!ReferenceEquals(map.Comparer, StringComparer.Ordinal)) throw new ArgumentException("the words must be compared ordinally", nameof(map));
        _map = map;
        _keys = [.. map.Keys];
        Array.Sort(_keys, StringComparer.Ordinal);
    }

    /// <summary>As above, for a map whose keys are given as runs, most of them in order already: each run is checked in one
    /// pass and sorted only when it is not, and the runs are merged. The query lexicon's vocabulary is the content's surfaces,
    /// sorted as they are made, the likely inflections, kept in order once found, and a few words of the thesaurus: sorting
    /// its 586,723 words again was a sixth of a lexicon's time after an edit at 20,104 documents.</summary>
    /// <exception cref="ArgumentException">The runs are not the map's keys, each once.</exception>
    public OrderedWords(Dictionary<string, TValue> map, params IReadOnlyList<string>[] runs)
    {
        if (!ReferenceEquals(map.Comparer, StringComparer.Ordinal)) throw new ArgumentException("the words must be compared ordinally", nameof(map));
        _map = map;
        var sorted = Array.ConvertAll(runs, Sorted);
        _keys = new string[sorted.Sum(r => r.Count)];
        var next = new int[sorted.Length];
        for (var k = 0; k < _keys.Length; k++)
        {
            var from = -1;
            for (var r = 0; r < sorted.Length; r++)
                if (next[r] < sorted[r].Count && (from < 0 || string.CompareOrdinal(sorted[r][next[r]], sorted[from][next[from]]) < 0)) from = r;
            var word = sorted[from][next[from]++];
            if (k > 0 && string.CompareOrdinal(_keys[k - 1], word) >= 0) throw new ArgumentException("a word is in two runs", nameof(runs));
            System.Diagnostics.Debug.Assert(map.ContainsKey(word), "a word of the runs is not the map's");
            _keys[k] = word;
        }
        if (_keys.Length != map.Count) throw new ArgumentException("the runs must hold every word of the map", nameof(runs));

        static IReadOnlyList<string> Sorted(IReadOnlyList<string> run)
        {
            for (var i = 1; i < run.Count; i++)
                if (string.CompareOrdinal(run[i - 1], run[i]) > 0)
                {
                    var copy = run.ToArray();
                    Array.Sort(copy, StringComparer.Ordinal);
                    return copy;
                }
            return run;
        }
    }

    public TValue this[string key] => _map[key];

    /// <summary>The words, in ordinal order.</summary>
    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _keys.Select(k => _map[k]);

    public int Count => _keys.Length;

    public bool ContainsKey(string key) => _map.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value) => _map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        foreach (var key in _keys) yield return KeyValuePair.Create(key, _map[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Words given sorted ordinally and distinct, as a read-only set: listed in that order, looked up by binary search (the
/// content's surfaces of the query lexicon are listed in order by the export, and looked up rarely). A
/// <see cref="SortedSet{T}"/> of them was a tree of 100,000 nodes made for every lexicon.
/// </summary>
internal sealed class SortedWords : ReadOnlyWordSet
{
    private readonly string[] _words;

    /// <param name="sorted">Sorted with <see cref="StringComparer.Ordinal"/>, without duplicates (checked); not copied.</param>
    public SortedWords(string[] sorted)
    {
        for (var i = 1; i < sorted.Length; i++)
            if (string.CompareOrdinal(sorted[i - 1], sorted[i]) >= 0) throw new ArgumentException("the words must be sorted ordinally and distinct", nameof(sorted));
        _words = sorted;
    }

    public override int Count => _words.Length;

    public override bool Contains(string item) => Array.BinarySearch(_words, item, StringComparer.Ordinal) >= 0;

    public override IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_words).GetEnumerator();
}

/// <summary>A read-only set of words compared ordinally, given its count, membership and listing: the set operations
/// (which the lexicon never asks for in a build) are answered through a hash set of its words.</summary>
internal abstract class ReadOnlyWordSet : IReadOnlySet<string>
{
    public abstract int Count { get; }

    public abstract bool Contains(string item);

    public abstract IEnumerator<string> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HashSet<string> Set() => new(this, StringComparer.Ordinal);

    public bool IsProperSubsetOf(IEnumerable<string> other) => Set().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => Set().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => Set().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => other.All(Contains);

    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<string> other) => Set().SetEquals(other);
}
