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

    [Test]
    public void A_layered_vocabulary_reads_the_added_words_over_its_base_in_ordinal_order_each_word_once()
    {
        var map = Words.ToDictionary(w => w, w => w.Length, StringComparer.Ordinal);
        var base_ = new OrderedWords<int>(map);
        // "b" replaced; "0", "aa" and "zz" new: "0" before every word, the others between two (ordinally "zz" comes before "Á" and "ñandú").
        var layer = new LayeredWords<int>(base_, [KeyValuePair.Create("b", 10), KeyValuePair.Create("aa", 20), KeyValuePair.Create("zz", 30), KeyValuePair.Create("0", 40)]);
        var expected = map.Concat([KeyValuePair.Create("aa", 20), KeyValuePair.Create("zz", 30), KeyValuePair.Create("0", 40)])
            .Select(kv => kv.Key == "b" ? KeyValuePair.Create("b", 10) : kv).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Assert.That(layer.ToList(), Is.EqualTo(expected));
        Assert.That(layer.Keys, Is.EqualTo(expected.Select(kv => kv.Key)));
        Assert.That(layer, Has.Count.EqualTo(expected.Count), "a word replaced is counted once");
        Assert.That(layer["b"], Is.EqualTo(10), "the layer's value wins");
        Assert.That(layer["ñandú"], Is.EqualTo(5), "the base's word");
        Assert.That(layer.ContainsKey("zz") && layer.ContainsKey("a") && !layer.ContainsKey("zzz"), Is.True);
        Assert.That(base_.ContainsKey("zz"), Is.False, "the base is not changed");
        Assert.Throws<KeyNotFoundException>(() => _ = layer["nada"]);

        // A layer over a layer reads the words of both, the later winning; "ñz" comes after every word of the base.
        var again = new LayeredWords<int>(layer, [KeyValuePair.Create("aa", 21), KeyValuePair.Create("ab", 22), KeyValuePair.Create("m", 23), KeyValuePair.Create("ñz", 24)]);
        var expectedAgain = expected.Select(kv => kv.Key == "aa" ? KeyValuePair.Create("aa", 21) : kv.Key == "ab" ? KeyValuePair.Create("ab", 22) : kv)
            .Append(KeyValuePair.Create("m", 23)).Append(KeyValuePair.Create("ñz", 24)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Assert.That(expectedAgain[^1].Key, Is.EqualTo("ñz"));
        Assert.That(again.ToList(), Is.EqualTo(expectedAgain));
        Assert.That(again, Has.Count.EqualTo(expectedAgain.Count));
        Assert.That(layer["aa"], Is.EqualTo(20), "the first layer is not changed");
    }

    [Test]
    public void A_layered_set_of_surfaces_holds_the_base_and_the_added_in_ordinal_order()
    {
        var sorted = Words.Order(StringComparer.Ordinal).ToArray();
        var set = new LayeredWordSet(new SortedWords(sorted), ["ab", "zq", "0"]);
        var expected = sorted.Append("zq").Append("0").Order(StringComparer.Ordinal).ToList();
        Assert.That(set, Is.EqualTo(expected));
        Assert.That(set, Has.Count.EqualTo(expected.Count));
        Assert.That(set.Contains("zq") && set.Contains("ñandú") && !set.Contains("zz"), Is.True);
        var again = new LayeredWordSet(set, ["zz"]);
        Assert.That(again, Is.EqualTo(expected.Append("zz").Order(StringComparer.Ordinal)));
        Assert.That(again.SetEquals(expected.Append("zz")), Is.True);
        Assert.That(set.Contains("zz"), Is.False, "the first layer is not changed");
    }
}
