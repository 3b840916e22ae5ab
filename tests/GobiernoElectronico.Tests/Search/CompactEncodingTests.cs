using GobiernoElectronico.Index;

namespace GobiernoElectronico.Tests.Search;

public class CompactEncodingTests
{
    [Test]
    public void Varints_round_trip()
    {
        var values = new[] { 0, 1, 31, 32, 33, 255, 1023, 1024, 65_535, 1_000_000, int.MaxValue / 2 };
        var sb = new System.Text.StringBuilder();
        foreach (var v in values) CompactEncoding.AppendVarint(sb, v);
        Assert.That(CompactEncoding.DecodeVarints(sb.ToString()), Is.EqualTo(values));
        Assert.That(sb.ToString()[..3], Is.EqualTo("ABf"), "numbers below 32 take one character");
    }

    [Test]
    public void Doc_sets_pick_the_shorter_form()
    {
        Assert.That(CompactEncoding.DocSet([3, 900], 1000), Does.StartWith("d"));
        Assert.That(CompactEncoding.DocSet(Enumerable.Range(0, 1000).Where(i => i % 2 == 0).ToList(), 1000), Does.StartWith("b"));
    }
}
