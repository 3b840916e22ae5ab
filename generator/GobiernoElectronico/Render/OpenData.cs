using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>
/// The programme's open data: CSV and JSON of countries, indicators (long format) and practices under
/// <c>data/</c> in the site, written from the same validated content as the pages. Numbers are written as
/// round-trip values, so reading the files gives back exactly the content's values.
/// </summary>
public static class OpenData
{
    public static readonly IReadOnlyList<string> Files =
        ["data/countries.csv", "data/countries.json", "data/indicators.csv", "data/indicators.json", "data/practices.csv", "data/practices.json",
         "data/activities.csv", "data/activities.json", "data/telecentres.csv", "data/telecentres.json"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<OutputFile> For(ContentSet content)
    {
        var countries = content.Countries.Select(c => new Dictionary<string, object?>
        {
            ["code"] = c.Code, ["name_es"] = c.Names.GetValueOrDefault("es"), ["name_pt"] = c.Names.GetValueOrDefault("pt"), ["name_en"] = c.Names.GetValueOrDefault("en"),
            ["committee_role"] = c.CommitteeRole, ["assessment_date"] = c.AssessmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["infrastructure"] = c.Pillars[0].Level, ["systems"] = c.Pillars[1].Level, ["services"] = c.Pillars[2].Level,
            ["illustrative"] = c.Illustrative, ["url"] = SitePaths.Country(c.Slug),
        }).ToList();
        var indicators = content.Series.SelectMany(s => s.Points.Select(p => new Dictionary<string, object?>
        {
            ["country"] = s.Country, ["indicator"] = s.Id, ["name"] = s.Name, ["year"] = p.Year, ["value"] = p.Value, ["unit"] = s.Unit, ["source"] = s.Source,
        })).ToList();
        var practices = content.Practices.Select(p => new Dictionary<string, object?>
        {
            ["slug"] = p.Slug, ["title"] = p.Title, ["country"] = p.Country, ["government_level"] = p.GovernmentLevel,
            ["relation"] = string.Join(';', p.Relations), ["pillars"] = string.Join(';', p.Pillars), ["sectors"] = string.Join(';', p.Sectors),
            ["year_started"] = p.YearStarted, ["status"] = p.Status, ["replicability"] = p.Replicability, ["language"] = p.Language,
            ["summary"] = p.Summary, ["illustrative"] = p.Illustrative, ["url"] = SitePaths.Practice(p.Slug),
        }).ToList();
        var activities = content.Activities.Select(a => new Dictionary<string, object?>
        {
            ["slug"] = a.Slug, ["task"] = a.Task, ["title"] = a.Title, ["scope"] = a.Scope, ["infrastructure"] = a.Infrastructure,
            ["financing"] = a.Financing, ["responsible"] = a.Responsible,
            ["start"] = a.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["end"] = a.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = a.Status, ["depends_on"] = string.Join(';', a.DependsOn), ["countries"] = string.Join(';', a.Countries),
            ["illustrative"] = a.Illustrative, ["url"] = SitePaths.Activity(a.Slug),
        }).ToList();
        var telecentres = content.Telecentres.Select(t => new Dictionary<string, object?>
        {
            ["slug"] = t.Slug, ["name"] = t.Name, ["country"] = t.Country, ["kind"] = t.Kind, ["ownership"] = t.Ownership, ["sites"] = t.Sites,
            ["place"] = t.Place, ["incentives"] = string.Join(';', t.Incentives), ["services"] = string.Join(';', t.Services),
            ["operator"] = t.Operator, ["year"] = t.Year, ["source"] = t.Source.Title, ["source_url"] = t.Source.Url,
            ["illustrative"] = t.Illustrative, ["url"] = SitePaths.Telecentre(t.Slug),
        }).ToList();
        foreach (var (name, rows) in new[] { ("countries", countries), ("indicators", indicators), ("practices", practices), ("activities", activities), ("telecentres", telecentres) })
        {
            yield return new OutputFile($"data/{name}.csv", Csv(rows));
            yield return new OutputFile($"data/{name}.json", JsonFile(rows));
        }
    }

    /// <summary>The rows as indented JSON and a line end, written as UTF-8 bytes at once (at 20,000 practices the file is
    /// 15 MB: as a string, then a string with the line end, then bytes, it held four times that), in chunks
    /// (<see cref="ChunkedBytes"/>).</summary>
    private static byte[] JsonFile(List<Dictionary<string, object?>> rows)
    {
        var bytes = new ChunkedBytes();
        using (var writer = new Utf8JsonWriter(bytes, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder }))
            JsonSerializer.Serialize(writer, rows, Json);
        bytes.Write("\n"u8);
        return bytes.ToArray();
    }

    private static byte[] Csv(List<Dictionary<string, object?>> rows)
    {
        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" })
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            if (rows.Count > 0)
            {
                foreach (var key in rows[0].Keys) csv.WriteField(key);
                csv.NextRecord();
            }
            foreach (var row in rows)
            {
                foreach (var value in row.Values)
                    csv.WriteField(value switch
                    {
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        int i => i.ToString(CultureInfo.InvariantCulture),
                        bool b => b ? "true" : "false",
                        null => "",
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                    });
                csv.NextRecord();
            }
        }
        return bytes.ToArray();
    }
}
