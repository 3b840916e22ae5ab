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

    /// <summary>
    /// A line chart of one or more series over years, y from 0 to a rounded maximum, years marked at a round
    /// step. The window starts the year before the first non-zero value (a series that is zero from 1960 until
    /// the technology arrives would otherwise read as a flat line); the data table keeps the full range.
    /// </summary>
    public static RawHtml Line(string title, string unit, IReadOnlyList<Series> series, Format format)
    {
        const int width = 640, height = 240, left = 52, right = 16, top = 24, bottom = 28;
        var all = series.SelectMany(s => s.Points).ToList();
        var from = WindowStart(series);
        series = series.Select(s => s with { Points = s.Points.Where(p => p.Year >= from).ToList() }).ToList();
        var points = series.SelectMany(s => s.Points).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart line\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\" data-from=\"{from}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");
        if (points.Count == 0) return new RawHtml(sb.Append("</svg>").ToString());
        int minYear = points.Min(p => p.Year), maxYear = Math.Max(points.Max(p => p.Year), minYear + 1);
        var maxValue = NiceMaximum(points.Max(p => p.Value));
        double X(int year) => left + (year - minYear) * (width - left - right) / (double)(maxYear - minYear);
        double Y(double value) => top + (1 - value / maxValue) * (height - top - bottom);
        sb.Append("<g class=\"axes\" stroke=\"#8a94a3\" stroke-width=\"1\" fill=\"none\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{N(Y(0))}\" x2=\"{width - right}\" y2=\"{N(Y(0))}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{N(Y(0))}\"/>");
        sb.Append("</g><g class=\"grid\" stroke=\"#e6e9ee\" stroke-width=\"1\">");
        foreach (var v in new[] { maxValue / 4, maxValue / 2, maxValue * 3 / 4, maxValue })
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + 1}\" y1=\"{N(Y(v))}\" x2=\"{width - right}\" y2=\"{N(Y(v))}\"/>");
        sb.Append("</g><g class=\"labels\" font-size=\"12\" fill=\"#3b4452\">");
        // The unit above the value axis, where the eye starts.
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"unit\" x=\"{left - 6}\" y=\"{top - 10}\" text-anchor=\"start\">{Html.Encode(unit)}</text>");
        foreach (var v in new[] { 0, maxValue / 2, maxValue })
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\">{Html.Encode(format(v))}</text>");
        foreach (var year in YearTicks(minYear, maxYear))
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"year\" x=\"{N(X(year))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{year}</text>");
        sb.Append("</g>");
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
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" font-size=\"12\"><rect x=\"{left + 10 + i * 140}\" y=\"{top}\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/><text x=\"{left + 24 + i * 140}\" y=\"{top + 9}\" fill=\"#1b1f24\">{Html.Encode(series[i].Label)}</text></g>");
        return new RawHtml(sb.Append("</svg>").ToString());
    }

    /// <summary>The first year shown: the year before any series leaves zero (all years when none starts at zero).</summary>
    public static int WindowStart(IReadOnlyList<Series> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0) return 0;
        var firstYear = points.Min(p => p.Year);
        var firstNonZero = points.Where(p => p.Value > 0).Select(p => p.Year).DefaultIfEmpty(firstYear).Min();
        var before = points.Where(p => p.Year < firstNonZero).Select(p => p.Year).DefaultIfEmpty(firstNonZero).Max();
        return Math.Max(firstYear, before);
    }

    private static readonly int[] YearSteps = [1, 2, 5, 10, 20, 25, 50];

    /// <summary>Years marked on the axis: multiples of a round step (1, 2, 5, 10, 20, 25 or 50 years), four to eight of them.</summary>
    public static IReadOnlyList<int> YearTicks(int minYear, int maxYear)
    {
        var span = Math.Max(1, maxYear - minYear);
        var step = YearSteps.FirstOrDefault(s => span / s <= 7, 100);
        var first = (minYear + step - 1) / step * step;
        var ticks = new List<int>();
        for (var y = first; y <= maxYear; y += step) ticks.Add(y);
        if (ticks.Count == 0 || ticks[0] - minYear >= step / 2.0 && ticks[0] != minYear) ticks.Insert(0, minYear);
        return ticks;
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

    /// <summary>One row of a Gantt chart: <paramref name="Status"/> picks its colour, <paramref name="DependsOn"/>
    /// (indices of earlier rows) draws an arrow from the end of each to its start.</summary>
    public sealed record Task(string Label, DateOnly Start, DateOnly End, string Note, string Status = "", IReadOnlyList<int>? DependsOn = null);

    /// <summary>A status of the legend: its key (as in <see cref="Task.Status"/>) and its label.</summary>
    public sealed record StatusLabel(string Key, string Label);

    private static readonly Dictionary<string, string> StatusColours = new(StringComparer.Ordinal)
    {
        ["planned"] = "#8a94a3", ["ongoing"] = "#b45309", ["done"] = "#15803d", ["cancelled"] = "#b91c1c",
    };

    /// <summary>
    /// A Gantt chart: one bar per task in the order given (by start date), its left edge at the start and its
    /// length proportional to the duration in days, coloured by status (with a legend); labels wrap on two
    /// lines instead of being cut; year marks along the top; arrows from each task a task depends on.
    /// </summary>
    public static RawHtml Gantt(string title, IReadOnlyList<Task> tasks, Func<DateOnly, string> formatDate, IReadOnlyList<StatusLabel>? legend = null)
    {
        const int width = 760, left = 300, right = 16, row = 36, top = 30, lineChars = 44;
        var legendHeight = legend is { Count: > 0 } ? 24 : 0;
        var height = top + Math.Max(1, tasks.Count) * row + 8 + legendHeight;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");
        sb.Append("<defs><marker id=\"gantt-arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#3b4452\"/></marker></defs>");
        if (tasks.Count == 0) return new RawHtml(sb.Append("</svg>").ToString());
        var first = tasks.Min(t => t.Start).DayNumber;
        var last = tasks.Max(t => t.End).DayNumber + 1;
        var scale = (width - left - right) / (double)Math.Max(1, last - first);
        double X(int day) => left + (day - first) * scale;
        sb.Append("<g class=\"years\" font-size=\"12\" fill=\"#3b4452\" stroke=\"#d5dae1\">");
        for (var year = DateOnly.FromDayNumber(first).Year + 1; new DateOnly(year, 1, 1).DayNumber < last; year++)
        {
            var x = X(new DateOnly(year, 1, 1).DayNumber);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{top - 6}\" x2=\"{N(x)}\" y2=\"{top + tasks.Count * row}\"/><text x=\"{N(x + 3)}\" y=\"{top - 12}\" stroke=\"none\">{year}</text>");
        }
        sb.Append("</g>");
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            var y = top + i * row;
            var days = t.End.DayNumber - t.Start.DayNumber + 1;
            var colour = StatusColours.GetValueOrDefault(t.Status, "#0b5394");
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"task\" data-start=\"{t.Start:yyyy-MM-dd}\" data-end=\"{t.End:yyyy-MM-dd}\" data-days=\"{days}\" data-status=\"{Html.Encode(t.Status)}\">");
            var lines = Wrap(t.Label, lineChars, 2);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + (lines.Count == 1 ? 22 : 15)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">");
            for (var l = 0; l < lines.Count; l++)
                sb.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{left - 8}\" dy=\"{(l == 0 ? 0 : 14)}\">{Html.Encode(lines[l])}</tspan>");
            sb.Append("</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(X(t.Start.DayNumber))}\" y=\"{y + 9}\" width=\"{N(days * scale)}\" height=\"{row - 18}\" rx=\"2\" fill=\"{colour}\">");
            sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(t.Label)}: {Html.Encode(formatDate(t.Start))} – {Html.Encode(formatDate(t.End))} ({Html.Encode(t.Note)})</title></rect></g>");
        }
        sb.Append("<g class=\"dependencies\" fill=\"none\" stroke=\"#3b4452\" stroke-width=\"1.2\">");
        for (var i = 0; i < tasks.Count; i++)
            foreach (var d in tasks[i].DependsOn ?? [])
            {
                if (d < 0 || d >= tasks.Count || d == i) continue;
                var fromX = X(tasks[d].End.DayNumber + 1);
                var fromY = top + d * row + row / 2.0;
                var toX = X(tasks[i].Start.DayNumber);
                var toY = top + i * row + (d < i ? 9 : row - 9);
                var midX = fromX + 6;
                sb.Append(CultureInfo.InvariantCulture, $"<path data-from=\"{d}\" data-to=\"{i}\" d=\"M{N(fromX)},{N(fromY)} H{N(midX)} V{N(toY - (d < i ? 4 : -4))} L{N(Math.Max(toX, midX) + 0.01)},{N(toY)}\" marker-end=\"url(#gantt-arrow)\"/>");
            }
        sb.Append("</g>");
        if (legend is { Count: > 0 })
        {
            var ly = top + tasks.Count * row + 14;
            sb.Append("<g class=\"legend\" font-size=\"12\" fill=\"#1b1f24\">");
            var x = (double)left;
            foreach (var item in legend)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{ly - 9}\" width=\"12\" height=\"10\" fill=\"{StatusColours.GetValueOrDefault(item.Key, "#0b5394")}\"/><text x=\"{N(x + 16)}\" y=\"{ly}\">{Html.Encode(item.Label)}</text>");
                x += 24 + item.Label.Length * 7;
            }
            sb.Append("</g>");
        }
        return new RawHtml(sb.Append("</svg>").ToString());
    }

    /// <summary>Text on at most <paramref name="maxLines"/> lines of <paramref name="width"/> characters, broken at spaces; the last line ends in … only when text is left over.</summary>
    public static List<string> Wrap(string text, int width, int maxLines)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        for (; i < words.Length; i++)
        {
            var w = words[i];
            if (current.Length > 0 && current.Length + 1 + w.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
                if (lines.Count == maxLines) break;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(w);
        }
        if (lines.Count < maxLines && current.Length > 0) { lines.Add(current.ToString()); current.Clear(); }
        if (i < words.Length || current.Length > 0) lines[^1] = Shorten(lines[^1] + " " + string.Join(' ', words.Skip(i)), width);
        return lines;
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
