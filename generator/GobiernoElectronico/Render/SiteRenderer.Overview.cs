using GobiernoElectronico.Model;
using GobiernoElectronico.Render.Charts;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>A chart with its data as a table (the chart's text alternative).</summary>
public sealed record ChartView(string Id, string Title, string Unit, string Source, RawHtml Svg, IReadOnlyList<string> Columns, IReadOnlyList<ChartRow> Rows);

/// <summary>One row of a chart's data table.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<string> Cells);

/// <summary>A country in the regional matrix.</summary>
/// <param name="Committee">The country's role in the support committee ("Coordinador", "Miembro"), or null.</param>
/// <param name="Illustrative">True when the levels are the editors' illustrative judgment.</param>
public sealed record MatrixRowView(string Url, string Code, string Name, IReadOnlyList<PillarBadgeView> Pillars, IReadOnlyList<MatrixCellView> Indicators,
    string? Committee = null, bool Illustrative = false);

/// <summary>A value in the matrix: its text, and the number it sorts by.</summary>
public sealed record MatrixCellView(string Text, string Sort);

/// <summary>A pair of countries to compare.</summary>
public sealed record PairView(string Url, string Text);

// The regional overview, the comparisons and the indicator charts.
public sealed partial class SiteRenderer
{
    /// <summary>The indicators charted and compared, in this order.</summary>
    public static readonly IReadOnlyList<string> KeyIndicators = Vocabulary.Indicators.Select(i => i.Id).ToList();

    private string IndicatorName(string id) => _labels.Find($"indicators.{id}.name") ?? _content.Series.First(s => s.Id == id).Name;

    private string IndicatorUnit(string id) => _labels.Find($"indicators.{id}.unit") ?? _content.Series.First(s => s.Id == id).Unit;

    /// <summary>A figure a pillar names, as the data has it (checked to exist by the validate stage).</summary>
    private IndicatorView IndicatorView(string country, IndicatorRef i)
    {
        var series = _content.SeriesByCountry[country].First(s => s.Id == i.Id);
        var point = series.At(i.Year)!;
        return new IndicatorView(IndicatorName(i.Id), _labels.Number(point.Value), IndicatorUnit(i.Id), point.Year, series.Source);
    }

    /// <summary>One line chart per key indicator, with one line per country.</summary>
    private List<ChartView> LineCharts(IReadOnlyList<CountryAssessment> countries, string idPrefix)
    {
        var charts = new List<ChartView>();
        foreach (var id in KeyIndicators)
        {
            var series = countries.Select(c => (Country: c, Series: _content.SeriesByCountry[c.Code].FirstOrDefault(s => s.Id == id))).Where(x => x.Series is not null).ToList();
            if (series.Count == 0) continue;
            var title = IndicatorName(id);
            var svg = SvgChart.Line(title, IndicatorUnit(id),
                series.Select(x => new SvgChart.Series(x.Country.Name(_labels.Language), x.Series!.Points.Select(p => (p.Year, p.Value)).ToList())).ToList(), _labels.Number);
            var years = series.SelectMany(x => x.Series!.Points.Select(p => p.Year)).Distinct().Order().ToList();
            var rows = years.Select(y => new ChartRow(y.ToString(System.Globalization.CultureInfo.InvariantCulture),
                series.Select(x => x.Series!.Points.FirstOrDefault(p => p.Year == y) is { } p ? _labels.Number(p.Value) : "—").ToList())).ToList();
            charts.Add(new ChartView($"{idPrefix}{id}", title, IndicatorUnit(id), series[0].Series!.Source, svg,
                series.Select(x => x.Country.Name(_labels.Language)).ToList(), rows));
        }
        return charts;
    }

    /// <summary>For each key indicator, a bar per assessed country with its latest value.</summary>
    private List<ChartView> BarCharts()
    {
        var charts = new List<ChartView>();
        foreach (var id in KeyIndicators)
        {
            var latest = _content.Countries.Select(c => (Country: c, Series: _content.SeriesByCountry[c.Code].FirstOrDefault(s => s.Id == id)))
                .Where(x => x.Series is not null)
                .OrderByDescending(x => x.Series!.Latest.Value).ThenBy(x => x.Country.Code, StringComparer.Ordinal).ToList();
            if (latest.Count == 0) continue;
            var title = IndicatorName(id);
            var svg = SvgChart.Bars(title, latest.Select(x => new SvgChart.Bar(x.Country.Name(_labels.Language), x.Series!.Latest.Value,
                x.Series.Latest.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), _labels.Number);
            charts.Add(new ChartView($"bars-{id}", title, IndicatorUnit(id), latest[0].Series!.Source, svg,
                [_labels.Get("indicator.value"), _labels.Get("indicator.year")],
                latest.Select(x => new ChartRow(x.Country.Name(_labels.Language), [_labels.Number(x.Series!.Latest.Value),
                    x.Series.Latest.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ToList()));
        }
        return charts;
    }

    /// <summary>Every pair of committee countries: each has a static comparison page.</summary>
    private List<(CountryAssessment A, CountryAssessment B)> CommitteePairs()
    {
        var committee = _content.Countries.Where(c => c.CommitteeRole != "none").ToList();
        return committee.SelectMany((a, i) => committee.Skip(i + 1).Select(b => (A: a, B: b))).ToList();
    }

    /// <summary>Links from <paramref name="fromPage"/> to the static comparison of each pair.</summary>
    private List<PairView> PairLinks(IEnumerable<(CountryAssessment A, CountryAssessment B)> pairs, string fromPage) =>
        pairs.Select(p => new PairView(SitePaths.Relative(fromPage, SitePaths.Compare(p.A.Slug, p.B.Slug)),
            $"{p.A.Name(_labels.Language)} — {p.B.Name(_labels.Language)}")).ToList();

    private IEnumerable<PageSpec> OverviewPages()
    {
        var lang = _labels.Language;
        var pairs = CommitteePairs();
        yield return new PageSpec(SitePaths.Overview, "pages/overview.html", _labels.Get("overview.title"), _labels.Get("overview.description"), lang, m =>
        {
            m["pillars"] = Vocabulary.Pillars.Select(p => new LinkView(p, _labels.Vocab("pillar", p))).ToList();
            m["indicators"] = KeyIndicators.Take(3).Select(id => new LinkView(id, IndicatorName(id))).ToList();
            m["rows"] = _content.Countries.OrderBy(c => c.Name(lang), StringComparer.Create(_labels.Culture, false)).Select(c => new MatrixRowView(
                SitePaths.Relative(SitePaths.Overview, SitePaths.Country(c.Slug)), c.Code, c.Name(lang),
                c.Pillars.Select(p => new PillarBadgeView(p.Pillar, _labels.Vocab("pillar", p.Pillar), p.Level, _labels.Level(p.Pillar, p.Level), p.Stage)).ToList(),
                KeyIndicators.Take(3).Select(id => _content.SeriesByCountry[c.Code].FirstOrDefault(s => s.Id == id) is { } s
                    ? new MatrixCellView($"{_labels.Number(s.Latest.Value)} ({s.Latest.Year})", s.Latest.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                    : new MatrixCellView("—", "")).ToList(),
                c.CommitteeRole == "none" ? null : _labels.Vocab("committee_role", c.CommitteeRole), c.Illustrative)).ToList();
            m["charts"] = BarCharts();
            m["pairs"] = PairLinks(pairs, SitePaths.Overview);
            m["data"] = DataLinks(SitePaths.Overview);
        });
        foreach (var (a, b) in pairs)
        {
            var path = SitePaths.Compare(a.Slug, b.Slug);
            yield return new PageSpec(path, "pages/compare.html", $"{a.Name(lang)} — {b.Name(lang)}", _labels.Get("compare.description"), lang, m =>
            {
                m["countries"] = new[] { CountryCard(a, path), CountryCard(b, path) };
                m["pillars"] = Vocabulary.Pillars.Select(p => new
                {
                    Label = _labels.Vocab("pillar", p),
                    Levels = new[] { a, b }.Select(c => c.Pillars.First(x => x.Pillar == p)).Select(x => new PillarBadgeView(x.Pillar, "", x.Level, _labels.Level(x.Pillar, x.Level), x.Stage)).ToList(),
                }).ToList();
                m["charts"] = LineCharts([a, b], "compare-");
            });
        }
    }

    private ActivityView ActivityView(Activity a, string fromPage) => new(
        Url: SitePaths.Relative(fromPage, SitePaths.Activity(a.Slug)), Slug: a.Slug, Title: a.Title, Task: a.Task, Scope: a.Scope, Infrastructure: a.Infrastructure, Financing: a.Financing, Responsible: a.Responsible,
        Start: _labels.Date(a.Start), End: _labels.Date(a.End), StartIso: a.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        EndIso: a.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Status: a.Status, StatusLabel: _labels.Vocab("activity_status", a.Status),
        DependsOn: a.DependsOn.Select(d => _content.ActivitiesBySlug[d]).Select(d => new LinkView(SitePaths.Relative(fromPage, SitePaths.Activity(d.Slug)), d.Title)).ToList(),
        Countries: a.Countries.Where(_content.CountriesByCode.ContainsKey).Select(c => CountryLink(c, fromPage)).ToList(),
        Language: a.Language, Summary: a.Summary, Illustrative: a.Illustrative, Body: _markdown(a.Body, a.ContentPath, fromPage));

    private IEnumerable<PageSpec> TimelinePages()
    {
        var lang = _labels.Language;
        yield return new PageSpec(SitePaths.Timeline, "pages/timeline.html", _labels.Get("timeline.title"), _labels.Get("timeline.description"), lang, m =>
        {
            var order = _content.Activities.Select((a, i) => (a.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
            m["gantt"] = SvgChart.Gantt(_labels.Get("timeline.title"),
                _content.Activities.Select(a => new SvgChart.Task($"{a.Task}. {a.Title}", a.Start, a.End, _labels.Vocab("activity_status", a.Status), a.Status,
                    a.DependsOn.Where(order.ContainsKey).Select(d => order[d]).ToList())).ToList(), _labels.Date,
                _content.Activities.Select(a => a.Status).Distinct().OrderBy(st => Array.IndexOf(Vocabulary.ActivityStatuses.ToArray(), st))
                    .Select(st => new SvgChart.StatusLabel(st, _labels.Vocab("activity_status", st))).ToList());
            m["activities"] = _content.Activities.Select(a => ActivityView(a, SitePaths.Timeline)).ToList();
            m["illustrative"] = _content.Activities.Any(a => a.Illustrative);
            m["data"] = DataLinks(SitePaths.Timeline);
        });
        foreach (var a in _content.Activities) yield return ActivityPage(a);
    }

    private PageSpec ActivityPage(Activity a)
    {
        var path = SitePaths.Activity(a.Slug);
        return new PageSpec(path, "pages/activity.html", a.Title, a.Summary, a.Language, m =>
        {
            m["activity"] = ActivityView(a, path);
            m["workshops"] = _content.WorkshopsOfActivity[a.Slug].Select(w => WorkshopView(w, path)).ToList();
        });
    }

    private List<LinkView> DataLinks(string fromPage) =>
        OpenData.Files.Select(f => new LinkView(SitePaths.Relative(fromPage, AtSiteRoot(f)), f[(f.IndexOf('/') + 1)..])).ToList();
}
