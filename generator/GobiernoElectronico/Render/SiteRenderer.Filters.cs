using GobiernoElectronico.Hashing;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>One filter of a list: its label and its values, each a link to a pre-rendered page.</summary>
public sealed record FilterView(string Label, IReadOnlyList<FilterOptionView> Options);

/// <summary>One value of a filter.</summary>
public sealed record FilterOptionView(string Text, string Url, int Count, bool Current);

/// <summary>Where a page stands in a list of several pages: items <paramref name="From"/> to <paramref name="To"/> of <paramref name="Items"/>.</summary>
public sealed record PagerView(int Current, int Total, int Items, int From, int To, string? Previous, string? Next, IReadOnlyList<PagerLinkView> Links);

/// <summary>A link of the pager: a page number, or a gap (…) between numbers.</summary>
public sealed record PagerLinkView(int? Number, string? Url, bool Current, bool Gap);

// Lists filtered without JavaScript: one pre-rendered page per filter value.
public sealed partial class SiteRenderer
{
    /// <summary>A facet of a list: its key (in URLs), label, and the values of an item.</summary>
    private sealed record ListFacet<T>(string Key, string Label, Func<T, IEnumerable<string>> Values, Func<string, string> ValueLabel);

    private static string FilterPath(string list, string facet, string value) => $"{list}/{facet}/{value.ToLowerInvariant()}/index.html";

    /// <summary>Items per page of a list: at region scale a list is thousands of items, and one page of 20,000 cards
    /// would be megabytes on a slow link. The search page finds across all of them.</summary>
    public const int ListPageSize = 50;

    /// <summary>Page <paramref name="number"/> (from 1) of the list whose first page is <paramref name="first"/>.</summary>
    internal static string PagePath(string first, int number) =>
        number == 1 ? first : $"{first[..^"index.html".Length]}page/{number}/index.html";

    /// <summary>The values of a facet with their items, in the order of their labels (computed once per list).</summary>
    private sealed record FacetValue<T>(string Value, string Label, IReadOnlyList<T> Items);

    private List<(ListFacet<T> Facet, List<FacetValue<T>> Values)> Group<T>(IReadOnlyList<T> items, IReadOnlyList<ListFacet<T>> facets)
    {
        var collation = StringComparer.Create(_labels.Culture, false);
        return facets.Select(f =>
        {
            var byValue = new Dictionary<string, List<T>>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var ofItem = f.Values(item);
                // Most facets hold one value per item (its country, level, status): no set is made to find it once.
                if (ofItem is IReadOnlyList<string> { Count: 1 } one) Add(one[0], item);
                else
                    foreach (var value in ofItem.Distinct(StringComparer.Ordinal)) Add(value, item);
            }
            void Add(string value, T item)
            {
                if (!byValue.TryGetValue(value, out var list)) byValue[value] = list = [];
                list.Add(item);
            }
            var values = byValue.Select(kv => new FacetValue<T>(kv.Key, f.ValueLabel(kv.Key), kv.Value))
                .OrderBy(v => v.Label, collation).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
            return (f, values);
        }).ToList();
    }

    /// <summary>The filters shown on a page of the list, with the current one marked.</summary>
    private static List<FilterView> Filters<T>(string list, List<(ListFacet<T> Facet, List<FacetValue<T>> Values)> groups, string from, (string Facet, string Value)? current) =>
        groups.Select(g => new FilterView(g.Facet.Label, g.Values.Select(v => new FilterOptionView(v.Label, SitePaths.Relative(from, FilterPath(list, g.Facet.Key, v.Value)),
            v.Items.Count, current is { } c && c.Facet == g.Facet.Key && c.Value == v.Value)).ToList())).ToList();

    /// <summary>
    /// A list's pages: the whole list, then one list per facet value, each in pages of <see cref="ListPageSize"/>
    /// items with the filters and a pager. Every item appears once per list it is in, so the work is linear in
    /// the items times their facet values.
    /// </summary>
    /// <param name="composition">The dependency that stands for everything the list's pages are made of but the front matter of the
    /// items they show (<see cref="RenderCache.PracticeLists"/>), for a list whose pages note each item's (<see cref="Shown"/>);
    /// null for a list whose pages are looked at through their models after any edit of front matter.</param>
    private IEnumerable<PageSpec> ListPages<T>(string list, string template, string titleKey, string descriptionKey, IReadOnlyList<T> items,
        IReadOnlyList<ListFacet<T>> facets, Action<Scriban.Runtime.ScriptObject, IReadOnlyList<T>, string> fill, string? composition = null)
    {
        var title = _labels.Get(titleKey);
        var groups = Group(items, facets);
        foreach (var page in Paged(list, $"{list}/index.html", template, title, _labels.Get(descriptionKey), items, groups, null, fill, composition)) yield return page;
        foreach (var (f, values) in groups)
            foreach (var v in values)
                foreach (var page in Paged(list, FilterPath(list, f.Key, v.Value), template, $"{title}: {v.Label}", $"{title} — {f.Label}: {v.Label}", v.Items, groups, (f, v), fill, composition))
                    yield return page;
    }

    private IEnumerable<PageSpec> Paged<T>(string list, string first, string template, string title, string description, IReadOnlyList<T> items,
        List<(ListFacet<T> Facet, List<FacetValue<T>> Values)> groups, (ListFacet<T> Facet, FacetValue<T> Value)? current,
        Action<Scriban.Runtime.ScriptObject, IReadOnlyList<T>, string> fill, string? composition)
    {
        var total = Math.Max(1, (items.Count + ListPageSize - 1) / ListPageSize);
        for (var number = 1; number <= total; number++)
        {
            var path = PagePath(first, number);
            var slice = items.Skip((number - 1) * ListPageSize).Take(ListPageSize).ToList();
            var n = number;
            var pageTitle = total == 1 ? title : $"{title} ({_labels.Get("filters.page")} {n} {_labels.Get("filters.of")} {total})";
            yield return new PageSpec(path, template, pageTitle, description, _labels.Language, m =>
            {
                if (composition is not null) RenderCache.Record(composition);
                fill(m, slice, path);
                m["filters"] = Filters(list, groups, path, current is { } c ? (c.Facet.Key, c.Value.Value) : null);
                m["filter"] = current is { } cur
                    ? new { cur.Facet.Label, Value = cur.Value.Label, All = SitePaths.Relative(path, $"{list}/index.html") }
                    : null;
                m["pager"] = total == 1 ? null : Pager(first, path, n, total, items.Count);
            })
            { RecordsHeads = composition is not null };
        }
    }

    /// <summary>Links to the first, last, previous, next and nearby pages of a list (never all of them: a list may have hundreds).</summary>
    private static PagerView Pager(string first, string from, int current, int total, int items)
    {
        string Url(int k) => SitePaths.Relative(from, PagePath(first, k));
        var shown = new SortedSet<int> { 1, total };
        for (var k = Math.Max(1, current - 2); k <= Math.Min(total, current + 2); k++) shown.Add(k);
        var links = new List<PagerLinkView>();
        var previous = 0;
        foreach (var k in shown)
        {
            if (previous > 0 && k > previous + 1) links.Add(new PagerLinkView(null, null, false, true));
            links.Add(new PagerLinkView(k, Url(k), k == current, false));
            previous = k;
        }
        return new PagerView(current, total, items, (current - 1) * ListPageSize + 1, Math.Min(items, current * ListPageSize),
            current > 1 ? Url(current - 1) : null, current < total ? Url(current + 1) : null, links);
    }

    /// <summary>The facets of the list of practices: each one's key, the key of its label, the values of a practice and the label
    /// of a value. The lists' pages and the key of what they are made of (<see cref="PracticeListsKey"/>) both read them from here.</summary>
    private static readonly (string Key, string Label, Func<Practice, IEnumerable<string>> Values, Func<SiteRenderer, string, string> ValueLabel)[] PracticeFacetValues =
    [
        ("country", "practice.country", p => [p.Country], (r, v) => r.CountryName(v)),
        ("pillar", "practice.pillars", p => p.Pillars, (r, v) => r._labels.Vocab("pillar", v)),
        ("relation", "practice.relation", p => p.Relations, (_, v) => v),
        ("level", "practice.government_level", p => [p.GovernmentLevel], (r, v) => r._labels.Vocab("government_level", v)),
        ("sector", "practice.sectors", p => p.Sectors, (r, v) => r._labels.Vocab("sector", v)),
        ("status", "practice.status", p => [p.Status], (r, v) => r._labels.Vocab("status", v)),
        // By decade rather than by year: a handful of pages per language, each a period a planner asks about.
        ("decade", "practice.decade", p => [Decade(p.YearStarted)], (_, v) => $"{v}–{int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) + 9}"),
    ];

    private List<ListFacet<Practice>> PracticeFacets() =>
        [.. PracticeFacetValues.Select(f => new ListFacet<Practice>(f.Key, _labels.Get(f.Label), f.Values, v => f.ValueLabel(this, v)))];

    /// <summary>
    /// The key of what the lists of practices are made of besides the front matter their cards show: for every practice, in
    /// content order, its values of each facet (<see cref="PracticeFacetValues"/>, which the lists group by) and what
    /// <see cref="CaseStudies"/> orders and chooses by (its slug, language and translations).
    /// While it holds, a page of a list shows the same practices in the same places with the same filters and pager, and
    /// changes only if the front matter of a practice it shows does (<see cref="Shown"/>): a practice's summary or title edited
    /// makes again the pages that show it, not all 9,727 list pages of 20,104 documents.
    /// </summary>
    internal static Hash128 PracticeListsKey(ContentSet content)
    {
        var text = new System.Text.StringBuilder();
        foreach (var p in content.Practices)
        {
            text.Append(p.Slug).Append('\u001f').Append(p.Language);
            foreach (var (_, _, values, _) in PracticeFacetValues) text.Append('\u001f').AppendJoin(',', values(p));
            text.Append('\u001f').AppendJoin(',', content.TranslationsOf.GetValueOrDefault(p.Slug, [])).Append('\u001e');
        }
        return Hash128.XxHash(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string Decade(int year) => (year / 10 * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// One entry per case study for lists: a practice and its translations are one case study, shown in the
    /// interface language when a translation exists, else in the original (in content order otherwise).
    /// </summary>
    private List<Practice> CaseStudies()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Practice>();
        foreach (var p in _content.Practices)
        {
            if (seen.Contains(p.Slug)) continue;
            var group = new[] { p }.Concat(_content.TranslationsOf.GetValueOrDefault(p.Slug, []).Select(t => _content.PracticesBySlug[t])).ToList();
            foreach (var member in group) seen.Add(member.Slug);
            result.Add(group.FirstOrDefault(m => m.Language == _labels.Language) ?? p);
        }
        return result;
    }

    private List<ListFacet<DirectoryEntry>> DirectoryFacets() =>
    [
        new("country", _labels.Get("practice.country"), d => [d.Country], CountryName),
        new("sector", _labels.Get("directory.sector"), d => [d.Sector], v => _labels.Vocab("sector", v)),
        new("kind", _labels.Get("directory.kind"), d => [d.Kind], v => _labels.Vocab("directory_kind", v)),
    ];

    private List<ListFacet<Organisation>> OrganisationFacets() =>
    [
        new("kind", _labels.Get("organisations.kind"), o => [o.Kind], v => _labels.Vocab("organisation_kind", v)),
        new("role", _labels.Get("organisations.roles"), o => o.Roles, v => _labels.Vocab("organisation_role", v)),
    ];

    private List<ListFacet<Workshop>> WorkshopFacets() =>
    [
        new("scope", _labels.Get("workshops.scope"), w => [w.Scope], v => _labels.Vocab("workshop_scope", v)),
        new("country", _labels.Get("practice.country"), w => [w.Country], CountryName),
    ];

    private List<ListFacet<Telecentre>> TelecentreFacets() =>
    [
        new("country", _labels.Get("practice.country"), t => [t.Country], CountryName),
        new("kind", _labels.Get("telecentres.kind"), t => [t.Kind], v => _labels.Vocab("telecentre_kind", v)),
        new("ownership", _labels.Get("telecentres.ownership"), t => [t.Ownership], v => _labels.Vocab("ownership", v)),
    ];
}
