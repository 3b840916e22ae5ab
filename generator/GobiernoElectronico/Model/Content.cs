using GobiernoElectronico.Site;

namespace GobiernoElectronico.Model;

/// <summary>A bibliographic reference: where a fact or a case study comes from.</summary>
public sealed record Reference(string Title, string? Publisher, int? Year, string? Url);

/// <summary>A sourced figure. Every figure in the knowledge base carries its source and year.</summary>
/// <summary>
/// A figure a pillar shows, named by its indicator id: the value, unit, year and source come from
/// <c>content/data/indicators.csv</c> at build time, so a number is written in one place only.
/// </summary>
/// <param name="Year">The year of the series to show; null for the latest.</param>
public sealed record IndicatorRef(string Id, int? Year);

/// <summary>One year's value of an indicator series.</summary>
public sealed record DataPoint(int Year, double Value);

/// <summary>A sourced indicator over time for one country (from content/data/indicators.csv).</summary>
/// <param name="Id">The indicator id, e.g. <c>internet_users</c>.</param>
public sealed record IndicatorSeries(string Country, string Id, string Name, string Unit, string Source, IReadOnlyList<DataPoint> Points)
{
    public DataPoint Latest => Points[^1];

    /// <summary>The point of <paramref name="year"/>, or the latest when null; null when the series has no value that year.</summary>
    public DataPoint? At(int? year) => year is null ? Latest : Points.FirstOrDefault(p => p.Year == year);
}

/// <summary>The assessment of one pillar of a country.</summary>
/// <param name="Pillar">infrastructure, systems or services.</param>
/// <param name="Level">The level's key on the pillar's scale.</param>
/// <param name="Stage">The level's rank on the scale, 1 (lowest) to 5.</param>
public sealed record PillarAssessment(string Pillar, string Level, int Stage, string Narrative, IReadOnlyList<IndicatorRef> Indicators)
{
    /// <summary>The documents and pages the assessment rests on.</summary>
    public IReadOnlyList<Reference> Evidence { get; init; } = [];
}

/// <summary><c>content/site.yml</c>.</summary>
public sealed record SiteConfig(
    string Title, string? Subtitle, IReadOnlyList<string> Languages, string DefaultLanguage,
    string BasePath, string Programme, Reference? Source, string? BaseUrl = null)
{
    /// <summary>The title, subtitle and programme text in other languages, by language.</summary>
    public IReadOnlyDictionary<string, SiteText> Translations { get; init; } = new Dictionary<string, SiteText>();

    /// <summary>The site's texts for an interface language: its translation, or the default language's.</summary>
    public SiteText TextIn(string language) =>
        Translations.TryGetValue(language, out var t) ? t : new SiteText(Title, Subtitle, Programme);

    /// <summary>The interface languages, default first: its pages are at the site root, the others' under &lt;lang&gt;/.</summary>
    public IReadOnlyList<string> InterfaceLanguages => [DefaultLanguage, .. Languages.Where(l => l != DefaultLanguage)];
}

/// <summary>The site's title, subtitle and programme text in one language.</summary>
public sealed record SiteText(string Title, string? Subtitle, string Programme);

/// <summary>What every published document has: where it came from, its slug, its language and its Markdown body.</summary>
public interface IDocument
{
    /// <summary>The content file, as shown in diagnostics.</summary>
    string SourcePath { get; }

    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>), as the loader named it.</summary>
    string ContentPath { get; }

    /// <summary>The URL name, unique within the document's type.</summary>
    string Slug { get; }

    /// <summary>Language of the document's text.</summary>
    string Language { get; }

    /// <summary>The Markdown body.</summary>
    MarkdownText Body { get; }
}

/// <summary>A country's assessment in the three pillars.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code, upper case.</param>
public sealed record CountryAssessment(
    string Code, string SourcePath, IReadOnlyDictionary<string, string> Names, string CommitteeRole,
    DateOnly AssessmentDate, string Language, string Summary, IReadOnlyList<PillarAssessment> Pillars,
    bool Illustrative, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";

    public string Slug => Code.ToLowerInvariant();

    /// <summary>The name in <paramref name="language"/>, falling back to Spanish, English, then any.</summary>
    public string Name(string language) =>
        Names.TryGetValue(language, out var n) ? n
        : Names.TryGetValue("es", out n) ? n
        : Names.TryGetValue("en", out n) ? n
        : Names.Values.First();
}

/// <summary>A best-practice case study.</summary>
public sealed record Practice(
    string Slug, string SourcePath, string Title, string Country, string GovernmentLevel,
    IReadOnlyList<string> Relations, IReadOnlyList<string> Pillars, IReadOnlyList<string> Sectors,
    int YearStarted, string Status, string Replicability, IReadOnlyList<string> ReplicationConditions,
    IReadOnlyList<string> Funding, string Language, string Summary, IReadOnlyList<Reference> Sources,
    bool Illustrative, MarkdownText Body, IReadOnlyList<string> SeeAlso, DateOnly? Updated = null, IReadOnlyList<string>? Translations = null) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";

    /// <summary>The summary translated into other languages, by language (shown marked as a translation).</summary>
    public IReadOnlyDictionary<string, string> SummaryTranslations { get; init; } = new Dictionary<string, string>();
}

/// <summary>A funder, cooperation agency, company, university or institute working with the programme.</summary>
public sealed record Organisation(
    string Slug, string SourcePath, string Name, string? Acronym, string Kind, IReadOnlyList<string> Roles, IReadOnlyList<string> Countries,
    string? Website, IReadOnlyList<string> Supports, string Language, string Summary, IReadOnlyList<Reference> Sources, bool Illustrative, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";
}

/// <summary>A person or institution of the regional directory. Contact details are private and never reach the model.</summary>
public sealed record DirectoryEntry(
    string Slug, string SourcePath, string Name, string Kind, string Country, string Sector, string? Position, string? Organisation,
    IReadOnlyList<string> Initiatives, string Language, string Summary, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";
}

/// <summary>A telecentre, or a network of telecentres, with its source.</summary>
public sealed record Telecentre(
    string Slug, string SourcePath, string Name, string Country, string Kind, string Ownership, int? Sites, string? Place,
    IReadOnlyList<string> Incentives, IReadOnlyList<string> Services, string? Operator, string? Practice, int Year, Reference Source,
    string Language, string Summary, bool Illustrative, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";
}

/// <summary>A local or regional workshop of the programme.</summary>
public sealed record Workshop(
    string Slug, string SourcePath, string Title, string Scope, DateOnly Date, DateOnly? EndDate, string Place, string Country,
    IReadOnlyList<string> Organisers, IReadOnlyList<string> Participants, IReadOnlyList<string> Outcomes, IReadOnlyList<Reference> Documents,
    string? Activity, string Language, string Summary, bool Illustrative, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";
}

/// <summary>An activity of the programme's timeline: task, scope, resources and time.</summary>
public sealed record Activity(
    string Slug, string SourcePath, string Title, int Task, string Scope, string Infrastructure, string Financing, string Responsible,
    DateOnly Start, DateOnly End, string Status, IReadOnlyList<string> DependsOn, IReadOnlyList<string> Countries,
    string Language, string Summary, bool Illustrative, MarkdownText Body) : IDocument
{
    /// <summary>The content file, relative to content/ (<c>practices/x.md</c>): how Markdown links between documents name it.</summary>
    public string ContentPath { get; init; } = "";

    /// <summary>Days from start to end, both included.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;
}

/// <summary>
/// The validated, published content: drafts removed, cross-references resolved. Immutable; every later
/// stage reads it.
/// </summary>
public sealed class ContentSet
{
    /// <summary>Each published document's own page (its path in every interface language's tree), by content path.</summary>
    public IReadOnlyDictionary<string, string> PageOfDocument => _pageOfDocument ??= Documents().ToDictionary(d => d.ContentPath, PageOf, StringComparer.Ordinal);

    private Dictionary<string, string>? _pageOfDocument;

    /// <summary>The content path of the published document whose own page is at a path (<see cref="PageOfDocument"/>, the
    /// other way).</summary>
    public IReadOnlyDictionary<string, string> DocumentOfPage =>
        _documentOfPage ??= PageOfDocument.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    private Dictionary<string, string>? _documentOfPage;

    /// <summary>The own pages of the published documents at <paramref name="contentPaths"/>, by content path; a draft or a
    /// file that is not a published document has none. Made without <see cref="PageOfDocument"/>: a quick build after an
    /// edit asks for one or two documents of thousands.</summary>
    public IReadOnlyDictionary<string, string> PagesOf(IReadOnlySet<string> contentPaths)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in contentPaths)
            if (DocumentAt(path) is { } document) pages[path] = PageOf(document);
        return pages;
    }

    /// <summary>The published document of a content file (<c>practices/x.md</c>); null for a draft or another file.
    /// Looked up, where picking an edited document out of the lists reads every document (at 20,000 documents, tens of
    /// milliseconds of <c>ge serve</c>'s page time).</summary>
    public IDocument? DocumentAt(string contentPath) => _byContentPath.GetValueOrDefault(contentPath);

    private readonly Dictionary<string, IDocument> _byContentPath;

    /// <summary>Every published document, kind by kind in the order of the lists.</summary>
    public IEnumerable<IDocument> Documents() =>
        Countries.Concat<IDocument>(Practices).Concat(Activities).Concat(Organisations).Concat(Directory).Concat(Telecentres).Concat(Workshops);

    /// <summary>A document's own page, in every interface language's tree.</summary>
    public static string PageOf(IDocument document) => document switch
    {
        CountryAssessment c => SitePaths.Country(c.Slug),
        Activity a => SitePaths.Activity(a.Slug),
        Organisation o => SitePaths.Organisation(o.Slug),
        DirectoryEntry d => SitePaths.DirectoryEntry(d.Slug),
        Telecentre t => SitePaths.Telecentre(t.Slug),
        Workshop w => SitePaths.Workshop(w.Slug),
        Practice p => SitePaths.Practice(p.Slug),
        _ => throw new ArgumentException($"no page for {document.GetType().Name}", nameof(document)),
    };

    public ContentSet(SiteConfig site, IEnumerable<CountryAssessment> countries, IEnumerable<Practice> practices, IEnumerable<string>? media = null,
        IEnumerable<IndicatorSeries>? series = null, IEnumerable<Activity>? activities = null,
        IEnumerable<Organisation>? organisations = null, IEnumerable<DirectoryEntry>? directory = null,
        IEnumerable<Telecentre>? telecentres = null, IEnumerable<Workshop>? workshops = null)
    {
        Telecentres = (telecentres ?? []).OrderBy(t => t.Country, StringComparer.Ordinal).ThenBy(t => t.Slug, StringComparer.Ordinal).ToList();
        Workshops = (workshops ?? []).OrderBy(w => w.Date).ThenBy(w => w.Slug, StringComparer.Ordinal).ToList();
        Organisations = SortedBy(organisations ?? [], o => o.Slug);
        OrganisationsBySlug = Organisations.ToDictionary(o => o.Slug, StringComparer.Ordinal);
        Directory = SortedBy(directory ?? [], d => d.Slug);
        Activities = (activities ?? []).OrderBy(a => a.Start).ThenBy(a => a.End).ThenBy(a => a.Slug, StringComparer.Ordinal).ToList();
        Site = site;
        Series = (series ?? []).ToList();
        SeriesByCountry = Series.ToLookup(s => s.Country, StringComparer.Ordinal);
        Media = (media ?? []).Order(StringComparer.Ordinal).ToList();
        Countries = SortedBy(countries, c => c.Code);
        Practices = SortedBy(practices, p => p.Slug);
        CountriesByCode = Countries.ToDictionary(c => c.Code, StringComparer.Ordinal);
        PracticesBySlug = Practices.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        // Translations are declared on either side; each version links to every other.
        var groups = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var p in Practices)
            foreach (var t in p.Translations ?? [])
            {
                if (!PracticesBySlug.ContainsKey(t)) continue;
                var set = groups.GetValueOrDefault(p.Slug) ?? groups.GetValueOrDefault(t) ?? new SortedSet<string>(StringComparer.Ordinal);
                set.Add(p.Slug);
                set.Add(t);
                foreach (var member in set) groups[member] = set;
            }
        TranslationsOf = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.Where(s => s != g.Key).ToList(), StringComparer.Ordinal);
        PracticesByCountry = new ArrayLookup<Practice>(Practices, p => p.Country);
        // The relations read the other way, computed once (a page asks for them by key, not by scanning every list).
        ActivitiesByCountry = Activities.SelectMany(a => a.Countries.Select(c => (c, a))).ToLookup(x => x.c, x => x.a, StringComparer.Ordinal);
        DirectoryByCountry = Directory.ToLookup(d => d.Country, StringComparer.Ordinal);
        DirectoryByOrganisation = Directory.Where(d => d.Organisation is not null).ToLookup(d => d.Organisation!, StringComparer.Ordinal);
        LeadersOf = Directory.SelectMany(d => d.Initiatives.Select(p => (p, d))).ToLookup(x => x.p, x => x.d, StringComparer.Ordinal);
        OrganisationsByCountry = Organisations.SelectMany(o => o.Countries.Select(c => (c, o))).ToLookup(x => x.c, x => x.o, StringComparer.Ordinal);
        SupportersOf = Organisations.SelectMany(o => o.Supports.Select(p => (p, o))).ToLookup(x => x.p, x => x.o, StringComparer.Ordinal);
        TelecentresByCountry = Telecentres.ToLookup(t => t.Country, StringComparer.Ordinal);
        TelecentresOfPractice = Telecentres.Where(t => t.Practice is not null).ToLookup(t => t.Practice!, StringComparer.Ordinal);
        WorkshopsByCountry = Workshops.ToLookup(w => w.Country, StringComparer.Ordinal);
        WorkshopsOfActivity = Workshops.Where(w => w.Activity is not null).ToLookup(w => w.Activity!, StringComparer.Ordinal);
        _byContentPath = new Dictionary<string, IDocument>(DocumentCount, StringComparer.Ordinal);
        foreach (var d in Documents()) _byContentPath[d.ContentPath] = d;
    }

    /// <summary>
    /// This set with published documents replaced by their edited versions (old model → new model, each the same kind
    /// and slug): what a full construction from the edited documents gives. A practice that keeps its country and
    /// translations changes nothing any other document's relations read, so the set is copied with that practice
    /// swapped in place (at 20,000 practices, well under a millisecond, where constructing anew takes milliseconds of
    /// <c>ge serve</c>'s page time); any other edit constructs the set anew from the replaced lists.
    /// </summary>
    public ContentSet Replacing(IReadOnlyList<(object Old, object New)> edits)
    {
        T Swap<T>(T item) where T : class
        {
            foreach (var (old, now) in edits)
                if (ReferenceEquals(old, item)) return (T)now;
            return item;
        }
        if (edits.All(e => e.Old is Practice p && e.New is Practice q && p.Slug == q.Slug && p.Country == q.Country
                && (p.Translations ?? []).SequenceEqual(q.Translations ?? [], StringComparer.Ordinal)))
            return new ContentSet(this, Practices.Select(Swap).ToList(), edits.Select(e => (Practice)e.New));
        return new ContentSet(Site, Countries, Practices.Select(Swap), Media, Series, Activities, Organisations.Select(Swap),
            Directory.Select(Swap), Telecentres.Select(Swap), Workshops.Select(Swap))
        { Thesaurus = Thesaurus };
    }

    /// <summary><paramref name="from"/> with its practices replaced by <paramref name="practices"/>, where the
    /// <paramref name="edited"/> ones took the place of those with their slugs, countries and translations.</summary>
    private ContentSet(ContentSet from, List<Practice> practices, IEnumerable<Practice> edited)
    {
        (Site, Series, SeriesByCountry, Media, Countries, CountriesByCode, Thesaurus) =
            (from.Site, from.Series, from.SeriesByCountry, from.Media, from.Countries, from.CountriesByCode, from.Thesaurus);
        (Activities, Organisations, OrganisationsBySlug, Directory, Telecentres, Workshops) =
            (from.Activities, from.Organisations, from.OrganisationsBySlug, from.Directory, from.Telecentres, from.Workshops);
        (TranslationsOf, ActivitiesByCountry, DirectoryByCountry, DirectoryByOrganisation, LeadersOf, OrganisationsByCountry) =
            (from.TranslationsOf, from.ActivitiesByCountry, from.DirectoryByCountry, from.DirectoryByOrganisation, from.LeadersOf, from.OrganisationsByCountry);
        (SupportersOf, TelecentresByCountry, TelecentresOfPractice, WorkshopsByCountry, WorkshopsOfActivity) =
            (from.SupportersOf, from.TelecentresByCountry, from.TelecentresOfPractice, from.WorkshopsByCountry, from.WorkshopsOfActivity);
        (_pageOfDocument, _activitiesBySlug) = (from._pageOfDocument, from._activitiesBySlug);
        Practices = practices;
        var bySlug = from.PracticesBySlug is Dictionary<string, Practice> kept
            ? new Dictionary<string, Practice>(kept, kept.Comparer) // copied as arrays, not entry by entry
            : new Dictionary<string, Practice>(from.PracticesBySlug, StringComparer.Ordinal);
        _byContentPath = new Dictionary<string, IDocument>(from._byContentPath, from._byContentPath.Comparer);
        foreach (var p in edited)
        {
            bySlug[p.Slug] = p;
            _byContentPath[p.ContentPath] = p;
        }
        PracticesBySlug = bySlug;
        var byCountry = (ArrayLookup<Practice>)from.PracticesByCountry;
        foreach (var p in edited) byCountry = byCountry.Replacing(p.Country, from.PracticesBySlug[p.Slug], p);
        PracticesByCountry = byCountry;
    }

    /// <summary>
    /// The items in the ordinal order of their keys, as a stable sort gives them. The documents come in the order of
    /// their files, which is usually already the order of their slugs: checked in one pass, then sorted only if not
    /// (sorting 20,000 practices again after every edit in <c>ge serve</c> cost milliseconds of the page's time).
    /// </summary>
    private static List<T> SortedBy<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var list = items.ToList();
        for (var i = 1; i < list.Count; i++)
            if (string.CompareOrdinal(key(list[i - 1]), key(list[i])) > 0) return list.OrderBy(key, StringComparer.Ordinal).ToList();
        return list;
    }

    /// <summary>Activities by the country codes they concern (in timeline order).</summary>
    public ILookup<string, Activity> ActivitiesByCountry { get; }

    /// <summary>Directory entries by country, and by the organisation they belong to.</summary>
    public ILookup<string, DirectoryEntry> DirectoryByCountry { get; }

    public ILookup<string, DirectoryEntry> DirectoryByOrganisation { get; }

    /// <summary>Practice slug → the directory entries that lead it (their <c>initiatives</c>).</summary>
    public ILookup<string, DirectoryEntry> LeadersOf { get; }

    /// <summary>Organisations by the countries they work in.</summary>
    public ILookup<string, Organisation> OrganisationsByCountry { get; }

    /// <summary>Practice slug → the organisations that support it (their <c>supports</c>).</summary>
    public ILookup<string, Organisation> SupportersOf { get; }

    public ILookup<string, Telecentre> TelecentresByCountry { get; }

    /// <summary>Practice slug → the telecentres it documents.</summary>
    public ILookup<string, Telecentre> TelecentresOfPractice { get; }

    public ILookup<string, Workshop> WorkshopsByCountry { get; }

    /// <summary>Activity slug → its workshops.</summary>
    public ILookup<string, Workshop> WorkshopsOfActivity { get; }

    public SiteConfig Site { get; }

    /// <summary>Sourced indicator series of every country of the region, by country then indicator.</summary>
    public IReadOnlyList<IndicatorSeries> Series { get; }

    /// <summary>The trilingual thesaurus that search expands queries with (content/data/thesaurus.yml).</summary>
    public Thesaurus Thesaurus { get; set; } = Thesaurus.Empty;

    public ILookup<string, IndicatorSeries> SeriesByCountry { get; }

    /// <summary>Files under content/media/, as content paths (<c>media/…</c>), copied into the site as they are.</summary>
    public IReadOnlyList<string> Media { get; }

    /// <summary>Published country assessments, by code.</summary>
    public IReadOnlyList<CountryAssessment> Countries { get; }

    /// <summary>Published practices, by slug.</summary>
    public IReadOnlyList<Practice> Practices { get; }

    public IReadOnlyDictionary<string, CountryAssessment> CountriesByCode { get; }

    public IReadOnlyDictionary<string, Practice> PracticesBySlug { get; }

    public ILookup<string, Practice> PracticesByCountry { get; }

    /// <summary>Practice slug → the slugs of its versions in other languages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TranslationsOf { get; }

    /// <summary>Published activities of the timeline, by start date.</summary>
    public IReadOnlyList<Activity> Activities { get; }

    public IReadOnlyDictionary<string, Activity> ActivitiesBySlug => _activitiesBySlug ??= Activities.ToDictionary(a => a.Slug, StringComparer.Ordinal);

    private IReadOnlyDictionary<string, Activity>? _activitiesBySlug;

    /// <summary>Published organisations, by slug.</summary>
    public IReadOnlyList<Organisation> Organisations { get; }

    public IReadOnlyDictionary<string, Organisation> OrganisationsBySlug { get; }

    /// <summary>Published entries of the regional directory, by slug (without their private contact details).</summary>
    public IReadOnlyList<DirectoryEntry> Directory { get; }

    /// <summary>Published telecentres, by country then slug.</summary>
    public IReadOnlyList<Telecentre> Telecentres { get; }

    /// <summary>Published workshops, by date.</summary>
    public IReadOnlyList<Workshop> Workshops { get; }

    /// <summary>Every published document.</summary>
    public int DocumentCount => Countries.Count + Practices.Count + Activities.Count + Organisations.Count + Directory.Count + Telecentres.Count + Workshops.Count;
}
