using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Tests.Validate;

public class SuggestionsTests
{
    [TestCase("titel", "title")]
    [TestCase("summray", "summary")]
    [TestCase("yearstarted", "year_started")]
    [TestCase("COUNTRY", "country")]
    public void Suggests_the_closest_field(string typo, string expected) =>
        Assert.That(Suggestions.Closest(typo, ["title", "summary", "year_started", "country", "status"]), Is.EqualTo(expected));

    [Test]
    public void Suggests_nothing_for_a_far_word() =>
        Assert.That(Suggestions.Closest("banana", ["title", "summary"]), Is.Null);

    [Test]
    public void Knows_all_249_iso_codes()
    {
        Assert.That(CountryCodes.Codes, Has.Count.EqualTo(249));
        Assert.That(CountryCodes.IsValid("bo") && CountryCodes.IsValid("JM") && !CountryCodes.IsValid("XX"), Is.True);
    }
}
