using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Render;

/// <summary>One filter of a list: its label and its values, each a link to a pre-rendered page.</summary>
public sealed record FilterView(string Label, IReadOnlyList<FilterOptionView> Options);

/// <summary>One value of a filter.</summary>
public sealed record FilterOptionView(string Text, string Url, int Count, bool Current);

// Lists filtered without JavaScript: one pre-rendered page per filter value.
public sealed partial class SiteRenderer
{
    /// <summary>A facet of a list: its key (in URLs), label, and the values of an item.</summary>
    private sealed record ListFacet<T>(string Key, string Label, Func<T, IEnumerable<string>> Values, Func<string, string> ValueLabel);

    private static string FilterPath(string list, string facet, string value) => $"{list}/{facet}/{value.ToLowerInvariant()}/index.html";

    /// <summary>The filters shown on a page of the list, with the current one marked.</summary>
    private List<FilterView> Filters<T>(string list, IReadOnlyList<T> items, IReadOnlyList<ListFacet<T>> facets, string from, (string Facet, string Value)? current) =>
        facets.Select(f => new FilterView(f.Label, items.SelectMany(f.Values).GroupBy(v => v, StringComparer.Ordinal)
            .OrderBy(g => f.ValueLabel(g.Key), StringComparer.Create(_labels.Culture, false))
            .Select(g => new FilterOptionView(f.ValueLabel(g.Key), SitePaths.Relative(from, FilterPath(list, f.Key, g.Key)), g.Count(),
                current is { } c && c.Facet == f.Key && c.Value == g.Key)).ToList())).ToList();

    /// <summary>One page per facet value, each with the matching items and the filters.</summary>
    private IEnumerable<PageSpec> FilteredPages<T>(string list, string template, string title, IReadOnlyList<T> items, IReadOnlyList<ListFacet<T>> facets,
        Action<Scriban.Runtime.ScriptObject, IReadOnlyList<T>, string> fill)
    {
        foreach (var f in facets)
            foreach (var value in items.SelectMany(f.Values).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var path = FilterPath(list, f.Key, value);
                var matching = items.Where(i => f.Values(i).Contains(value)).ToList();
                yield return new PageSpec(path, template, $"{title}: {f.ValueLabel(value)}", $"{title} — {f.Label}: {f.ValueLabel(value)}", _labels.Language, m =>
                {
                    fill(m, matching, path);
                    m["filters"] = Filters(list, items, facets, path, (f.Key, value));
                    m["filter"] = new { f.Label, Value = f.ValueLabel(value), All = SitePaths.Relative(path, $"{list}/index.html") };
                });
            }
    }

    /// <summary>A list's page (with its filters) and one pre-rendered page per filter value.</summary>
    private IEnumerable<PageSpec> ListPages<T>(string list, string template, string titleKey, string descriptionKey, IReadOnlyList<T> items,
        IReadOnlyList<ListFacet<T>> facets, Action<Scriban.Runtime.ScriptObject, IReadOnlyList<T>, string> fill)
    {
        var index = $"{list}/index.html";
        yield return new PageSpec(index, template, _labels.Get(titleKey), _labels.Get(descriptionKey), _labels.Language, m =>
        {
            fill(m, items, index);
            m["filters"] = Filters(list, items, facets, index, null);
            m["filter"] = null;
        });
        foreach (var page in FilteredPages(list, template, _labels.Get(titleKey), items, facets, fill)) yield return page;
    }

    private List<ListFacet<Practice>> PracticeFacets() =>
    [
        new("country", _labels.Get("practice.country"), p => [p.Country], CountryName),
        new("pillar", _labels.Get("practice.pillars"), p => p.Pillars, v => _labels.Vocab("pillar", v)),
        new("level", _labels.Get("practice.government_level"), p => [p.GovernmentLevel], v => _labels.Vocab("government_level", v)),
        new("sector", _labels.Get("practice.sectors"), p => p.Sectors, v => _labels.Vocab("sector", v)),
        new("status", _labels.Get("practice.status"), p => [p.Status], v => _labels.Vocab("status", v)),
    ];

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
