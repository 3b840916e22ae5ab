using GobiernoElectronico.Index;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The query lexicon's vocabulary and content surfaces are hash tables listed in ordinal order (the browser's shards,
/// <c>lexicon.json</c> and the planner's prefixes read them in that order).</summary>
public class OrderedWordsTests
{
    private static readonly string[] Words = ["ñandú", "Zeta", "acción", "accion", "a", "b", "ab", "Á"];

    [Test]
    public void The_vocabulary_is_listed_in_ordinal_order_and_looked_up_by_word()
    {
        var map = Words.ToDictionary(w => w, w => w.Length, StringComparer.Ordinal);
        var ordered = new OrderedWords<int>(map);
        var expected = Words.Order(StringComparer.Ordinal).ToList();
        Assert.That(ordered.Keys, Is.EqualTo(expected));
        Assert.That(ordered.Select(kv => kv.Key), Is.EqualTo(expected));
        Assert.That(ordered.Values, Is.EqualTo(expected.Select(w => w.Length)));
        Assert.That(ordered, Has.Count.EqualTo(Words.Length));
        Assert.That(ordered["acción"], Is.EqualTo(6));
        Assert.That(ordered.TryGetValue("accion", out var length) && length == 6, Is.True);
        Assert.That(ordered.ContainsKey("ACCION"), Is.False, "ordinal: case counts");
        Assert.Throws<ArgumentException>(() => _ = new OrderedWords<int>(Words.ToDictionary(w => w, w => 0, StringComparer.OrdinalIgnoreCase)));
    }

    [Test]
    public void A_vocabulary_given_as_runs_is_merged_in_ordinal_order_and_refused_when_the_runs_are_not_its_words()
    {
        var map = Words.ToDictionary(w => w, w => w.Length, StringComparer.Ordinal);
        var expected = Words.Order(StringComparer.Ordinal).ToList();
        // The content's surfaces in order, the inflections in order, and the thesaurus's words in no order.
        string[] surfaces = ["a", "accion", "ñandú"];
        List<string> inflections = ["Zeta", "ab", "acción"];
        List<string> thesaurus = ["b", "Á"];
        var ordered = new OrderedWords<int>(map, surfaces, inflections, thesaurus);
        Assert.That(ordered.Keys, Is.EqualTo(expected));
        Assert.That(ordered.Select(kv => kv.Value), Is.EqualTo(expected.Select(w => w.Length)));
        Assert.That(new OrderedWords<int>(map, [.. Words]).Keys, Is.EqualTo(expected), "one run in no order: sorted");
        Assert.That(new OrderedWords<int>(map, [], [.. Words.Reverse()], []).Keys, Is.EqualTo(expected), "empty runs");
        Assert.Throws<ArgumentException>(() => _ = new OrderedWords<int>(map, surfaces, inflections, [.. thesaurus, "a"]), "a word in two runs");
        Assert.Throws<ArgumentException>(() => _ = new OrderedWords<int>(map, surfaces, inflections), "a word of the map in no run");
    }

    [Test]
    public void The_content_surfaces_are_a_set_in_ordinal_order()
    {
        var sorted = Words.Order(StringComparer.Ordinal).ToArray();
        var set = new SortedWords(sorted);
        Assert.That(set, Is.EqualTo(sorted));
        Assert.That(Words.All(set.Contains), Is.True);
        Assert.That(set.Contains("acc"), Is.False);
        Assert.That(set.Contains(""), Is.False);
        Assert.That(set.IsSubsetOf([.. Words, "más"]), Is.True);
        Assert.That(set.IsProperSupersetOf(["a", "b"]), Is.True);
        Assert.That(set.Overlaps(["x", "b"]), Is.True);
        Assert.That(set.SetEquals(Words.Reverse()), Is.True);
        Assert.Throws<ArgumentException>(() => _ = new SortedWords(["b", "a"]), "not sorted");
        Assert.Throws<ArgumentException>(() => _ = new SortedWords(["a", "a"]), "not distinct");
        Assert.That(new SortedWords([]), Is.Empty);
    }
}
