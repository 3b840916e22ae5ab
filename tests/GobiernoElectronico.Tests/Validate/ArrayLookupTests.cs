using GobiernoElectronico.Model;

namespace GobiernoElectronico.Tests.Validate;

public class ArrayLookupTests
{
    private sealed record Item(string Key, string Name);

    [Test]
    public void Groups_and_orders_as_ToLookup_does_and_a_replacement_changes_only_its_group()
    {
        var items = new[] { new Item("b", "1"), new Item("a", "2"), new Item("b", "3"), new Item("c", "4"), new Item("a", "5") };
        var lookup = new ArrayLookup<Item>(items, i => i.Key);
        var expected = items.ToLookup(i => i.Key, StringComparer.Ordinal);
        Assert.That(lookup.Select(g => (g.Key, g.ToList())), Is.EqualTo(expected.Select(g => (g.Key, g.ToList()))));
        Assert.That(lookup.Count, Is.EqualTo(3));
        Assert.That(lookup["z"], Is.Empty);
        Assert.That(lookup.Contains("c") && !lookup.Contains("z"));

        var edited = new Item("b", "3'");
        var replaced = lookup.Replacing("b", items[2], edited);
        Assert.That(replaced["b"], Is.EqualTo(new[] { items[0], edited }));
        Assert.That(lookup["b"], Is.EqualTo(new[] { items[0], items[2] }), "the lookup it was made from is unchanged");
        Assert.That(replaced["a"], Is.SameAs(lookup["a"]), "the other groups are shared");
        Assert.That(lookup.Replacing("a", items[2], edited), Is.SameAs(lookup), "an item not in the group: nothing to replace");
    }
}
