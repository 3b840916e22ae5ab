using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CsvHelper;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>Telecentres and workshops: validation, pages, links both ways, search and open data.</summary>
public class ProgrammeTypesTests
{
    private static List<string> Check(string folder, string slug, string yaml)
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        dir.Write($"content/{folder}/{slug}.md", "---\n" + yaml + "\n---\n");
        var bag = new DiagnosticBag();
        global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(dir["content"]), bag);
        return bag.Sorted().Select(d => $"{Path.GetFileName(d.Path)}({d.Position.Line},{d.Position.Column}) {d.Code}: {d.Message}").ToList();
    }

    private const string Telecentre = "name: T\ncountry: BO\nkind: library\nownership: public\nyear: 2020\nsource: {title: S}\nsummary: S";

    private const string Workshop = "title: W\nscope: local\ndate: 2001-10-01\nplace: La Paz\ncountry: BO\nsummary: S";

    [Test]
    public void Valid_entries_pass()
    {
        Assert.That(Check("telecentres", "t", Telecentre), Is.Empty);
        Assert.That(Check("workshops", "w", Workshop), Is.Empty);
    }

    [Test]
    public void Problems_are_reported_at_their_place()
    {
        Assert.That(Check("telecentres", "t", Telecentre.Replace("kind: library", "kind: libary") + "\noperator: nobody\nsites: 0"), Is.EquivalentTo(new[]
        {
            "t.md(4,7) GE0104: 'libary' is not allowed for 'kind'; did you mean 'library'? (allowed: library, school, hospital, municipal-building, post-office, cybercafe, community-centre, other)",
            "t.md(10,8) GE0105: 'sites' must be from 1 to 1000000, not 0",
        }), "a document with schema errors is not cross-checked");
        Assert.That(Check("telecentres", "t", Telecentre + "\noperator: nobody"),
            Is.EqualTo(new[] { "t.md(9,11) GE0208: no organisation 'nobody' (content/organisations/nobody.md)" }));
        Assert.That(Check("workshops", "w", Workshop + "\nend_date: 2001-09-30"),
            Is.EqualTo(new[] { "w.md(8,11) GE0105: 'end_date' (2001-09-30) is before 'date' (2001-10-01)" }));
        Assert.That(Check("workshops", "w", Workshop.Replace("country: BO", "country: AR")).Single(), Does.StartWith("w.md(6,10) GE0203"));
    }

    [Test]
    public void Pages_link_both_ways_and_search_finds_them()
    {
        var parser = new HtmlParser();
        using var practice = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "infocentros-venezuela", "index.html")));
        Assert.That(practice.QuerySelectorAll("section[aria-labelledby=supporters] a").Select(a => a.GetAttribute("href")),
            Does.Contain("../../telecentres/infocentros/index.html"));
        using var telecentre = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "telecentres", "infocentros", "index.html")));
        Assert.That(telecentre.QuerySelectorAll("a").Select(a => a.GetAttribute("href")),
            Does.Contain("../../practices/infocentros-venezuela/index.html").And.Contain("../../organisations/fundacion-infocentro/index.html").And.Contain("../../countries/ve/index.html"));
        using var venezuela = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "countries", "ve", "index.html")));
        Assert.That(venezuela.QuerySelectorAll("section[aria-labelledby=country-telecentres] a").Select(a => a.GetAttribute("href")),
            Does.Contain("../../telecentres/infocentros/index.html").And.Contain("../../workshops/taller-isla-de-margarita-2000/index.html"));
        using var activity = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "timeline", "cronograma-de-actividades", "index.html")));
        Assert.That(activity.QuerySelectorAll("section[aria-labelledby=activity-workshops] a"), Has.Length.EqualTo(1));

        using var engine = SearchEngine.Open(BuiltSite.Root);
        Assert.That(engine.Search(new SearchRequest("Margarita taller", new Dictionary<string, IReadOnlyList<string>>())).Hits.Select(h => h.Id),
            Does.Contain("workshop/taller-isla-de-margarita-2000"));
        Assert.That(engine.Search(new SearchRequest("biblioteca", new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["telecentre"] })).Hits.Select(h => h.Id),
            Does.Contain("telecentre/farois-do-saber"));
    }

    [Test]
    public void Telecentres_and_activities_round_trip_as_open_data()
    {
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), new DiagnosticBag())!;
        using (var reader = new StreamReader(Path.Combine(BuiltSite.Root, "data", "telecentres.csv")))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
            Assert.That(rows.Select(r => (string)r["slug"]), Is.EqualTo(content.Telecentres.Select(t => t.Slug)));
            foreach (var (row, t) in rows.Zip(content.Telecentres))
            {
                Assert.That((string)row["kind"], Is.EqualTo(t.Kind));
                Assert.That((string)row["source_url"], Is.EqualTo(t.Source.Url ?? ""));
                Assert.That(int.Parse((string)row["year"], CultureInfo.InvariantCulture), Is.EqualTo(t.Year));
            }
        }
        using var activities = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltSite.Root, "data", "activities.json")));
        var json = activities.RootElement.EnumerateArray().ToList();
        Assert.That(json.Select(a => a.GetProperty("slug").GetString()), Is.EqualTo(content.Activities.Select(a => a.Slug)));
        foreach (var (row, a) in json.Zip(content.Activities))
        {
            Assert.That(row.GetProperty("start").GetString(), Is.EqualTo(a.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            Assert.That(row.GetProperty("responsible").GetString(), Is.EqualTo(a.Responsible));
            Assert.That(row.GetProperty("task").GetInt32(), Is.EqualTo(a.Task));
        }
    }
}
