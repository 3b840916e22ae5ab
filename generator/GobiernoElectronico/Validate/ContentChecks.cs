using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Validate;

/// <summary>What checks across documents need to know besides the documents: media files and today's date.</summary>
public sealed record ValidationContext(IReadOnlyCollection<string> Media, DateOnly Today)
{
    public static ValidationContext Default => new([], DateOnly.FromDateTime(DateTime.Today));

    /// <summary>Sourced indicator series (content/data/indicators.csv), already checked.</summary>
    public IReadOnlyList<IndicatorSeries> Series { get; init; } = [];

    /// <summary>Content paths of drafts checked as if published (links, dates, placeholders, figures): <c>ge import</c>
    /// checks a questionnaire's files as the committee will find them when it removes <c>draft: true</c>.</summary>
    public IReadOnlySet<string> CheckedAsPublished { get; init; } = new HashSet<string>();

    /// <summary>The bodies a last <c>ge build</c> found within the Markdown limits (its cache on disk), not parsed again to
    /// check them; null to check every body.</summary>
    public CheckedMarkdown? CheckedBodies { get; init; }
}

/// <summary>
/// Checks that look at the content as a whole: links between documents and to media files, editors'
/// see_also references, and dates in the future. Run by the validate stage, so <c>build</c> and
/// <c>check</c> report the same problems at the same positions.
/// </summary>
internal static class ContentChecks
{
    /// <summary>A document after schema validation: its source, checked fields and model.</summary>
    internal sealed record Entry(SourceDocument Source, CheckedObject Fields, object Model, bool Draft);

    /// <param name="broken">Content paths of the files that have errors of their own and are therefore not
    /// published: a reference to one names that as the cause, not a missing file.</param>
    /// <param name="cache">Problems of a document checked before against the same set of documents are taken from it.</param>
    /// <returns>The namespace the documents were checked against, with a cache; else empty.</returns>
    public static string Run(IReadOnlyList<Entry> entries, ValidationContext context, DiagnosticBag diagnostics, IReadOnlySet<string>? broken = null,
        ValidationCache? cache = null)
    {
        broken ??= new HashSet<string>(StringComparer.Ordinal);
        var space = "";
        Lookups? kept = null;
        if (cache is not null)
        {
            var rest = Rest(context, broken);
            space = cache.Namespace(entries, rest, Line, () => Hashing.ContentHash.Of(string.Concat(entries.Select(Line)) + rest));
            kept = cache.Lookups(space);
        }
        // Made only when a document is checked (in a quick build after an edit, when the namespace moved): at 20,000
        // documents, tens of milliseconds.
        var lookups = new Lazy<Lookups>(() => kept ?? Lookups.Of(entries, context));
        Parallel.ForEach(entries.Where(e => !e.Draft || context.CheckedAsPublished.Contains(e.Source.ContentPath)), entry =>
        {
            // A country's figures are checked against the indicator data, which the namespace does not cover.
            var cacheable = cache is not null && entry.Model is not CountryAssessment;
            if (cacheable && cache!.Checked(entry.Source, space) is { } problems)
            {
                foreach (var d in problems) diagnostics.Add(d);
                return;
            }
            var local = cacheable ? new DiagnosticBag() : diagnostics;
            Check(entry, context, local, lookups.Value, broken);
            if (!cacheable) return;
            problems = local.Sorted();
            foreach (var d in problems) diagnostics.Add(d);
            cache!.KeepChecked(entry.Source, space, problems);
        });
        if (cache is not null && kept is null && lookups.IsValueCreated) cache.KeepLookups(space, lookups.Value);
        return space;
    }

    /// <summary>The cross-document problems of one document, against the <paramref name="lookups"/> of the namespace
    /// it is part of (an edited document whose line is unchanged: <see cref="ValidationPatch"/>).</summary>
    internal static IReadOnlyList<Diagnostic> CheckOne(Entry entry, ValidationContext context, Lookups lookups, IReadOnlySet<string> broken)
    {
        var problems = new DiagnosticBag();
        Check(entry, context, problems, lookups, broken);
        return problems.Sorted();
    }

    /// <summary>What the checks of a document look up in the others. Everything in it is a function of the namespace
    /// (paths, drafts, slugs, languages, media), so a builder keeps it while the namespace is the same.</summary>
    internal sealed record Lookups(HashSet<string> Published, HashSet<string> Drafts, HashSet<string> Media,
        ILookup<string, Entry> Practices, ILookup<string, Entry> Organisations, ILookup<string, Entry> Activities)
    {
        public static Lookups Of(IReadOnlyList<Entry> entries, ValidationContext context) => new(
            entries.Where(e => !e.Draft).Select(e => e.Source.ContentPath).ToHashSet(StringComparer.Ordinal),
            entries.Where(e => e.Draft).Select(e => e.Source.ContentPath).ToHashSet(StringComparer.Ordinal),
            context.Media.ToHashSet(StringComparer.Ordinal),
            entries.Where(e => e.Model is Practice).ToLookup(e => ((Practice)e.Model).Slug, StringComparer.Ordinal),
            entries.Where(e => e.Model is Organisation).ToLookup(e => ((Organisation)e.Model).Slug, StringComparer.Ordinal),
            entries.Where(e => e.Model is Activity).ToLookup(e => ((Activity)e.Model).Slug, StringComparer.Ordinal));
    }

    /// <summary>One document's part of the namespace: what the checks of the others read of it.</summary>
    internal static string Line(Entry e)
    {
        var (slug, language) = e.Model switch
        {
            Practice p => (p.Slug, p.Language),
            Organisation o => (o.Slug, ""),
            Activity a => (a.Slug, ""),
            _ => ("", ""),
        };
        return $"{e.Source.ContentPath}|{(e.Draft ? 'd' : 'p')}|{slug}|{language}\n";
    }

    /// <summary>The namespace's part that is not a document: today, the files with errors, the media, the drafts checked as published.</summary>
    private static string Rest(ValidationContext context, IReadOnlySet<string> broken)
    {
        var text = new System.Text.StringBuilder();
        text.Append(context.Today.DayNumber).Append('\n');
        foreach (var b in broken.Order(StringComparer.Ordinal)) text.Append("broken|").Append(b).Append('\n');
        foreach (var m in context.Media.Order(StringComparer.Ordinal)) text.Append("media|").Append(m).Append('\n');
        foreach (var c in context.CheckedAsPublished.Order(StringComparer.Ordinal)) text.Append("as-published|").Append(c).Append('\n');
        return text.ToString();
    }

    private static void Check(Entry entry, ValidationContext context, DiagnosticBag diagnostics, Lookups lookups, IReadOnlySet<string> broken)
    {
        var (published, drafts, media, practices, organisations, activities) = lookups;
        {
            foreach (var (markdown, line, column) in MarkdownOf(entry))
                CheckLinks(entry.Source, context.CheckedBodies?.Links(markdown) ?? MarkdownLink.Of(markdown.Text), line, column, published, drafts, broken, media, diagnostics);
            CheckReferenceUrls(entry, published, drafts, broken, media, diagnostics);
            CheckDates(entry, context.Today, diagnostics);
            CheckPlaceholders(entry, diagnostics);
            if (entry.Model is CountryAssessment country) CheckIndicators(entry, country, context, diagnostics);
            var practiceField = entry.Model switch { Practice => "see_also", Organisation => "supports", DirectoryEntry => "initiatives", _ => null };
            if (practiceField is not null && entry.Fields.Fields.TryGetValue(practiceField, out var refs))
                foreach (var item in (IReadOnlyList<Checked>)refs.Value)
                    CheckReference(entry, item, practices, "practice", "practices", broken, diagnostics);
            if (entry.Model is Practice self && entry.Fields.Fields.TryGetValue("translations", out var translations))
                foreach (var item in (IReadOnlyList<Checked>)translations.Value)
                {
                    CheckReference(entry, item, practices, "practice", "practices", broken, diagnostics);
                    if (practices[(string)item.Value].FirstOrDefault()?.Model is Practice other && other.Language == self.Language)
                        diagnostics.Error(entry.Source.Path, item.Position, ErrorCodes.ValueOutOfRange,
                            $"'{other.Slug}' is also in '{self.Language}'; a translation is the same case study in another language");
                }
            var organisationField = entry.Model switch { DirectoryEntry => "organisation", Telecentre => "operator", _ => null };
            if (organisationField is not null && entry.Fields.Fields.TryGetValue(organisationField, out var organisation))
                CheckReference(entry, organisation, organisations, "organisation", "organisations", broken, diagnostics);
            if (entry.Model is Telecentre && entry.Fields.Fields.TryGetValue("practice", out var documented))
                CheckReference(entry, documented, practices, "practice", "practices", broken, diagnostics);
            if (entry.Model is Workshop && entry.Fields.Fields.TryGetValue("organisers", out var organisers))
                foreach (var item in (IReadOnlyList<Checked>)organisers.Value)
                    CheckReference(entry, item, organisations, "organisation", "organisations", broken, diagnostics);
            if (entry.Model is Workshop && entry.Fields.Fields.TryGetValue("activity", out var activity))
                CheckReference(entry, activity, activities, "activity", "activities", broken, diagnostics);
        }
    }

    /// <summary>A slug in <paramref name="item"/> must name a published document of the kind looked up.</summary>
    private static void CheckReference(Entry entry, Checked item, ILookup<string, Entry> documents, string kind, string folder,
        IReadOnlySet<string> broken, DiagnosticBag diagnostics)
    {
        var slug = (string)item.Value;
        var target = documents[slug].FirstOrDefault();
        if (target is null && broken.Contains($"{folder}/{slug}.md"))
            diagnostics.Error(entry.Source.Path, item.Position, ErrorCodes.UnknownReference,
                $"{kind} '{slug}' is not published because content/{folder}/{slug}.md has errors of its own; fix those first");
        else if (target is null)
            diagnostics.Error(entry.Source.Path, item.Position, ErrorCodes.UnknownReference,
                $"no {kind} '{slug}' (content/{folder}/{slug}.md){Suggestions.DidYouMean(slug, documents.Select(p => p.Key))}");
        else if (target.Draft)
            diagnostics.Error(entry.Source.Path, item.Position, ErrorCodes.UnknownReference, $"{kind} '{slug}' is a draft; it is not published");
    }

    /// <summary>The Markdown texts of a document with the file line and column where each starts.</summary>
    private static IEnumerable<(MarkdownText Markdown, int Line, int Column)> MarkdownOf(Entry entry)
    {
        var source = entry.Source;
        if (source.Kind != ContentKind.Site) yield return (source.Body, source.BodyFirstLine, 1);
        if (entry.Model is CountryAssessment && entry.Fields.Has("pillars"))
        {
            var pillars = entry.Fields.Mapping("pillars");
            foreach (var pillar in Schema.Vocabulary.Pillars.Where(pillars.Has))
            {
                var p = pillars.Mapping(pillar);
                if (p.Has("narrative")) yield return Scalar(source, p.Text("narrative"), p.PositionOf("narrative"));
            }
        }
        if (entry.Model is SiteConfig && entry.Fields.Has("programme"))
            yield return Scalar(source, entry.Fields.Text("programme"), entry.Fields.PositionOf("programme"));
    }

    /// <summary>Where the text of a YAML scalar starts: the next line, indented, for a block scalar (| or >).</summary>
    private static (MarkdownText, int, int) Scalar(SourceDocument source, string text, SourcePosition at)
    {
        var lines = source.Head.Text.Split('\n'); // a scalar of the front matter: in the text before the body
        var line = at.Line - 1 < lines.Length ? lines[at.Line - 1] : "";
        var isBlock = at.Column - 1 < line.Length && line[at.Column - 1] is '|' or '>';
        if (!isBlock) return (text, at.Line, at.Column + (at.Column - 1 < line.Length && line[at.Column - 1] is '"' or '\'' ? 1 : 0));
        var next = at.Line < lines.Length ? lines[at.Line] : "";
        return (text, at.Line + 1, next.Length - next.TrimStart(' ').Length + 1);
    }

    /// <summary>
    /// A published document that still holds a text <c>ge new</c> wrote for the editor to replace (a warning:
    /// the site builds, but a reader would see «Resumen pendiente.»).
    /// </summary>
    private static void CheckPlaceholders(Entry entry, DiagnosticBag diagnostics)
    {
        if (entry.Source.FrontMatter is { } front) Walk(front);
        if (!entry.Source.BodyMayHoldPlaceholder) return;
        var lines = entry.Source.Body.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (Placeholders.IsBodyLine(lines[i]))
                diagnostics.Warning(entry.Source.Path, new SourcePosition(entry.Source.BodyFirstLine + i, 1), ErrorCodes.PlaceholderText,
                    $"'{lines[i].Trim()}' is a placeholder 'ge new' wrote; write the text, or put back 'draft: true' until it is ready");

        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlScalar scalar when Placeholders.IsValue(scalar.Value):
                    diagnostics.Warning(entry.Source.Path, scalar.Position, ErrorCodes.PlaceholderText,
                        $"'{scalar.Value.Trim()}' is a placeholder 'ge new' wrote; write the real value, or put back 'draft: true' until it is ready");
                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items) Walk(item);
                    break;
                case YamlMapping mapping:
                    foreach (var pair in mapping.Entries) Walk(pair.Value);
                    break;
            }
        }
    }

    private static void CheckLinks(SourceDocument source, MarkdownLink[] links, int firstLine, int firstColumn,
        HashSet<string> published, HashSet<string> drafts, IReadOnlySet<string> broken, HashSet<string> media, DiagnosticBag diagnostics)
    {
        foreach (var link in links)
        {
            var at = new SourcePosition(firstLine + link.Line, link.Line == 0 ? firstColumn + link.Column : link.Column + firstColumn);
            CheckTarget(source, link.Url, at, link.IsImage, published, drafts, broken, media, diagnostics);
        }
    }

    /// <summary>The relative web addresses of references (<c>sources</c>, <c>evidence</c>, <c>documents</c>…): a link
    /// on the page like any other, so it must lead to a published document or a file under content/.</summary>
    private static void CheckReferenceUrls(Entry entry, HashSet<string> published, HashSet<string> drafts, IReadOnlySet<string> broken,
        HashSet<string> media, DiagnosticBag diagnostics)
    {
        void Walk(object? value)
        {
            switch (value)
            {
                case CheckedObject o:
                    if (o.Fields.TryGetValue("url", out var url) && url.Value is string s)
                        CheckTarget(entry.Source, s, url.Position, false, published, drafts, broken, media, diagnostics);
                    foreach (var field in o.Fields.Values) Walk(field.Value);
                    break;
                case IReadOnlyList<Checked> list:
                    foreach (var item in list) Walk(item.Value);
                    break;
            }
        }
        Walk(entry.Fields);
    }

    /// <summary>A link from <paramref name="source"/>, from its Markdown or a reference: one with a scheme or to an anchor
    /// of the same page is left alone; one from the root warned about; a relative one must lead to a published
    /// document or a file under content/.</summary>
    private static void CheckTarget(SourceDocument source, string? url, SourcePosition at, bool isImage,
        HashSet<string> published, HashSet<string> drafts, IReadOnlySet<string> broken, HashSet<string> media, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrEmpty(url) || url.StartsWith('#') || url.Contains(':', StringComparison.Ordinal)) return;
        if (url.StartsWith('/'))
        {
            diagnostics.Warning(source.Path, at, ErrorCodes.AbsoluteLink,
                $"'{url}' starts with '/', which breaks the site opened from a folder or a USB stick; use a relative link");
            return;
        }
        var target = Uri.UnescapeDataString(url.Split('#', '?')[0]);
        if (target.Length == 0) return;
        var resolved = SitePaths.Combine(SitePaths.Directory(source.ContentPath), target);
        var what = isImage ? "image" : "link";
        if (resolved is null)
            diagnostics.Error(source.Path, at, ErrorCodes.BrokenLink, $"{what} '{url}' points outside the content folder");
        else if (target.EndsWith(".md", StringComparison.Ordinal))
        {
            if (broken.Contains(resolved) && !published.Contains(resolved))
                diagnostics.Error(source.Path, at, ErrorCodes.BrokenLink, $"link '{url}' points to content/{resolved}, which is not published because it has errors of its own; fix those first");
            else if (drafts.Contains(resolved) && !published.Contains(resolved))
                diagnostics.Error(source.Path, at, ErrorCodes.BrokenLink, $"link '{url}' points to a draft (content/{resolved}), which is not published");
            else if (!published.Contains(resolved))
                diagnostics.Error(source.Path, at, ErrorCodes.BrokenLink, $"link '{url}' points nowhere: there is no content/{resolved}");
        }
        else if (!media.Contains(resolved))
            diagnostics.Error(source.Path, at, ErrorCodes.MissingFile,
                $"{what} '{url}' points nowhere: there is no content/{resolved} (images and files go under content/media/)");
    }

    /// <summary>Every figure a pillar names has a value in the data (its series for the country, and the year asked
    /// for), and a year asked for is not in the future (a warning).</summary>
    private static void CheckIndicators(Entry entry, CountryAssessment country, ValidationContext context, DiagnosticBag diagnostics)
    {
        var ofCountry = context.Series.Where(s => s.Country == country.Code).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var pillars = entry.Fields.Mapping("pillars");
        foreach (var pillar in Schema.Vocabulary.Pillars)
        {
            var p = pillars.Mapping(pillar);
            if (!p.Has("indicators")) continue;
            foreach (var indicator in p.ObjectList("indicators"))
            {
                var id = indicator.Text("id");
                var year = indicator.OptionalInteger("year");
                if (year > context.Today.Year)
                    diagnostics.Warning(entry.Source.Path, indicator.PositionOf("year"), ErrorCodes.FutureDate, $"indicator year {year} is in the future");
                if (!ofCountry.TryGetValue(id, out var data))
                {
                    var known = ofCountry.Count == 0 ? "it has no series for this country" : "series for this country: " + string.Join(", ", ofCountry.Keys.Order(StringComparer.Ordinal));
                    diagnostics.Error(entry.Source.Path, indicator.PositionOf("id"), ErrorCodes.UnknownIndicator,
                        $"content/data/indicators.csv has no '{id}' for {country.Code} ({known}); add the sourced series there, or name another indicator");
                    continue;
                }
                if (year is { } asked && data.At((int)asked) is null)
                    diagnostics.Error(entry.Source.Path, indicator.PositionOf("year"), ErrorCodes.UnknownIndicator,
                        $"'{id}' has no value for {country.Code} in {asked}; years with data: {Years(data)}. Leave the year out for the latest ({data.Latest.Year})");
            }
        }
    }

    /// <summary>"1990, 1996, 1999–2023": the years of a series, runs collapsed.</summary>
    private static string Years(IndicatorSeries data)
    {
        var years = data.Points.Select(p => p.Year).Distinct().Order().ToList();
        var runs = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && years[j + 1] == years[j] + 1) j++;
            runs.Add(j == i ? $"{years[i]}" : $"{years[i]}–{years[j]}");
            i = j + 1;
        }
        return string.Join(", ", runs);
    }

    private static void CheckDates(Entry entry, DateOnly today, DiagnosticBag diagnostics)
    {
        var path = entry.Source.Path;
        switch (entry.Model)
        {
            case CountryAssessment c:
                // (the years of its indicators are checked with the indicators)
                if (c.AssessmentDate > today)
                    diagnostics.Warning(path, entry.Fields.PositionOf("assessment_date"), ErrorCodes.FutureDate, $"assessment_date {c.AssessmentDate:yyyy-MM-dd} is in the future");
                break;
            case Telecentre t when t.Year > today.Year:
                diagnostics.Warning(path, entry.Fields.PositionOf("year"), ErrorCodes.FutureDate, $"year {t.Year} is in the future");
                break;
            case Practice p when p.YearStarted > today.Year && p.Status != "planned":
                diagnostics.Warning(path, entry.Fields.PositionOf("year_started"), ErrorCodes.FutureDate,
                    $"year_started {p.YearStarted} is in the future but the status is '{p.Status}'; use 'planned' or correct the year");
                break;
        }
    }
}
