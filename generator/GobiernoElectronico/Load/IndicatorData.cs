using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Load;

/// <summary>
/// <c>content/data/indicators.csv</c>: sourced indicator series in long format
/// (iso2, indicator, name, unit, year, value, source), read with CsvHelper. Every row is checked; a problem
/// is reported at the line and column of the offending field.
/// </summary>
public static class IndicatorData
{
    public const string File = "data/indicators.csv";

    private static readonly string[] Columns = ["iso2", "indicator", "name", "unit", "year", "value", "source"];

    /// <summary>The series of the content tree (none when the file is absent); null when it has errors (reported).</summary>
    public static IReadOnlyList<IndicatorSeries>? Load(string contentRoot, DiagnosticBag diagnostics)
    {
        var file = Path.Combine(contentRoot, File);
        if (!System.IO.File.Exists(file)) return [];
        var path = ContentLoader.DisplayPath(file);
        if (!ContentTree.IsRegular(new FileInfo(file)) || new DirectoryInfo(Path.Combine(contentRoot, "data")).LinkTarget is not null)
            return null; // a link: reported by the loader (GE0006)
        if (TextFile.Read(file, path, diagnostics, TextFile.MaxDataBytes) is not { } text) return null;
        var errors = new DiagnosticBag();
        var rows = new List<(string Iso2, string Id, string Name, string Unit, int Year, double Value, string Source, int Line)>();
        try
        {
            Parse(text, path, errors, rows);
        }
        catch (CsvHelperException e)
        {
            var at = e.Context?.Parser is { } p ? new SourcePosition(Math.Max(1, p.Row), 1) : SourcePosition.FileStart;
            errors.Error(path, at, ErrorCodes.WrongType, "malformed CSV: " + FirstLine(e.Message) + " (a quote inside a field must be doubled: \"\")");
        }
        foreach (var d in errors.Sorted()) diagnostics.Add(d);
        if (errors.HasErrors) return null;
        return Series(rows);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static void Parse(string text, string path, DiagnosticBag errors,
        List<(string Iso2, string Id, string Name, string Unit, int Year, double Value, string Source, int Line)> rows)
    {
        var diagnostics = errors;
        using (var reader = new StringReader(text))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false }))
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.SequenceEqual(Columns))
            {
                diagnostics.Error(path, SourcePosition.FileStart, ErrorCodes.WrongType, $"the first line must be the header {string.Join(',', Columns)}");
                return;
            }
            var seen = new Dictionary<(string, string, int), int>();
            while (csv.Read())
            {
                var line = csv.Parser.Row;
                var raw = csv.Parser.RawRecord;
                SourcePosition At(int field) => new(line, ColumnOf(raw, field));
                var f = Enumerable.Range(0, Columns.Length).Select(i => csv.TryGetField<string>(i, out var v) ? v ?? "" : "").ToArray();
                var ok = true;
                for (var i = 0; i < Columns.Length; i++)
                    if (f[i].Trim().Length == 0 && Columns[i] != "unit") { errors.Error(path, At(i), ErrorCodes.MissingField, $"'{Columns[i]}' is empty"); ok = false; }
                if (!ok) continue;
                if (!CountryCodes.IsValid(f[0]) || !f[0].All(char.IsUpper))
                { errors.Error(path, At(0), ErrorCodes.UnknownCountryCode, $"'{f[0]}' is not an upper-case ISO 3166-1 alpha-2 code"); continue; }
                if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100)
                { errors.Error(path, At(4), ErrorCodes.WrongType, $"'year' must be a year, not '{f[4]}'"); continue; }
                if (!double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                { errors.Error(path, At(5), ErrorCodes.WrongType, $"'value' must be a number with '.' for decimals, not '{f[5]}'"); continue; }
                if (seen.TryGetValue((f[0], f[1], year), out var first))
                { errors.Error(path, At(4), ErrorCodes.ValueOutOfRange, $"{f[0]} {f[1]} {year} is already given on line {first}"); continue; }
                seen[(f[0], f[1], year)] = line;
                rows.Add((f[0], f[1], f[2], f[3], year, value, f[6], line));
            }
        }
    }

    private static List<IndicatorSeries> Series(
        List<(string Iso2, string Id, string Name, string Unit, int Year, double Value, string Source, int Line)> rows) =>
        rows.GroupBy(r => (r.Iso2, r.Id))
            .Select(g => new IndicatorSeries(g.Key.Iso2, g.Key.Id, g.First().Name, g.First().Unit, g.First().Source,
                g.OrderBy(r => r.Year).Select(r => new DataPoint(r.Year, r.Value)).ToList()))
            .OrderBy(s => s.Country, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>The 1-based character column where field <paramref name="index"/> starts in a raw CSV line.</summary>
    private static int ColumnOf(string raw, int index)
    {
        var field = 0;
        var quoted = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (field == index) return i + 1;
            var c = raw[i];
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) field++;
        }
        return field == index ? raw.Length + 1 : 1;
    }
}
