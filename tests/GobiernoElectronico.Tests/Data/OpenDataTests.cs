using System.Globalization;
using System.Text.Json;
using CsvHelper;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>Reading the exports gives back the content's values.</summary>
public class OpenDataTests
{
    private static List<Dictionary<string, string>> ReadCsv(string name)
    {
        using var reader = new StreamReader(Path.Combine(BuiltSite.Root, "data", name));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        return rows;
    }

    [Test]
    public void Indicators_round_trip_through_csv_and_json()
    {
        var series = IndicatorData.Load(Repo.Content, new DiagnosticBag())!;
        var expected = series.SelectMany(s => s.Points.Select(p => (s.Country, s.Id, p.Year, p.Value, s.Unit, s.Source))).OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        Assert.That(expected, Has.Count.GreaterThan(5000));

        var csv = ReadCsv("indicators.csv").Select(r => (r["country"], r["indicator"], int.Parse(r["year"], CultureInfo.InvariantCulture),
            double.Parse(r["value"], CultureInfo.InvariantCulture), r["unit"], r["source"])).OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        Assert.That(csv, Is.EqualTo(expected));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltSite.Root, "data", "indicators.json")));
        var fromJson = json.RootElement.EnumerateArray().Select(r => (r.GetProperty("country").GetString()!, r.GetProperty("indicator").GetString()!,
            r.GetProperty("year").GetInt32(), r.GetProperty("value").GetDouble(), r.GetProperty("unit").GetString()!, r.GetProperty("source").GetString()!))
            .OrderBy(x => x.ToString(), StringComparer.Ordinal).ToList();
        Assert.That(fromJson, Is.EqualTo(expected));
    }

    [Test]
    public void Practices_and_countries_round_trip()
    {
        var bag = new DiagnosticBag();
        var content = global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(Repo.Content), bag)!;
        var practices = ReadCsv("practices.csv");
        Assert.That(practices.Select(p => p["slug"]), Is.EqualTo(content.Practices.Select(p => p.Slug)));
        foreach (var (row, p) in practices.Zip(content.Practices))
        {
            Assert.That(row["title"], Is.EqualTo(p.Title));
            Assert.That(row["summary"], Is.EqualTo(p.Summary));
            Assert.That(row["sectors"].Split(';'), Is.EqualTo(p.Sectors));
            Assert.That(int.Parse(row["year_started"], CultureInfo.InvariantCulture), Is.EqualTo(p.YearStarted));
            Assert.That(File.Exists(Path.Combine(BuiltSite.Root, row["url"])));
        }
        using var countries = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltSite.Root, "data", "countries.json")));
        var byCode = countries.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        foreach (var c in content.Countries)
        {
            Assert.That(byCode[c.Code].GetProperty("name_es").GetString(), Is.EqualTo(c.Names["es"]));
            Assert.That(byCode[c.Code].GetProperty("services").GetString(), Is.EqualTo(c.Pillars[2].Level));
        }
    }

    [Test]
    public void Bad_rows_in_the_indicator_file_are_reported_at_their_place()
    {
        using var dir = new TempDir();
        dir.Write("data/indicators.csv", "iso2,indicator,name,unit,year,value,source\nBO,internet_users,X,%,20x3,1.5,S\nXX,internet_users,X,%,2003,1.5,S\n\"PE\",internet_users,\"A, b\",%,2003,1;5,S\nBO,internet_users,X,%,2003,2,S\nBO,internet_users,X,%,2003,3,S\n");
        var bag = new DiagnosticBag();
        Assert.That(IndicatorData.Load(dir.Path, bag), Is.Null);
        Assert.That(bag.Sorted().Select(d => $"({d.Position.Line},{d.Position.Column}) {d.Code}"), Is.EqualTo(new[]
        {
            "(2,23) GE0102", "(3,1) GE0201", "(4,35) GE0102", "(6,23) GE0105",
        }));
    }
}
