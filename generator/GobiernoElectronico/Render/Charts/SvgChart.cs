using System.Globalization;
using System.Text;

namespace GobiernoElectronico.Render.Charts;

/// <summary>
/// Static SVG charts drawn at build time: no chart library in the browser. Every chart has
/// <c>role="img"</c>, a title and a description; every plotted value is in a <c>&lt;title&gt;</c> of its mark
/// (a tooltip, and text for assistive technology), and pages also give the data as a table.
/// Numbers are written with invariant culture and two decimals, so charts are stable byte for byte.
/// </summary>
public static class SvgChart
{
    /// <summary>One line of a line chart.</summary>
    public sealed record Series(string Label, IReadOnlyList<(int Year, double Value)> Points);

    /// <summary>One bar of a bar chart.</summary>
    public sealed record Bar(string Label, double Value, string Note);

    private static readonly string[] Colours = ["#0b5394", "#b45309", "#15803d", "#7e22ce"];

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value formatted for people, in the interface language.</summary>
    public delegate string Format(double value);

    /// <summary>A line chart of one or more series over years, y from 0 to a rounded maximum.</summary>
    public static RawHtml Line(string title, string unit, IReadOnlyList<Series> series, Format format)
    {
        const int width = 520, height = 220, left = 48, right = 16, top = 16, bottom = 36;
        var points = series.SelectMany(s => s.Points).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");
        if (points.Count == 0) return new RawHtml(sb.Append("</svg>").ToString());
        int minYear = points.Min(p => p.Year), maxYear = Math.Max(points.Max(p => p.Year), minYear + 1);
        var maxValue = NiceMaximum(points.Max(p => p.Value));
        double X(int year) => left + (year - minYear) * (width - left - right) / (double)(maxYear - minYear);
        double Y(double value) => top + (1 - value / maxValue) * (height - top - bottom);
        sb.Append("<g class=\"axes\" stroke=\"#8a94a3\" stroke-width=\"1\" fill=\"none\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{N(Y(0))}\" x2=\"{width - right}\" y2=\"{N(Y(0))}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{N(Y(0))}\"/>");
        sb.Append("</g><g class=\"labels\" font-size=\"11\" fill=\"#3b4452\">");
        foreach (var v in new[] { 0, maxValue / 2, maxValue })
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\">{Html.Encode(format(v))}</text>");
        foreach (var year in new[] { minYear, (minYear + maxYear) / 2, maxYear }.Distinct())
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(year))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{year}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 4}\">{Html.Encode(unit)}</text></g>");
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var s = series[i];
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-series=\"{Html.Encode(s.Label)}\">");
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', s.Points.Select(p => $"{N(X(p.Year))},{N(Y(p.Value))}"))}\"/>");
            foreach (var p in s.Points)
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(p.Year))}\" cy=\"{N(Y(p.Value))}\" r=\"2.5\" fill=\"{colour}\" data-year=\"{p.Year}\" data-value=\"{N(p.Value)}\"><title>{Html.Encode(s.Label)}, {p.Year}: {Html.Encode(format(p.Value))}</title></circle>");
            sb.Append("</g>");
        }
        if (series.Count > 1)
            for (var i = 0; i < series.Count; i++)
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" font-size=\"11\"><rect x=\"{left + 10 + i * 120}\" y=\"{top}\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/><text x=\"{left + 24 + i * 120}\" y=\"{top + 9}\" fill=\"#1b1f24\">{Html.Encode(series[i].Label)}</text></g>");
        return new RawHtml(sb.Append("</svg>").ToString());
    }

    /// <summary>Horizontal bars, largest first, each labelled with its value and note (e.g. the year).</summary>
    public static RawHtml Bars(string title, IReadOnlyList<Bar> bars, Format format)
    {
        const int width = 520, left = 150, right = 110, row = 22, top = 8;
        var height = top * 2 + Math.Max(1, bars.Count) * row;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");
        var max = NiceMaximum(bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var i = 0;
        foreach (var b in bars)
        {
            var y = top + i++ * row;
            var w = (width - left - right) * b.Value / max;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-label=\"{Html.Encode(b.Label)}\" data-value=\"{N(b.Value)}\">");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">{Html.Encode(b.Label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 4}\" width=\"{N(w)}\" height=\"{row - 8}\" fill=\"#0b5394\"><title>{Html.Encode(b.Label)}: {Html.Encode(format(b.Value))} ({Html.Encode(b.Note)})</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left + w + 6)}\" y=\"{y + 15}\" font-size=\"11\" fill=\"#3b4452\">{Html.Encode(format(b.Value))} ({Html.Encode(b.Note)})</text>");
            sb.Append("</g>");
        }
        return new RawHtml(sb.Append("</svg>").ToString());
    }

    /// <summary>One row of a Gantt chart.</summary>
    public sealed record Task(string Label, DateOnly Start, DateOnly End, string Note);

    /// <summary>
    /// A Gantt chart: one bar per task in the order given (by start date), its left edge at the start and its
    /// length proportional to the duration in days; year marks along the top.
    /// </summary>
    public static RawHtml Gantt(string title, IReadOnlyList<Task> tasks, Func<DateOnly, string> formatDate)
    {
        const int width = 640, left = 210, right = 12, row = 24, top = 24;
        var height = top + Math.Max(1, tasks.Count) * row + 8;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");
        if (tasks.Count == 0) return new RawHtml(sb.Append("</svg>").ToString());
        var first = tasks.Min(t => t.Start).DayNumber;
        var last = tasks.Max(t => t.End).DayNumber + 1;
        var scale = (width - left - right) / (double)Math.Max(1, last - first);
        double X(int day) => left + (day - first) * scale;
        sb.Append("<g class=\"years\" font-size=\"10\" fill=\"#3b4452\" stroke=\"#d5dae1\">");
        for (var year = DateOnly.FromDayNumber(first).Year + 1; new DateOnly(year, 1, 1).DayNumber < last; year++)
        {
            var x = X(new DateOnly(year, 1, 1).DayNumber);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{top - 6}\" x2=\"{N(x)}\" y2=\"{height - 4}\"/><text x=\"{N(x + 2)}\" y=\"{top - 10}\" stroke=\"none\">{year}</text>");
        }
        sb.Append("</g>");
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            var y = top + i * row;
            var days = t.End.DayNumber - t.Start.DayNumber + 1;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"task\" data-start=\"{t.Start:yyyy-MM-dd}\" data-end=\"{t.End:yyyy-MM-dd}\" data-days=\"{days}\">");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1f24\">{Html.Encode(Shorten(t.Label, 34))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(X(t.Start.DayNumber))}\" y=\"{y + 4}\" width=\"{N(days * scale)}\" height=\"{row - 8}\" rx=\"2\" fill=\"#0b5394\">");
            sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(t.Label)}: {Html.Encode(formatDate(t.Start))} – {Html.Encode(formatDate(t.End))} ({Html.Encode(t.Note)})</title></rect></g>");
        }
        return new RawHtml(sb.Append("</svg>").ToString());
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="value"/>.</summary>
    public static double NiceMaximum(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * power >= value) return step * power;
        return 10 * power;
    }
}
