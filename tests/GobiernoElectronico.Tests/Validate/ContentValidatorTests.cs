using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Validate;

public class ContentValidatorTests
{
    [Test]
    public void Mini_fixture_validates_and_drops_drafts()
    {
        var bag = new DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Path.Combine(Repo.Fixture("mini"), "content")), bag);
        Assert.That(bag.Sorted(), Is.Empty);
        Assert.That(content!.Countries.Select(c => c.Code), Is.EqualTo(new[] { "BO", "PE" }));
        Assert.That(content.Practices.Select(p => p.Slug), Is.EqualTo(new[] { "atendimento-integrado", "telecentros-municipales" }));
        var bo = content.CountriesByCode["BO"];
        Assert.That(bo.Pillars.Select(p => (p.Pillar, p.Level, p.Stage)), Is.EqualTo(new[] { ("infrastructure", "expanding", 3), ("systems", "integrated", 3), ("services", "interactive", 3) }));
        Assert.That(bo.Pillars[0].Indicators.Single(), Is.EqualTo(new Model.IndicatorRef("internet_users", null)), "the latest year of the data");
        Assert.That(content.SeriesByCountry["BO"].Single(s => s.Id == "internet_users").Latest.Year, Is.EqualTo(2023));
        Assert.That(bo.Language, Is.EqualTo("es"), "a country without 'language' takes the site's default");
    }

    [Test]
    public void A_practice_whose_country_is_a_draft_is_an_error()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        File.WriteAllText(dir["content/practices/atendimento-integrado.md"],
            File.ReadAllText(dir["content/practices/atendimento-integrado.md"]).Replace("country: PE", "country: CL"));
        var bag = new DiagnosticBag();
        Assert.That(global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(dir["content"]), bag), Is.Null);
        Assert.That(bag.Sorted().Single().Message, Does.Contain("country 'CL' has no published assessment").And.Contain("is still a draft"));
    }

    /// <summary>Documents come in the order of their files, usually that of their slugs; a slug set apart from the file
    /// name still puts the practice in slug order (the set is checked for order, and sorted when it is not).</summary>
    [Test]
    public void Practices_are_in_slug_order_when_a_slug_differs_from_its_file_name()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        var file = dir["content/practices/telecentros-municipales.md"];
        File.WriteAllText(file, File.ReadAllText(file).Replace("title: Telecentros municipales en bibliotecas", "title: Telecentros municipales en bibliotecas\nslug: aaa-telecentros"));
        var bag = new DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(dir["content"]), bag);
        Assert.That(bag.Sorted(), Is.Empty);
        Assert.That(content!.Practices.Select(p => p.Slug), Is.EqualTo(new[] { "aaa-telecentros", "atendimento-integrado" }));
    }
}
