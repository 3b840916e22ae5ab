using GobiernoElectronico.Hashing;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Site;
using Scriban.Runtime;

namespace GobiernoElectronico.Render;

/// <summary>
/// Stage 4, render: turns the content set into pages (Markdig for the bodies, Scriban for the pages) and
/// copies the static assets. Pages are rendered in parallel and returned in path order, so the output is
/// the same whatever the number of threads.
/// </summary>
public sealed partial class SiteRenderer
{
    private readonly ContentSet _content;
    private readonly TemplateSet _templates;
    private readonly Labels _labels;
    private readonly Func<MarkdownText, string, string, RawHtml> _markdown;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _related;

    /// <summary>A page to render: where it goes, which template, its title and its model.</summary>
    private sealed record PageSpec(string Path, string Template, string Title, string Description, string Language, Action<ScriptObject> Fill)
    {
        /// <summary>schema.org JSON-LD describing the page's subject, if any.</summary>
        /// <summary>Makes the page's structured data (schema.org) when the page is rendered: every page's spec is made before
        /// any is rendered, and 60,000 practice pages' dictionaries held that long were tens of MB at 20,000 documents.</summary>
        public Func<object>? JsonLd { get; init; }

        public string OgType { get; init; } = "website";

        /// <summary>Whether the page notes the front matter of every practice it reads (<see cref="Shown"/>), so that the
        /// build cache keeps it across edits of other practices' front matter (a practice's own page, a page of the list of
        /// practices).</summary>
        public bool RecordsHeads { get; init; }
    }

    private readonly RenderCache _cache;
    private readonly string _stringsHash;
    private readonly string _prefix;

    /// <summary>Where this language's pages are, before each page's own path: "" for the default language, else its folder.</summary>
    public string Prefix => _prefix;
    private readonly IReadOnlyList<(string Language, string Name)> _interfaces;

    /// <param name="related">Practice slug → related practice slugs, from the index stage.</param>
    /// <param name="cache">What a previous build rendered (incremental builds); a new, empty one for a full build.</param>
    /// <param name="interfaces">Every interface language of the site with its name, default first; the
    /// default's pages are at the site root, the others' under <c>&lt;lang&gt;/</c>. <paramref name="labels"/> says which this renderer writes.</param>
    public SiteRenderer(ContentSet content, TemplateSet templates, Labels labels, IReadOnlyDictionary<string, IReadOnlyList<string>> related,
        RenderCache? cache = null, IReadOnlyList<(string Language, string Name)>? interfaces = null, LinkTargets? links = null)
    {
        _interfaces = interfaces ?? [(labels.Language, labels.Get("language_name"))];
        _prefix = PrefixOf(labels.Language);
        _cache = cache ?? new RenderCache();
        _stringsHash = templates.Hash($"i18n/{labels.Language}.yml");
        _related = related;
        _content = content;
        _templates = templates;
        _labels = labels;
        links ??= LinkTargets.Of(content);
        var media = content.Media.ToHashSet(StringComparer.Ordinal);
        var markdown = new MarkdownRenderer(path => links.Pages.GetValueOrDefault(path) ?? (media.Contains(path) ? AtSiteRoot(path) : null));
        // The links between documents are the same in every interface language; only links to media (at the
        // site root) depend on the language's folder, and the cache renders a text again only if it has one.
        var linkMap = links.Key;
        var nested = _prefix.Length > 0;
        // Rendered when a template writes it: a page the build cache keeps unchanged (its fingerprint holds the text's
        // key, not its HTML) never renders its Markdown.
        _markdown = (text, contentPath, pagePath) =>
        {
            // The text's UTF-8 is hashed as it is kept, not copied into one string with its context (at 20,000 practices,
            // three languages each, that was gigabytes of strings to collect); decoded only if the page is rendered.
            RenderCache.Record(RenderCache.BodyOf(contentPath));
            // The other documents' pages only for a text that may link to one (MarkdownRenderer.MayLinkContent).
            var utf8 = text.Utf8;
            var key = ContentHash.Of($"{(MarkdownRenderer.MayLinkContent(utf8) ? linkMap : "")}\n{contentPath}\n{pagePath}\n", utf8);
            return RawHtml.Later(key + (nested ? "|nested" : "|root"), () => _cache.Markdown(key, nested, () =>
            {
                var html = markdown.Render(text.Text, contentPath, pagePath, out var linksMedia);
                return (html, linksMedia);
            }).Html);
        };
    }

    /// <summary>
    /// Where a link in a document's Markdown to another content file goes: each document's page, by content path, and a
    /// key of every content path a link may name (documents and media), which the rendered Markdown cache keys by. The
    /// same for every interface language: made once per build.
    /// </summary>
    public sealed record LinkTargets(IReadOnlyDictionary<string, string> Pages, string Key)
    {
        public static LinkTargets Of(ContentSet content)
        {
            var pages = content.PageOfDocument;
            return new LinkTargets(pages, ContentHash.Of(string.Join("\n", pages.Keys.Concat(content.Media).Order(StringComparer.Ordinal))));
        }
    }

    /// <summary>A file at the site root (media, open data) as a path within this language's tree.</summary>
    private string AtSiteRoot(string path) => (_prefix.Length > 0 ? "../" : "") + path;

    /// <summary>The folder of an interface language's pages: "" for the default, "pt/" for Portuguese…</summary>
    private string PrefixOf(string language) => language == _interfaces[0].Language ? "" : language + "/";

    /// <summary>One page of this interface language, not yet rendered: its path in every language's tree
    /// (<paramref name="Path"/>, the same for the page in each language) and how to render it.</summary>
    /// <param name="Render">Renders the page into the sink (or keeps it there, when the build cache knows it unchanged);
    /// returns its path in the site, or null when a template failed (reported).</param>
    public sealed record PageJob(string Path, Func<IFileSink, string?> Render);

    /// <summary>Every page of this interface language, to render (template errors are reported by the template set); with
    /// <paramref name="only"/>, only the own pages of the published documents whose content paths it lists.</summary>
    public IEnumerable<PageJob> Pages(IReadOnlySet<string>? only = null) =>
        (only is null ? PageSpecs() : DocumentPages(only)).Where(p => _prefix.Length == 0 || p.Path != SitePaths.NotFound).Select(spec => new PageJob(spec.Path, sink => RenderPage(spec, sink)));

    /// <summary>The static assets of <c>templates/assets/</c>, copied once into the site (by the default language's renderer).</summary>
    public IEnumerable<OutputFile> Assets()
    {
        var assets = Path.Combine(_templates.Root, "assets");
        if (_prefix.Length > 0 || !Directory.Exists(assets)) yield break;
        foreach (var file in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return new OutputFile("assets/" + Path.GetRelativePath(assets, file).Replace('\\', '/'), File.ReadAllBytes(file));
    }

    private IEnumerable<PageSpec> PageSpecs()
    {
        var site = _content.Site;
        var lang = _labels.Language;
        var text = site.TextIn(lang);
        yield return new PageSpec(SitePaths.Home, "pages/home.html", text.Title, text.Subtitle ?? text.Title, lang, m =>
        {
            m["programme"] = _markdown(text.Programme, "site.yml", SitePaths.Home);
            m["committee"] = _content.Countries.Where(c => c.CommitteeRole != "none")
                .OrderBy(c => c.CommitteeRole == "coordinator" ? 0 : 1).ThenBy(c => c.Name(lang), StringComparer.Create(_labels.Culture, false))
                .Select(c => CountryCard(c, SitePaths.Home)).ToList();
            m["countries"] = CountryCards(SitePaths.Home);
            // The most recent practices; the list pages hold all of them (thousands at region scale).
            var caseStudies = CaseStudies();
            m["practices"] = caseStudies.OrderByDescending(p => p.YearStarted).ThenBy(p => p.Slug, StringComparer.Ordinal)
                .Take(HomePractices).Select(p => PracticeCard(p, SitePaths.Home)).ToList();
            m["practice_count"] = caseStudies.Count;
            m["practices_url"] = SitePaths.Relative(SitePaths.Home, SitePaths.Practices);
            m["source"] = site.Source is { } s ? Reference(s) : null;
            m["glance"] = Glance(caseStudies);
        });
        yield return new PageSpec(SitePaths.Countries, "pages/countries.html", _labels.Get("countries.title"), _labels.Get("countries.description"), lang, m =>
        {
            m["countries"] = CountryCards(SitePaths.Countries);
            m["pillars"] = Vocabulary.Pillars.Select(p => new LinkView(p, _labels.Vocab("pillar", p))).ToList();
            m["scales"] = Vocabulary.Pillars.Select(p => new
            {
                Label = _labels.Vocab("pillar", p),
                Levels = Vocabulary.LevelsOf(p).Select((l, i) => new { Stage = i + 1, Label = _labels.Level(p, l), Description = _labels.Get($"scale.{p}.{l}") }).ToList(),
            }).ToList();
        });
        foreach (var country in _content.Countries) yield return CountryPage(country);
        foreach (var page in ListPages("practices", "pages/practices.html", "practices.title", "practices.description", CaseStudies(), PracticeFacets(), (m, items, path) =>
        {
            m["practices"] = items.Select(p => PracticeCard(p, path)).ToList();
            m["data"] = DataLinks(path);
        }, RenderCache.PracticeLists))
            yield return page;
        foreach (var practice in _content.Practices) yield return PracticePage(practice);
        foreach (var page in OverviewPages()) yield return page;
        yield return ComparePage();
        yield return SurveyPage();
        foreach (var page in TimelinePages()) yield return page;
        foreach (var page in DirectoryPages()) yield return page;
        foreach (var page in ProgrammePages()) yield return page;
        yield return new PageSpec(SitePaths.Search, "pages/search.html", _labels.Get("search.title"), _labels.Get("search.label"), lang, _ => { });
        yield return new PageSpec(SitePaths.NotFound, "pages/404.html", _labels.Get("not_found.title"), _labels.Get("not_found.text"), lang, _ => { });
    }

    private PageSpec CountryPage(CountryAssessment country)
    {
        var path = SitePaths.Country(country.Slug);
        var lang = _labels.Language;
        return new PageSpec(path, "pages/country.html", country.Name(lang), country.Summary, country.Language, m =>
        {
            m["country"] = CountryView(country, path);
            m["charts"] = LineCharts([country], "");
            m["activities"] = _content.ActivitiesByCountry[country.Code].Select(a => ActivityView(a, path)).ToList();
            m["people"] = _content.DirectoryByCountry[country.Code].Select(d => DirectoryView(d, path)).ToList();
            m["organisations"] = _content.OrganisationsByCountry[country.Code].Select(o => OrganisationView(o, path)).ToList();
            m["telecentres"] = _content.TelecentresByCountry[country.Code].Select(t => TelecentreView(t, path)).ToList();
            m["workshops"] = _content.WorkshopsByCountry[country.Code].Select(w => WorkshopView(w, path)).ToList();
            m["data"] = DataLinks(path);
            m["practices_url"] = SitePaths.Relative(path, FilterPath("practices", "country", country.Code));
            m["practice_limit"] = CountryPractices;
        });
    }

    private PageSpec PracticePage(Practice practice)
    {
        var path = SitePaths.Practice(practice.Slug);
        return new PageSpec(path, "pages/practice.html", practice.Title, practice.Summary, practice.Language, m =>
        {
            _ = m;
            m["practice"] = PracticeView(practice, path);
            m["see_also"] = practice.SeeAlso.Select(s => PracticeCard(_content.PracticesBySlug[s], path)).ToList();
            m["translations"] = TranslationsShown(practice.Slug)
                .Select(t => new { t.Language, Name = _labels.Vocab("language", t.Language), Url = SitePaths.Relative(path, SitePaths.Practice(t.Slug)), t.Title }).ToList();
            m["supporters"] = _content.SupportersOf[practice.Slug].Select(o => OrganisationView(o, path)).ToList();
            m["leaders"] = _content.LeadersOf[practice.Slug].Select(d => DirectoryView(d, path)).ToList();
            m["telecentres"] = _content.TelecentresOfPractice[practice.Slug].Select(t => TelecentreView(t, path)).ToList();
            RenderCache.Record(RenderCache.RelatedOf(practice.Slug));
            m["related"] = _related.GetValueOrDefault(practice.Slug, [])
                .Where(s => !practice.SeeAlso.Contains(s))
                .Select(s => PracticeCard(_content.PracticesBySlug[s], path, shown: false)).ToList(); // their front matter is in the list's value
        })
        { JsonLd = () => PracticeJsonLd(practice), OgType = "article", RecordsHeads = true };
    }

    /// <summary>The own pages of the documents whose content paths are in <paramref name="paths"/> (a quick build after an
    /// edit): the same specs as <see cref="PageSpecs"/> makes for them, without making the others.</summary>
    private IEnumerable<PageSpec> DocumentPages(IReadOnlySet<string> paths)
    {
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            switch (_content.DocumentAt(path))
            {
                case CountryAssessment c: yield return CountryPage(c); break;
                case Practice p: yield return PracticePage(p); break;
                case Activity a: yield return ActivityPage(a); break;
                case Organisation o: yield return OrganisationPage(o); break;
                case DirectoryEntry d: yield return DirectoryEntryPage(d); break;
                case Telecentre t: yield return TelecentrePage(t); break;
                case Workshop w: yield return WorkshopPage(w); break;
            }
        }
    }

    /// <summary>Practices shown on the home page; a country page shows <see cref="CountryPractices"/> and links to its list for the rest.</summary>
    public const int HomePractices = 6, CountryPractices = 12;

    /// <summary>The site's stylesheet (trusted: from templates/, never from content), safe inside a style element.</summary>
    private string InlineStylesheet() =>
        File.ReadAllText(Path.Combine(_templates.Root, "assets", "style.css")).Replace("</", "<\\/", StringComparison.Ordinal);

    private string? RenderPage(PageSpec spec, IFileSink sink)
    {
        var output = _prefix + spec.Path;
        if (_cache.KeepUnchanged(output, _stringsHash, _templates.Hash, spec.Template, sink)) return output;
        _cache.BeginPage(spec.RecordsHeads);
        var model = new ScriptObject();
        // The 404 page is served at any depth, so its links start from the base path instead.
        var notFound = spec.Path == SitePaths.NotFound;
        var root = notFound ? _content.Site.BasePath : SitePaths.RootFrom(spec.Path);
        var siteRoot = notFound ? _content.Site.BasePath : SitePaths.RootFrom(output);
        model["root"] = root;
        model["site_root"] = siteRoot;
        // The 404 page carries its stylesheet inline: opened from a folder or a USB stick (file://), a path
        // from the base path points at the disk's root, and the page would show unstyled.
        model["inline_css"] = notFound ? new RawHtml(InlineStylesheet()) : null;
        model["languages"] = _interfaces.Select(i => new
        {
            i.Language, i.Name, Url = siteRoot + PrefixOf(i.Language) + spec.Path, Current = i.Language == _labels.Language,
        }).ToList();
        model["t"] = _labels.Tree;
        var siteText = _content.Site.TextIn(_labels.Language);
        model["site"] = new { siteText.Title, siteText.Subtitle, Language = _labels.Language };
        model["page"] = new
        {
            spec.Title, spec.Description, spec.Language, Path = output, Section = spec.Path.Split('/')[0], Interface = _labels.Language,
            Home = spec.Path == SitePaths.Home,
            Canonical = _content.Site.BaseUrl is { } baseUrl && !notFound ? WebFiles.Canonical(baseUrl, output) : null,
            spec.OgType,
            Locale = _labels.Language switch { "pt" => "pt_BR", "en" => "en_US", _ => "es_419" },
            JsonLd = spec.JsonLd is null ? null : new RawHtml("<script type=\"application/ld+json\">" + System.Text.Json.JsonSerializer.Serialize(spec.JsonLd()) + "</script>"),
        };
        model["nav"] = SiteSections.Navigation(_labels, root);
        model["breadcrumbs"] = notFound || spec.Path == SitePaths.Home ? null : SiteSections.Breadcrumbs(_labels, spec.Path, root);
        spec.Fill(model);
        return _cache.Page(output, () => RenderCache.ModelFingerprint(model), _stringsHash, _templates.Hash, spec.Template, () =>
        {
            var html = _templates.RenderPageUtf8(spec.Template, model, out var partials);
            return (html is null ? null : new OutputFile(output, html), partials);
        }, sink);
    }

    /// <summary>
    /// The region at a glance, for the top of the home page: how many countries are assessed, how many case
    /// studies (a practice and its translations once) and how many of them local or regional, and how the
    /// countries spread over the maturity stages of each pillar. <paramref name="distinct"/>: the case studies
    /// (<see cref="CaseStudies"/>).
    /// </summary>
    private object Glance(List<Practice> distinct) =>
        new
        {
            Countries = _content.Countries.Count,
            Practices = distinct.Count,
            Local = distinct.Count(p => p.GovernmentLevel is "local" or "regional"),
            PracticeCountries = distinct.Select(p => p.Country).Distinct().Count(),
            Stages = Enumerable.Range(1, 5).ToList(),
            Pillars = Vocabulary.Pillars.Select(pillar => new
            {
                Label = _labels.Vocab("pillar", pillar),
                Counts = Enumerable.Range(1, 5).Select(stage => _content.Countries.Count(c => c.Pillars.First(x => x.Pillar == pillar).Stage == stage)).ToList(),
            }).ToList(),
            Illustrative = _content.Countries.Any(c => c.Illustrative),
            OverviewUrl = SitePaths.Relative(SitePaths.Home, SitePaths.Overview),
            CompareUrl = SitePaths.Relative(SitePaths.Home, SitePaths.CompareChooser),
        };

    private List<CountryCardView> CountryCards(string fromPage) =>
        _content.Countries.OrderBy(c => c.Name(_labels.Language), StringComparer.Create(_labels.Culture, false))
            .Select(c => CountryCard(c, fromPage)).ToList();

    private CountryCardView CountryCard(CountryAssessment c, string fromPage) => new(
        SitePaths.Relative(fromPage, SitePaths.Country(c.Slug)), c.Code, c.Name(_labels.Language), c.CommitteeRole,
        _labels.Vocab("committee_role", c.CommitteeRole),
        c.Pillars.Select(p => new PillarBadgeView(p.Pillar, _labels.Vocab("pillar", p.Pillar), p.Level, _labels.Level(p.Pillar, p.Level), p.Stage)).ToList(),
        _content.PracticesByCountry[c.Code].Count());

    private CountryView CountryView(CountryAssessment c, string path) => new(
        Code: c.Code, Name: c.Name(_labels.Language), Language: c.Language, Role: c.CommitteeRole, RoleLabel: _labels.Vocab("committee_role", c.CommitteeRole),
        AssessmentDate: _labels.Date(c.AssessmentDate), Summary: c.Summary, Body: _markdown(c.Body, c.ContentPath, path),
        Pillars: c.Pillars.Select(p => new PillarView(
            Key: p.Pillar, Label: _labels.Vocab("pillar", p.Pillar), Level: p.Level, LevelLabel: _labels.Level(p.Pillar, p.Level), Stage: p.Stage,
            ScaleDescription: _labels.Get($"scale.{p.Pillar}.{p.Level}"), Narrative: _markdown(p.Narrative, c.ContentPath, path),
            Indicators: p.Indicators.Select(i => IndicatorView(c.Code, i)).ToList())
        { Evidence = p.Evidence.Select(Reference).ToList() }).ToList(),
        // The first practices only: the page shows CountryPractices of them and links to the country's list for the rest (at
        // 20,104 documents of three countries, the country pages' models held 60,000 cards, each made and hashed).
        Practices: _content.PracticesByCountry[c.Code].Take(CountryPractices).Select(p => PracticeCard(p, path)).ToList(),
        PracticeCount: _content.PracticesByCountry[c.Code].Count(), Illustrative: c.Illustrative);

    /// <param name="shown">Whether the card notes the practice's front matter as read (<see cref="Shown"/>); not for a card whose
    /// practice the page depends on otherwise (its related practices: <see cref="RenderCache.RelatedOf"/>).</param>
    private PracticeCardView PracticeCard(Practice p, string fromPage, bool shown = true) => new(
        Url: SitePaths.Relative(fromPage, SitePaths.Practice((shown ? Shown(p) : p).Slug)), Slug: p.Slug, Title: p.Title, Language: p.Language, CountryName: CountryName(p.Country),
        CountryUrl: SitePaths.Relative(fromPage, SitePaths.Country(p.Country.ToLowerInvariant())), LevelLabel: _labels.Vocab("government_level", p.GovernmentLevel),
        StatusLabel: _labels.Vocab("status", p.Status), YearStarted: p.YearStarted,
        Summary: p.Language != _labels.Language && p.SummaryTranslations.TryGetValue(_labels.Language, out var translated) ? translated : p.Summary,
        PillarLabels: p.Pillars.Select(x => _labels.Vocab("pillar", x)).ToList())
    {
        SummaryTranslatedTo = p.Language != _labels.Language && p.SummaryTranslations.ContainsKey(_labels.Language) ? _labels.Language : null,
        AlsoIn = TranslationsShown(p.Slug)
            .Select(t => new LinkView(SitePaths.Relative(fromPage, SitePaths.Practice(t.Slug)), _labels.Vocab("language", t.Language))).ToList(),
    };

    private PracticeView PracticeView(Practice p, string path) => new(
        Title: Shown(p).Title, Language: p.Language, CountryName: CountryName(p.Country), CountryUrl: SitePaths.Relative(path, SitePaths.Country(p.Country.ToLowerInvariant())),
        GovernmentLevelLabel: _labels.Vocab("government_level", p.GovernmentLevel), Relations: p.Relations, PillarLabels: p.Pillars.Select(x => _labels.Vocab("pillar", x)).ToList(),
        SectorLabels: p.Sectors.Select(x => _labels.Vocab("sector", x)).ToList(), YearStarted: p.YearStarted, Status: p.Status, StatusLabel: _labels.Vocab("status", p.Status),
        Replicability: p.Replicability, ReplicabilityLabel: _labels.Vocab("replicability", p.Replicability), ReplicationConditions: p.ReplicationConditions, Funding: p.Funding,
        LanguageLabel: _labels.Vocab("language", p.Language), Summary: p.Summary, Body: _markdown(p.Body, p.ContentPath, path),
        Sources: p.Sources.Select(Reference).ToList(), Illustrative: p.Illustrative);

    /// <summary>A case study as schema.org sees it: an article about a government service in a country.</summary>
    private Dictionary<string, object?> PracticeJsonLd(Practice p) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Article",
        ["headline"] = p.Title,
        ["description"] = p.Summary,
        ["inLanguage"] = p.Language,
        ["about"] = new Dictionary<string, object?>
        {
            ["@type"] = "GovernmentService",
            ["name"] = p.Title,
            ["areaServed"] = new Dictionary<string, object?> { ["@type"] = "Country", ["name"] = CountryName(p.Country), ["identifier"] = p.Country },
            ["serviceType"] = p.Sectors.Select(x => _labels.Vocab("sector", x)).ToList(),
        },
        ["isBasedOn"] = p.Sources.Where(r => r.Url is not null).Select(r => r.Url).ToList(),
    };

    /// <summary>A practice a page shows, noted as read by the page being made: its front matter (<see cref="RenderCache.HeadOf"/>),
    /// on which the page then depends. Every practice a practice's own page shows is taken through here.</summary>
    private static Practice Shown(Practice p)
    {
        RenderCache.Record(RenderCache.HeadOf(p.ContentPath));
        return p;
    }

    /// <summary>The practice of a slug, as <see cref="Shown"/>.</summary>
    private Practice ShownPractice(string slug) => Shown(_content.PracticesBySlug[slug]);

    /// <summary>The other languages' versions of a practice, as <see cref="Shown"/>, the list itself noted as read too
    /// (<see cref="RenderCache.TranslationsOf"/>: another practice's front matter may join or leave it).</summary>
    private IEnumerable<Practice> TranslationsShown(string slug)
    {
        RenderCache.Record(RenderCache.TranslationsOf(slug));
        return _content.TranslationsOf.GetValueOrDefault(slug, []).Select(ShownPractice);
    }

    private static ReferenceView Reference(Reference r) => new(r.Title, r.Publisher, r.Year, r.Url);

    private string CountryName(string code) => _content.CountriesByCode[code].Name(_labels.Language);
}

