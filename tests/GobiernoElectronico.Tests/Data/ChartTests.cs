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
