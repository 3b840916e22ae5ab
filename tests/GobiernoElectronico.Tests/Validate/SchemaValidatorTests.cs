using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Tests.Validate;

public class SchemaValidatorTests
{
    private static readonly ObjectType Schema = new("test",
    [
        new("title", new TextType(), true, "t"),
        new("year", new IntegerType(1950, 2100), false, "y"),
        new("value", new NumberType(), false, "v"),
        new("flag", new BoolType(), false, "f"),
        new("date", new DateType(), false, "d"),
        new("status", new EnumType(["planned", "operating"]), false, "s"),
        new("country", new CountryCodeType(), false, "c"),
        new("tags", new ListType(new EnumType(["a", "b"]), MinItems: 1), false, "l"),
        new("name", new LocalizedTextType(["es", "en"]), false, "n"),
        new("nested", new ObjectType("nested", [new("inner", new TextType(), true, "i")]), false, "o"),
    ]);

    private static (CheckedObject? Result, IReadOnlyList<string> Errors) Check(string yaml)
    {
        var bag = new DiagnosticBag();
        var doc = ContentLoader.Parse("---\n" + yaml + "\n---\n", "t.md", ContentKind.Practice, "t", bag);
        var result = new SchemaValidator("t.md", bag).ValidateDocument(doc!.FrontMatter!, Schema);
        return (result, bag.Sorted().Select(d => d.ToString()).ToList());
    }

    [Test]
    public void Valid_values_are_converted()
    {
        var (r, errors) = Check("title: ' Hola '\nyear: 2001\nvalue: 12.5\nflag: true\ndate: 2026-11-20\nstatus: operating\ncountry: bo\ntags: [a, b]\nname: {es: Perú, en: Peru}\nnested: {inner: x}");
        Assert.That(errors, Is.Empty);
        Assert.That(r!.Text("title"), Is.EqualTo("Hola"));
        Assert.That(r.WholeNumber("year"), Is.EqualTo(2001));
        Assert.That(r.Number("value"), Is.EqualTo(12.5));
        Assert.That(r.Flag("flag"), Is.True);
        Assert.That(r.Date("date"), Is.EqualTo(new DateOnly(2026, 11, 20)));
        Assert.That(r.Text("country"), Is.EqualTo("BO"));
        Assert.That(r.TextList("tags"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(r.Localized("name")["es"], Is.EqualTo("Perú"));
        Assert.That(r.Mapping("nested").Text("inner"), Is.EqualTo("x"));
    }

    // A value of the right kind in quotes is text to YAML: the message said "not '2001'" of a 2001, and now says why.
    [TestCase("title: x\nyear: '2001'", "t.md(3,7): error GE0102: 'year' must be a whole number from 1950 to 2100, not '2001' (in quotes it is text: write year: 2001)")]
    [TestCase("title: x\nvalue: \"12.5\"", "t.md(3,8): error GE0102: 'value' must be a number (with a '.' for decimals), not '12.5' (in quotes it is text: write value: 12.5)")]
    [TestCase("title: x\nflag: 'true'", "t.md(3,7): error GE0102: 'flag' must be true or false, not 'true' (in quotes it is text: write flag: true)")]
    [TestCase("title: x\nyear: 'MMI'", "t.md(3,7): error GE0102: 'year' must be a whole number from 1950 to 2100, not 'MMI'")]
    [TestCase("title: x\nyear: 1800", "t.md(3,7): error GE0105: 'year' must be from 1950 to 2100, not 1800")]
    [TestCase("title: x\nvalue: 12,5", "t.md(3,8): error GE0102: 'value' must be a number (with a '.' for decimals), not '12,5'")]
    [TestCase("title: x\nflag: yes", "t.md(3,7): error GE0102: 'flag' must be true or false, not 'yes'")]
    [TestCase("title: x\ndate: 2026-02-30", "t.md(3,7): error GE0105: '2026-02-30' is not a date in the calendar")]
    [TestCase("title: x\ndate: 20/11/2026", "t.md(3,7): error GE0102: 'date' must be a date written YYYY-MM-DD, not '20/11/2026'")]
    [TestCase("title: x\nstatus: planed", "t.md(3,9): error GE0104: 'planed' is not allowed for 'status'; did you mean 'planned'? (allowed: planned, operating)")]
    [TestCase("title: x\ncountry: ZZ", "t.md(3,10): error GE0201: 'ZZ' is not an ISO 3166-1 alpha-2 country code (e.g. BO, PE, BR)")]
    [TestCase("title: x\ntags: a", "t.md(3,7): error GE0102: 'tags' must be a list of one of a, b (one '- item' per line), not text")]
    [TestCase("title: x\ntags: []", "t.md(3,7): error GE0103: 'tags' needs at least 1 item")]
    [TestCase("title: x\ntags: [a, a]", "t.md(3,11): error GE0105: 'a' is listed twice in 'tags'")]
    [TestCase("title: x\nname: {es: A, fr: B}", "t.md(3,15): error GE0101: 'fr' is not a language of the site (languages: es, en)")]
    [TestCase("title: x\nnested: {}", "t.md(3,9): error GE0103: required field 'inner' in 'nested' is missing (i)")]
    [TestCase("title: [a, b]", "t.md(2,8): error GE0102: 'title' must be text, not a list")]
    [TestCase("title:", "t.md(2,1): error GE0103: 'title' is empty; it needs text")]
    [TestCase("year: 2000", "t.md(2,1): error GE0103: required field 'title' is missing (t)")]
    [TestCase("titel: x", "t.md(2,1): error GE0101: unknown field 'titel'; did you mean 'title'?")]
    [TestCase("title: x\nzzzzzz: 1", "t.md(3,1): error GE0101: unknown field 'zzzzzz'")]
    public void Each_problem_is_one_line_at_its_position(string yaml, string expected) =>
        Assert.That(Check(yaml).Errors, Is.EqualTo(new[] { expected }));

    [Test]
    public void All_problems_of_a_document_are_reported_at_once()
    {
        var (_, errors) = Check("year: x\nflag: 3\nstatus: nope");
        Assert.That(errors.Select(e => e.Split(": error ")[1][..6]), Is.EquivalentTo(new[] { "GE0102", "GE0102", "GE0104", "GE0103" }));
    }
}
