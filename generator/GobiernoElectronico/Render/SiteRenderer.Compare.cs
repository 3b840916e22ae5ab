using System.Text.Json;
using System.Text.Json.Serialization;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>
/// The comparison chooser (<c>compare/index.html</c>): any two to four assessed countries side by side. Without
/// JavaScript the page lists the static comparisons of the committee's pairs; with it, <c>compare.js</c> loads
/// <c>compare/data.js</c> (levels, narratives, key figures and practices of every country, in the page's
/// language) by a script element, so it works from <c>file://</c> too, and draws the table.
/// </summary>
public sealed partial class SiteRenderer
{
    /// <summary>Practices listed per country in the comparison; the rest are a link away.</summary>
    public const int ComparePractices = 5;

    private static readonly JsonSerializerOptions CompareJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private PageSpec ComparePage()
    {
        var lang = _labels.Language;
        return new PageSpec(SitePaths.CompareChooser, "pages/compare-chooser.html", _labels.Get("compare.chooser_title"), _labels.Get("compare.chooser_description"), lang, m =>
        {
            m["countries"] = _content.Countries.OrderBy(c => c.Name(lang), StringComparer.Create(_labels.Culture, false))
                .Select(c => new { c.Code, Name = c.Name(lang), Slug = c.Slug }).ToList();
            m["pairs"] = PairLinks(CommitteePairs(), SitePaths.CompareChooser);
        });
    }

    /// <summary>The data the chooser draws from, as a script that sets <c>window.GECompareData</c>.</summary>
    public OutputFile CompareData()
    {
        var lang = _labels.Language;
        var from = SitePaths.CompareChooser;
        var data = new
        {
            Pillars = Vocabulary.Pillars.Select(p => _labels.Vocab("pillar", p)).ToList(),
            Indicators = KeyIndicators.Take(3).Select(id => new { Name = IndicatorName(id), Unit = IndicatorUnit(id) }).ToList(),
            Countries = _content.Countries.Select(c => new
            {
                c.Code,
                Name = c.Name(lang),
                Url = SitePaths.Relative(from, SitePaths.Country(c.Slug)),
                Committee = c.CommitteeRole == "none" ? null : _labels.Vocab("committee_role", c.CommitteeRole),
                c.Illustrative,
                NarrativeLanguage = c.Language,
                Pillars = c.Pillars.Select(p => new { Level = _labels.Level(p.Pillar, p.Level), p.Stage, Narrative = _markdown(p.Narrative, c.ContentPath, from).Html }).ToList(),
                Indicators = KeyIndicators.Take(3).Select(id => _content.SeriesByCountry[c.Code].FirstOrDefault(s => s.Id == id) is { } s
                    ? new { Value = _labels.Number(s.Latest.Value), Raw = Math.Round(s.Latest.Value, 2), s.Latest.Year, s.Source } : null).ToList(),
                Practices = _content.PracticesByCountry[c.Code].Take(ComparePractices)
                    .Select(p => new { p.Title, Url = SitePaths.Relative(from, SitePaths.Practice(p.Slug)), p.Language }).ToList(),
                PracticeCount = _content.PracticesByCountry[c.Code].Count(),
                PracticesUrl = SitePaths.Relative(from, FilterPath("practices", "country", c.Code)),
            }).ToList(),
        };
        // The default encoder escapes <, >, & and every non-ASCII character: the file is plain ASCII JavaScript.
        var json = JsonSerializer.Serialize(data, CompareJson);
        return OutputFile.Text(_prefix + SitePaths.CompareData, "window.GECompareData = " + json + ";\n");
    }
}
