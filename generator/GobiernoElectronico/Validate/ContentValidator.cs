using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Validate;

/// <summary>
/// Stage 2, validate: checks every document against its schema (types, required fields, allowed values),
/// then across documents (unique slugs, references to countries), drops drafts and returns the published
/// <see cref="ContentSet"/>. Returns null when there are errors; every error has been reported.
/// </summary>
public static class ContentValidator
{
    /// <summary>A document that passed its own schema, before cross-document checks.</summary>
    internal sealed record Bound(SourceDocument Source, CheckedObject Fields, string Slug, bool Draft, object Model);

    /// <param name="cache">Kept by a builder that lives on (<c>ge serve</c>): each document's own checks are done again
    /// only when the document changed, its checks against the others only when it or the set of documents changed;
    /// after an edit that leaves the set of documents as it was, only the edited documents are looked at
    /// (<see cref="ValidationPatch"/>).</param>
    public static ContentSet? Validate(IReadOnlyList<SourceDocument> documents, DiagnosticBag diagnostics, ValidationContext? context = null,
        ValidationCache? cache = null)
    {
        context ??= ValidationContext.Default;
        if (cache is null) return Whole(documents, diagnostics, context, null).Content;
        if (!diagnostics.HasErrors && ValidationPatch.Apply(documents, context, cache, diagnostics) is { } patched) return patched;
        // This validation's own problems, kept apart from the load stage's, so that the next one can start from them.
        var own = new DiagnosticBag();
        var whole = Whole(documents, own, context, cache);
        var problems = own.Sorted();
        foreach (var d in problems) diagnostics.Add(d);
        var content = diagnostics.HasErrors ? null : whole.Content;
        cache.Remember(content is null ? null
            : new ValidationCache.Validated(documents, whole.Bound, context, problems, content, whole.CountryCodes, whole.Broken, whole.Space));
        return content;
    }

    /// <summary>What a validation of every document made: the content set (null on errors), each document's binding
    /// (by its index; null for site.yml and for a document with errors), the published countries, the files with errors
    /// and the namespace of the cross-document checks.</summary>
    private sealed record Outcome(ContentSet? Content, Bound?[] Bound, IReadOnlySet<string> CountryCodes, IReadOnlySet<string> Broken, string Space);

    private static Outcome Whole(IReadOnlyList<SourceDocument> documents, DiagnosticBag diagnostics, ValidationContext context, ValidationCache? cache)
    {
        var siteDoc = documents.FirstOrDefault(d => d.Kind == ContentKind.Site);
        SiteConfig? site = null;
        CheckedObject? siteChecked = null;
        if (siteDoc?.FrontMatter is not null)
        {
            var siteErrors = new DiagnosticBag();
            var checkedSite = new SchemaValidator(siteDoc.Path, siteErrors).ValidateDocument(siteDoc.FrontMatter, ContentSchemas.Site);
            foreach (var d in siteErrors.Sorted()) diagnostics.Add(d);
            if (checkedSite is not null && !siteErrors.HasErrors)
            {
                site = ModelBinder.Site(checkedSite);
                siteChecked = checkedSite;
            }
        }
        var defaultLanguage = site?.DefaultLanguage ?? "es";

        var bound = new Bound?[documents.Count];
        Func<SourceDocument, string, (Bound?, IReadOnlyList<Diagnostic>)> bind = (d, l) => Bind(d, l, context.CheckedBodies);
        Parallel.For(0, documents.Count, i =>
        {
            if (documents[i].Kind == ContentKind.Site) return;
            var (b, problems) = cache?.Bind(documents[i], defaultLanguage, bind) ?? bind(documents[i], defaultLanguage);
            foreach (var d in problems) diagnostics.Add(d);
            bound[i] = b;
        });
        var valid = bound.OfType<Bound>().ToList();
        bool Broken(SourceDocument d, int i) => d.Kind != ContentKind.Site && bound[i] is null;

        ReportDuplicateSlugs(valid, diagnostics);

        var published = valid.Where(b => !b.Draft).ToList();
        var countries = published.Select(b => b.Model).OfType<CountryAssessment>().ToList();
        var countryCodes = countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var draftCountries = valid.Where(b => b.Draft).Select(b => b.Model).OfType<CountryAssessment>().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        // Files that have errors of their own: a reference to one names that as the cause.
        var brokenFiles = documents.Where(Broken).Select(d => d.ContentPath).ToHashSet(StringComparer.Ordinal);
        foreach (var b in published)
        {
            if (CountryOf(b.Model) is { } country && !countryCodes.Contains(country))
            {
                var why = draftCountries.Contains(country) ? "is still a draft"
                    : brokenFiles.Contains($"countries/{country.ToLowerInvariant()}.md") ? "has errors of its own; fix those first" : "does not exist";
                diagnostics.Error(b.Source.Path, b.Fields.PositionOf("country"), ErrorCodes.CountryWithoutAssessment,
                    $"country '{country}' has no published assessment (content/countries/{country.ToLowerInvariant()}.md {why}); add it or correct the code");
            }
        }

        // Activities whose file did not load or validate have their own errors already; depending on them is not a second problem.
        var broken = documents.Where((d, i) => d.Kind == ContentKind.Activity && Broken(d, i)).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        CheckDependencies(published.Where(b => b.Model is Activity).ToList(), valid.Where(b => b.Draft && b.Model is Activity).Select(b => b.Slug).ToHashSet(StringComparer.Ordinal), broken, diagnostics);

        var entries = valid.Select(b => new ContentChecks.Entry(b.Source, b.Fields, b.Model, b.Draft)).ToList();
        if (site is not null && siteDoc?.FrontMatter is not null && siteChecked is not null)
            entries.Add(new ContentChecks.Entry(siteDoc, siteChecked, site, false));
        var space = ContentChecks.Run(entries, context, diagnostics, brokenFiles, cache);

        if (diagnostics.HasErrors || site is null) return new(null, bound, countryCodes, brokenFiles, space);
        // One pass over the published models, by kind (at 20,000 documents, each pass is milliseconds of an edit's page).
        List<Practice> practices = [];
        List<Activity> activities = [];
        List<Organisation> organisations = [];
        List<DirectoryEntry> directory = [];
        List<Telecentre> telecentres = [];
        List<Workshop> workshops = [];
        foreach (var b in published)
        {
            switch (b.Model)
            {
                case Practice p: practices.Add(p); break;
                case Activity a: activities.Add(a); break;
                case Organisation o: organisations.Add(o); break;
                case DirectoryEntry d: directory.Add(d); break;
                case Telecentre t: telecentres.Add(t); break;
                case Workshop w: workshops.Add(w); break;
            }
        }
        var content = new ContentSet(site, countries, practices, context.Media, context.Series, activities, organisations, directory, telecentres, workshops);
        return new(content, bound, countryCodes, brokenFiles, space);
    }

    /// <summary>The country a document is about, which must have a published assessment; null for the kinds that name none
    /// or several.</summary>
    internal static string? CountryOf(object model) => model switch
    {
        Practice p => p.Country,
        DirectoryEntry d => d.Country,
        Telecentre t => t.Country,
        Workshop w => w.Country,
        _ => null,
    };

    /// <summary>A document checked against its own schema and bound to its model (null when it has errors), with its problems.</summary>
    /// <param name="checkedBodies">Bodies known within the Markdown limits (<c>ge build</c>'s cache), or null.</param>
    internal static (Bound? Bound, IReadOnlyList<Diagnostic> Problems) Bind(SourceDocument doc, string defaultLanguage, CheckedMarkdown? checkedBodies = null)
    {
        var problems = new DiagnosticBag();
        var bound = Bind(doc, defaultLanguage, problems, checkedBodies);
        return (bound, problems.Sorted());
    }

    private static Bound? Bind(SourceDocument doc, string defaultLanguage, DiagnosticBag diagnostics, CheckedMarkdown? checkedBodies)
    {
        if (doc.FrontMatter is null) return null; // malformed; already reported
        var localErrors = new DiagnosticBag();
        var validator = new SchemaValidator(doc.Path, localErrors);
        var schema = doc.Kind switch
        {
            ContentKind.Country => ContentSchemas.Country,
            ContentKind.Practice => ContentSchemas.Practice,
            ContentKind.Activity => ContentSchemas.Activity,
            ContentKind.Organisation => ContentSchemas.Organisation,
            ContentKind.Directory => ContentSchemas.DirectoryEntry,
            ContentKind.Telecentre => ContentSchemas.Telecentre,
            ContentKind.Workshop => ContentSchemas.Workshop,
            _ => throw new InvalidOperationException($"no schema for {doc.Kind}"),
        };
        var fields = validator.ValidateDocument(doc.FrontMatter, schema);
        string slug;
        var countryCode = doc.Key;
        if (doc.Kind == ContentKind.Country)
        {
            slug = doc.Key.ToLowerInvariant();
            // A second assessment of a country (a questionnaire's answer beside the published one) is named
            // <code>.<label>.md and stays a draft until the committee puts it in place of <code>.md.
            var dot = doc.Key.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                countryCode = doc.Key[..dot];
                var label = doc.Key[(dot + 1)..];
                if (!Patterns.Slug().IsMatch(label))
                    localErrors.Error(doc.Path, SourcePosition.FileStart, ErrorCodes.UnknownCountryCode,
                        $"the file name '{Shown.Value(doc.Key)}' is not <code>.md or <code>.<label>.md with a label of lower-case letters, digits and hyphens");
                else if (fields is not null && !fields.Flag("draft"))
                    localErrors.Error(doc.Path, fields.Has("draft") ? fields.PositionOf("draft") : SourcePosition.FileStart, ErrorCodes.UnknownCountryCode,
                        $"'{Shown.Value(doc.Key)}.md' is a second assessment of {countryCode.ToUpperInvariant()} and must stay a draft ('draft: true'); to publish it, put its text in countries/{countryCode.ToLowerInvariant()}.md");
            }
            if (!CountryCodes.IsValid(countryCode) || countryCode.Length != 2)
                localErrors.Error(doc.Path, SourcePosition.FileStart, ErrorCodes.UnknownCountryCode,
                    $"the file name '{Shown.Value(doc.Key)}' is not an ISO 3166-1 alpha-2 country code; name the file after the country, e.g. bo.md");
        }
        else
        {
            slug = fields?.OptionalText("slug") ?? doc.Key;
            if (fields?.Has("slug") != true && !Patterns.Slug().IsMatch(slug))
                localErrors.Error(doc.Path, SourcePosition.FileStart, ErrorCodes.InvalidSlug,
                    $"the file name '{Shown.Value(doc.Key)}' is not a valid slug: rename the file with lower-case letters, digits and hyphens, or set 'slug'");
            else if (fields?.Has("slug") != true && FileNames.Problem(slug) is { } nameProblem)
                localErrors.Error(doc.Path, SourcePosition.FileStart, ErrorCodes.ReservedName, $"the file name '{Shown.Value(doc.Key)}' {nameProblem}; rename the file or set 'slug'");
        }
        if ((checkedBodies is null ? MarkdownLimits.Problem(doc.Body.Text) : checkedBodies.Problem(doc.Body)) is { } bodyProblem)
            localErrors.Error(doc.Path, new SourcePosition(doc.BodyFirstLine, 1), ErrorCodes.LimitExceeded, bodyProblem);
        foreach (var d in localErrors.Sorted()) diagnostics.Add(d);
        if (fields is null || localErrors.HasErrors) return null;

        if (doc.Kind == ContentKind.Workshop && fields.Has("date") && fields.Has("end_date") && fields.Date("end_date") < fields.Date("date"))
        {
            diagnostics.Error(doc.Path, fields.PositionOf("end_date"), ErrorCodes.ValueOutOfRange,
                $"'end_date' ({fields.Date("end_date"):yyyy-MM-dd}) is before 'date' ({fields.Date("date"):yyyy-MM-dd})");
            return null;
        }
        if (doc.Kind == ContentKind.Activity && fields.Has("start") && fields.Has("end") && fields.Date("end") < fields.Date("start"))
        {
            diagnostics.Error(doc.Path, fields.PositionOf("end"), ErrorCodes.ValueOutOfRange,
                $"'end' ({fields.Date("end"):yyyy-MM-dd}) is before 'start' ({fields.Date("start"):yyyy-MM-dd})");
            return null;
        }
        object model = doc.Kind switch
        {
            ContentKind.Country => ModelBinder.Country(fields, countryCode.ToUpperInvariant(), doc.Path, doc.Body, defaultLanguage),
            ContentKind.Activity => ModelBinder.Activity(fields, slug, doc.Path, doc.Body, defaultLanguage),
            ContentKind.Organisation => ModelBinder.Organisation(fields, slug, doc.Path, doc.Body, defaultLanguage),
            ContentKind.Directory => ModelBinder.Directory(fields, slug, doc.Path, doc.Body, defaultLanguage),
            ContentKind.Telecentre => ModelBinder.Telecentre(fields, slug, doc.Path, doc.Body, defaultLanguage),
            ContentKind.Workshop => ModelBinder.Workshop(fields, slug, doc.Path, doc.Body, defaultLanguage),
            _ => ModelBinder.Practice(fields, slug, doc.Path, doc.Body),
        };
        model = model switch
        {
            CountryAssessment c => c with { ContentPath = doc.ContentPath },
            Activity a => a with { ContentPath = doc.ContentPath },
            Organisation o => o with { ContentPath = doc.ContentPath },
            DirectoryEntry d => d with { ContentPath = doc.ContentPath },
            Telecentre t => t with { ContentPath = doc.ContentPath },
            Workshop w => w with { ContentPath = doc.ContentPath },
            Practice p => p with { ContentPath = doc.ContentPath },
            _ => model,
        };
        return new Bound(doc, fields, slug, fields.Flag("draft"), model);
    }

    /// <summary>Every depends_on names a published activity, and no activity depends on itself through others.</summary>
    private static void CheckDependencies(List<Bound> activities, HashSet<string> drafts, HashSet<string> broken, DiagnosticBag diagnostics)
    {
        var bySlug = activities.GroupBy(b => b.Slug).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var b in activities)
        {
            var list = b.Fields.Fields.TryGetValue("depends_on", out var c) ? (IReadOnlyList<Checked>)c.Value : [];
            foreach (var item in list)
            {
                var slug = (string)item.Value;
                if (!bySlug.ContainsKey(slug) && !broken.Contains(slug))
                    diagnostics.Error(b.Source.Path, item.Position, ErrorCodes.BadDependency, drafts.Contains(slug)
                        ? $"activity '{slug}' is a draft; it is not published"
                        : $"no activity '{slug}' (content/activities/{slug}.md){Suggestions.DidYouMean(slug, bySlug.Keys)}");
            }
        }
        // Depth-first search for cycles; each cycle is reported once, at the activity that closes it.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Visit(string slug, Stack<string> path)
        {
            state[slug] = 1;
            path.Push(slug);
            foreach (var next in ((Activity)bySlug[slug].Model).DependsOn.Where(bySlug.ContainsKey))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Reverse().SkipWhile(s => s != next).Append(next);
                    var b = bySlug[slug];
                    diagnostics.Error(b.Source.Path, b.Fields.PositionOf("depends_on"), ErrorCodes.BadDependency,
                        $"dependency cycle: {string.Join(" → ", cycle)}");
                    path.Pop();
                    return true;
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next, path)) { path.Pop(); return true; }
            }
            state[slug] = 2;
            path.Pop();
            return false;
        }
        foreach (var slug in bySlug.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(slug) == 0) Visit(slug, new Stack<string>());
    }

    private static void ReportDuplicateSlugs(List<Bound> documents, DiagnosticBag diagnostics)
    {
        // Most builds have no duplicate: one pass finds the slugs used twice, and only those are grouped.
        var seen = new HashSet<(ContentKind, string)>();
        var twice = new HashSet<(ContentKind, string)>();
        foreach (var b in documents)
            if (!seen.Add((b.Source.Kind, b.Slug))) twice.Add((b.Source.Kind, b.Slug));
        if (twice.Count == 0) return;
        foreach (var group in documents.Where(b => twice.Contains((b.Source.Kind, b.Slug))).GroupBy(b => (b.Source.Kind, b.Slug)))
        {
            var ordered = group.OrderBy(b => b.Source.Path, StringComparer.Ordinal).ToList();
            foreach (var duplicate in ordered.Skip(1))
            {
                diagnostics.Error(duplicate.Source.Path, duplicate.Fields.PositionOf("slug") is var p && duplicate.Fields.Has("slug") ? p : SourcePosition.FileStart,
                    ErrorCodes.DuplicateSlug,
                    $"slug '{group.Key.Slug}' is already used by {ordered[0].Source.Path}; each {group.Key.Kind.ToString().ToLowerInvariant()} needs its own");
            }
        }
    }
}
