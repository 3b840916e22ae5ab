using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>
/// The knowledge base covers the region, not a demonstration: every sovereign state of Latin America and the
/// Caribbean assessed, and real, publicly documented practices from most of them, with the programme's
/// emphasis on local and regional government. A practice and its translations count once.
/// </summary>
public class PracticeCoverageTests
{
    private static readonly string[] Region = RegionCoverageTests.SovereignStates;

    private static readonly Lazy<ContentSet> Shipped = new(() =>
    {
        var diagnostics = new DiagnosticBag();
        return BuildPipeline.LoadAndValidate(new BuildOptions(Repo.Content, Repo.Templates, Path.GetTempPath()), diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
    });

    /// <summary>Distinct practices: a case study and its translations are one practice.</summary>
    private static List<Practice> Distinct()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<Practice>();
        foreach (var practice in Shipped.Value.Practices.OrderBy(p => p.Slug, StringComparer.Ordinal))
        {
            if (!seen.Add(practice.Slug)) continue;
            foreach (var translation in practice.Translations ?? []) seen.Add(translation);
            distinct.Add(practice);
        }
        return distinct;
    }

    [Test]
    public void At_least_forty_distinct_practices_from_twenty_countries_half_of_them_local_or_regional()
    {
        var practices = Distinct();
        Assert.That(practices, Has.Count.GreaterThanOrEqualTo(40));
        Assert.That(practices.Select(p => p.Country).Distinct().Count(), Is.GreaterThanOrEqualTo(20));
        Assert.That(practices.Select(p => p.Country).Distinct(), Is.SubsetOf(Region));
        Assert.That(practices.Count(p => p.GovernmentLevel is "local" or "regional"), Is.GreaterThanOrEqualTo(20));
    }

    [Test]
    public void The_practices_cover_the_three_pillars_and_the_three_relations()
    {
        var practices = Distinct();
        foreach (var pillar in new[] { "infrastructure", "systems", "services" })
            Assert.That(practices.Count(p => p.Pillars.Contains(pillar)), Is.GreaterThanOrEqualTo(5), pillar);
        foreach (var relation in new[] { "G2C", "G2B", "G2G" })
            Assert.That(practices.Count(p => p.Relations.Contains(relation)), Is.GreaterThanOrEqualTo(5), relation);
    }

    [Test]
    public void Every_practice_has_at_least_two_sources_with_an_address_and_a_year()
    {
        foreach (var practice in Shipped.Value.Practices)
        {
            var dated = practice.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Url) && s.Year is not null).ToList();
            Assert.That(dated, Has.Count.GreaterThanOrEqualTo(2), $"{practice.SourcePath}: fewer than two sources with URL and year");
            Assert.That(dated.Select(s => s.Url).Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(dated.Count), $"{practice.SourcePath}: a source is cited twice");
        }
    }

    [Test]
    public void Practices_are_written_in_the_language_of_their_country()
    {
        string[] english = ["AG", "BS", "BB", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "VC", "TT"];
        foreach (var practice in Distinct())
        {
            var group = Shipped.Value.Practices.Where(p => p.Slug == practice.Slug || (practice.Translations ?? []).Contains(p.Slug)).Select(p => p.Language).ToList();
            var expected = practice.Country == "BR" ? "pt" : english.Contains(practice.Country) ? "en" : practice.Country is "HT" or "SR" ? null : "es";
            if (expected is not null) Assert.That(group, Does.Contain(expected), $"{practice.SourcePath} has no version in {expected}");
        }
    }
}
