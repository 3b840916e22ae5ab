using System.Globalization;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Render.Charts;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

public class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    [Test]
    public void A_line_chart_is_valid_svg_with_every_plotted_value()
    {
        var html = SvgChart.Line("Internet <users>", "%", [new SvgChart.Series("Bolivia", [(2000, 1.44), (2010, 22.4), (2023, 70.24)])], Format).Html;
        var svg = XDocument.Parse(html).Root!;
        Assert.That(svg.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(svg.Attribute("role")!.Value, Is.EqualTo("img"));
        Assert.That(svg.Element(Svg + "title")!.Value, Is.EqualTo("Internet <users>"));
        var points = svg.Descendants(Svg + "circle").Select(c => (c.Attribute("data-year")!.Value, c.Attribute("data-value")!.Value)).ToList();
        Assert.That(points, Is.EqualTo(new[] { ("2000", "1.44"), ("2010", "22.4"), ("2023", "70.24") }));
        Assert.That(svg.Descendants(Svg + "circle").Select(c => c.Element(Svg + "title")!.Value), Does.Contain("Bolivia, 2023: 70.24"));
        // higher values are drawn higher (smaller y), later years further right
        var circles = svg.Descendants(Svg + "circle").Select(c => (X: double.Parse(c.Attribute("cx")!.Value, CultureInfo.InvariantCulture), Y: double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture))).ToList();
        Assert.That(circles.Select(c => c.X), Is.Ordered.Ascending);
        Assert.That(circles.Select(c => c.Y), Is.Ordered.Descending);
    }

    [Test]
    public void Bars_are_proportional_to_their_values()
    {
        var svg = XDocument.Parse(SvgChart.Bars("t", [new("A", 50, "2023"), new("B", 25, "2022")], Format).Html).Root!;
        var widths = svg.Descendants(Svg + "rect").Select(r => double.Parse(r.Attribute("width")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.That(widths[0] / widths[1], Is.EqualTo(2.0).Within(0.01));
        Assert.That(svg.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value == "bar").Select(g => g.Attribute("data-value")!.Value), Is.EqualTo(new[] { "50", "25" }));
    }

    [TestCase(0.7, 1)]
    [TestCase(70.24, 100)]
    [TestCase(121.98, 200)]
    [TestCase(22.42, 25)]
    public void Axes_end_on_a_round_number(double max, double expected) => Assert.That(SvgChart.NiceMaximum(max), Is.EqualTo(expected));

    [Test]
    public void Country_pages_chart_the_sourced_series_and_give_the_table()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "countries", "bo", "index.html")));
        var chart = doc.GetElementById("chart-internet_users")!;
        var svg = XDocument.Parse(chart.QuerySelector("svg")!.OuterHtml).Root!;
        var plotted = svg.Descendants(Svg + "circle").ToDictionary(c => c.Attribute("data-year")!.Value, c => c.Attribute("data-value")!.Value);
        var source = File.ReadLines(Path.Combine(Repo.Content, "data", "indicators.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "BO" && f[1] == "internet_users").ToDictionary(f => f[4], f => f[5]);
        Assert.That(plotted.Keys, Is.EquivalentTo(source.Keys), "every year of the series is plotted");
        foreach (var (year, value) in source)
            Assert.That(double.Parse(plotted[year], CultureInfo.InvariantCulture), Is.EqualTo(double.Parse(value, CultureInfo.InvariantCulture)).Within(0.005), year);
        Assert.That(chart.QuerySelectorAll("details table tbody tr"), Has.Length.EqualTo(source.Count), "the data table has a row per year");
    }
}

/// <summary>Charts a reader can read: round years, a window that shows change, labels that wrap, status and dependencies in the Gantt.</summary>
public class ReadableChartTests
{
    [TestCase(1960, 2023, new[] { 1960, 1970, 1980, 1990, 2000, 2010, 2020 })]
    [TestCase(1990, 2023, new[] { 1990, 1995, 2000, 2005, 2010, 2015, 2020 })]
    [TestCase(2000, 2005, new[] { 2000, 2001, 2002, 2003, 2004, 2005 })]
    [TestCase(1997, 2023, new[] { 1997, 2000, 2005, 2010, 2015, 2020 })]
    public void Years_are_marked_at_a_round_step(int from, int to, int[] expected) =>
        Assert.That(SvgChart.YearTicks(from, to), Is.EqualTo(expected));

    [Test]
    public void The_window_starts_the_year_before_the_first_value_above_zero()
    {
        var mobile = new SvgChart.Series("BO", [(1960, 0), (1970, 0), (1990, 0), (1991, 0.02), (2000, 7), (2023, 100)]);
        Assert.That(SvgChart.WindowStart([mobile]), Is.EqualTo(1990));
        var svg = SvgChart.Line("Mobile", "per 100", [mobile], v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Html;
        Assert.That(svg, Does.Contain("data-from=\"1990\"").And.Not.Contain("data-year=\"1960\""));
        Assert.That(SvgChart.WindowStart([new SvgChart.Series("X", [(2000, 5), (2010, 6)])]), Is.EqualTo(2000), "nothing to trim");
    }

    [Test]
    public void A_long_label_wraps_on_two_lines_and_is_cut_only_when_it_does_not_fit()
    {
        Assert.That(SvgChart.Wrap("10. Elaborar el cronograma de actividades del programa", 44, 2),
            Is.EqualTo(new[] { "10. Elaborar el cronograma de actividades", "del programa" }));
        var cut = SvgChart.Wrap(string.Join(' ', Enumerable.Repeat("palabra", 20)), 20, 2);
        Assert.That(cut, Has.Count.EqualTo(2));
        Assert.That(cut[1], Does.EndWith("…"));
        Assert.That(SvgChart.Wrap("Corto", 44, 2), Is.EqualTo(new[] { "Corto" }));
    }

    [Test]
    public void The_gantt_colours_by_status_names_them_in_a_legend_and_draws_dependencies()
    {
        var tasks = new List<SvgChart.Task>
        {
            new("A", new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 10), "x", "done"),
            new("B", new DateOnly(2001, 2, 1), new DateOnly(2001, 3, 1), "x", "planned", [0]),
        };
        var xml = System.Xml.Linq.XDocument.Parse(SvgChart.Gantt("t", tasks, d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [new SvgChart.StatusLabel("done", "Realizada"), new SvgChart.StatusLabel("planned", "Planificada")]).Html).Root!;
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        var fills = xml.Descendants(ns + "g").Where(g => g.Attribute("class")?.Value == "task").Select(g => g.Element(ns + "rect")!.Attribute("fill")!.Value).ToList();
        Assert.That(fills[0], Is.Not.EqualTo(fills[1]), "statuses differ in colour");
        var arrows = xml.Descendants(ns + "path").Where(p => p.Attribute("data-from") is not null).ToList();
        Assert.That(arrows, Has.Count.EqualTo(1));
        Assert.That(arrows[0].Attribute("data-from")!.Value + "→" + arrows[0].Attribute("data-to")!.Value, Is.EqualTo("0→1"));
        var legend = xml.Descendants(ns + "g").Single(g => g.Attribute("class")?.Value == "legend").Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.That(legend, Is.EqualTo(new[] { "Realizada", "Planificada" }));
    }
}
