using System.Collections;

namespace GobiernoElectronico.Model;

/// <summary>
/// A lookup by ordinal string key, as <see cref="Enumerable.ToLookup{TSource, TKey}(IEnumerable{TSource}, Func{TSource, TKey}, IEqualityComparer{TKey})"/>
/// makes it (groups in the order their keys first appear, items in the order given), that can be copied with one item
/// replaced in its group: the copy shares every other group. After an edit in <c>ge serve</c>, making the practices'
/// lookup by country anew took most of the validation's time at 20,000 practices.
/// </summary>
public sealed class ArrayLookup<T> : ILookup<string, T> where T : class
{
    private sealed class Group(string key, T[] items) : IGrouping<string, T>
    {
        public string Key => key;

        public T[] Items => items;

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private readonly Dictionary<string, int> _index;
    private readonly Group[] _groups;

    private ArrayLookup(Dictionary<string, int> index, Group[] groups) => (_index, _groups) = (index, groups);

    /// <summary>The lookup of <paramref name="items"/> by <paramref name="key"/>.</summary>
    public ArrayLookup(IEnumerable<T> items, Func<T, string> key)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lists = new List<(string Key, List<T> Items)>();
        foreach (var item in items)
        {
            var k = key(item);
            if (!index.TryGetValue(k, out var i))
            {
                index[k] = i = lists.Count;
                lists.Add((k, []));
            }
            lists[i].Items.Add(item);
        }
        (_index, _groups) = (index, lists.Select(l => new Group(l.Key, [.. l.Items])).ToArray());
    }

    /// <summary>This lookup with <paramref name="old"/> replaced by <paramref name="now"/> in the group of
    /// <paramref name="key"/>, at the same place; the same lookup when that group does not hold it.</summary>
    public ArrayLookup<T> Replacing(string key, T old, T now)
    {
        if (!_index.TryGetValue(key, out var i)) return this;
        var place = Array.IndexOf(_groups[i].Items, old);
        if (place < 0) return this;
        var items = (T[])_groups[i].Items.Clone();
        items[place] = now;
        var groups = (Group[])_groups.Clone();
        groups[i] = new Group(key, items);
        return new(_index, groups);
    }

    public IEnumerable<T> this[string key] => _index.TryGetValue(key, out var i) ? _groups[i].Items : [];

    public int Count => _groups.Length;

    public bool Contains(string key) => _index.ContainsKey(key);

    public IEnumerator<IGrouping<string, T>> GetEnumerator() => ((IEnumerable<IGrouping<string, T>>)_groups).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
