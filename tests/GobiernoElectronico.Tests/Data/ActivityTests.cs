using System.Globalization;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Render.Charts;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>The programme timeline: activities with task, scope, resources and time.</summary>
public class ActivityTests
{
    private const string Valid = """
        title: "Activity"
        task: 7
        scope: "Scope"
        resources: {infrastructure: "Rooms", financing: "IDB", responsible: "Committee"}
        start: 2001-09-01
        end: 2002-02-28
        status: planned
        summary: "Summary"
        """;

    private static List<string> Check(params (string Slug, string Yaml)[] activities)
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        foreach (var (slug, yaml) in activities) dir.Write($"content/activities/{slug}.md", "---\n" + yaml + "\n---\nBody.\n");
        var bag = new DiagnosticBag();
        global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(dir["content"]), bag);
        return bag.Sorted().Select(d => d.ToString()[(d.ToString().IndexOf("content/", StringComparison.Ordinal))..]).ToList();
    }

    [Test]
    public void A_valid_activity_passes() => Assert.That(Check(("a", Valid)), Is.Empty);

    [Test]
    public void End_before_start_is_reported_at_end() =>
        Assert.That(Check(("a", Valid.Replace("end: 2002-02-28", "end: 2001-08-01"))),
            Is.EqualTo(new[] { "content/activities/a.md(7,6): error GE0105: 'end' (2001-08-01) is before 'start' (2001-09-01)" }));

    [Test]
    public void Unknown_dependencies_and_cycles_are_reported()
    {
        Assert.That(Check(("a", Valid + "\ndepends_on: [b, nowhere]"), ("b", Valid)),
            Is.EqualTo(new[] { "content/activities/a.md(10,17): error GE0211: no activity 'nowhere' (content/activities/nowhere.md)" }));
        var cycle = Check(("a", Valid + "\ndepends_on: [b]"), ("b", Valid + "\ndepends_on: [c]"), ("c", Valid + "\ndepends_on: [a]"));
        Assert.That(cycle, Has.Count.EqualTo(1));
        Assert.That(cycle[0], Does.Contain("GE0211: dependency cycle: a → b → c → a"));
    }

    [Test]
    public void Task_out_of_range_and_missing_resources()
    {
        var problems = Check(("a", Valid.Replace("task: 7", "task: 11").Replace("responsible: \"Committee\"", "who: \"x\"")));
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "content/activities/a.md(3,7): error GE0105: 'task' must be from 1 to 10, not 11",
            "content/activities/a.md(5,56): error GE0101: unknown field 'who' in 'resources'",
            "content/activities/a.md(5,12): error GE0103: required field 'responsible' in 'resources' is missing (organisation or person responsible)",
        }));
    }

    [Test]
    public void The_gantt_chart_orders_by_start_and_draws_durations_proportionally()
    {
        var tasks = new List<SvgChart.Task>
        {
            new("A", new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 10), "x"),   // 10 days
            new("B", new DateOnly(2001, 1, 6), new DateOnly(2001, 2, 4), "x"),    // 30 days
            new("C", new DateOnly(2001, 3, 1), new DateOnly(2001, 3, 5), "x"),    // 5 days
        };
        var svg = XDocument.Parse(SvgChart.Gantt("t", tasks, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Html).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = svg.Descendants(ns + "g").Where(g => g.Attribute("class")?.Value == "task")
            .Select(g => (Days: int.Parse(g.Attribute("data-days")!.Value, CultureInfo.InvariantCulture), Rect: g.Element(ns + "rect")!)).ToList();
        Assert.That(bars.Select(b => b.Days), Is.EqualTo(new[] { 10, 30, 5 }));
        double X(XElement r) => double.Parse(r.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        double W(XElement r) => double.Parse(r.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.That(bars.Select(b => X(b.Rect)), Is.Ordered.Ascending, "later starts further right");
        Assert.That(W(bars[1].Rect) / W(bars[0].Rect), Is.EqualTo(3.0).Within(0.01));
        Assert.That(W(bars[2].Rect) / W(bars[0].Rect), Is.EqualTo(0.5).Within(0.01));
        var scale = W(bars[0].Rect) / 10;
        Assert.That((X(bars[1].Rect) - X(bars[0].Rect)) / scale, Is.EqualTo(5).Within(0.01), "B starts 5 days after A");
    }

    [Test]
    public void The_timeline_page_lists_the_ten_immediate_tasks_by_start_date_with_a_gantt_chart()
    {
        using var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "timeline", "index.html")));
        var rows = doc.QuerySelectorAll("table.timeline tbody tr").ToList();
        var tasks = rows.Select(r => int.Parse(r.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.That(tasks, Is.EquivalentTo(Enumerable.Range(1, 10)), "the seed's ten immediate tasks");
        var starts = rows.Select(r => r.QuerySelector("time")!.GetAttribute("datetime")).ToList();
        Assert.That(starts, Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
        Assert.That(doc.QuerySelectorAll("svg.gantt g.task"), Has.Length.EqualTo(rows.Count));
        foreach (var link in doc.QuerySelectorAll("table.timeline a"))
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, "timeline", link.GetAttribute("href")!)));
    }

    [Category("Build")]
    [Test]
    public void Activities_are_linked_from_countries_and_found_by_search()
    {
        using var bolivia = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "countries", "bo", "index.html")));
        Assert.That(bolivia.QuerySelectorAll("section[aria-labelledby=country-activities] a").Length, Is.GreaterThan(5));
        using var engine = SearchEngine.Open(BuiltSite.Root);
        var hits = engine.Search(new SearchRequest("cibercafés incentivos", new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["activity"] })).Hits;
        Assert.That(hits.Select(h => h.Id), Does.Contain("activity/incentivos-cibercafes"));
    }
}
