using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

// Organisations and the regional directory.
public sealed partial class SiteRenderer
{
    private OrganisationView OrganisationView(Organisation o, string from) => new(
        Url: SitePaths.Relative(from, SitePaths.Organisation(o.Slug)), Slug: o.Slug, Name: o.Name, Acronym: o.Acronym, KindLabel: _labels.Vocab("organisation_kind", o.Kind),
        RoleLabels: o.Roles.Select(r => _labels.Vocab("organisation_role", r)).ToList(),
        Countries: o.Countries.Where(_content.CountriesByCode.ContainsKey).Select(c => CountryLink(c, from)).ToList(),
        Website: o.Website, Supports: o.Supports.Select(ShownPractice).Select(p => new LinkView(SitePaths.Relative(from, SitePaths.Practice(p.Slug)), p.Title)).ToList(),
        Language: o.Language, Summary: o.Summary, Sources: o.Sources.Select(Reference).ToList(), Illustrative: o.Illustrative, Body: _markdown(o.Body, o.ContentPath, from));

    private DirectoryView DirectoryView(DirectoryEntry d, string from) => new(
        Url: SitePaths.Relative(from, SitePaths.DirectoryEntry(d.Slug)), Slug: d.Slug, Name: d.Name, KindLabel: _labels.Vocab("directory_kind", d.Kind),
        Country: CountryLink(d.Country, from), SectorLabel: _labels.Vocab("sector", d.Sector),
        Position: d.Position, Organisation: d.Organisation is { } o ? new LinkView(SitePaths.Relative(from, SitePaths.Organisation(o)), _content.OrganisationsBySlug[o].Name) : null,
        Initiatives: d.Initiatives.Select(ShownPractice).Select(p => new LinkView(SitePaths.Relative(from, SitePaths.Practice(p.Slug)), p.Title)).ToList(),
        Language: d.Language, Summary: d.Summary, Body: _markdown(d.Body, d.ContentPath, from));

    /// <summary>An organisation as schema.org describes it.</summary>
    private static Dictionary<string, object?> OrganisationJsonLd(Organisation o) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = o.Kind switch { "government" => "GovernmentOrganization", "university" or "research-institute" => "EducationalOrganization", "ngo" => "NGO", "company" => "Corporation", _ => "Organization" },
        ["name"] = o.Name,
        ["alternateName"] = o.Acronym,
        ["description"] = o.Summary,
        ["url"] = o.Website,
    };

    private IEnumerable<PageSpec> DirectoryPages()
    {
        var lang = _labels.Language;
        foreach (var page in ListPages("organisations", "pages/organisations.html", "organisations.title", "organisations.description", _content.Organisations, OrganisationFacets(),
            (m, items, path) => m["organisations"] = items.Select(o => OrganisationView(o, path)).ToList()))
            yield return page;
        foreach (var o in _content.Organisations) yield return OrganisationPage(o);
        foreach (var page in ListPages("directory", "pages/directory.html", "directory.title", "directory.description", _content.Directory, DirectoryFacets(),
            (m, items, path) => m["entries"] = items.Select(d => DirectoryView(d, path)).ToList()))
            yield return page;
        foreach (var d in _content.Directory) yield return DirectoryEntryPage(d);
    }

    private PageSpec OrganisationPage(Organisation o)
    {
        var path = SitePaths.Organisation(o.Slug);
        return new PageSpec(path, "pages/organisation.html", o.Name, o.Summary, o.Language, m =>
        {
            m["organisation"] = OrganisationView(o, path);
            m["people"] = _content.DirectoryByOrganisation[o.Slug].Select(d => DirectoryView(d, path)).ToList();
        })
        { JsonLd = () => OrganisationJsonLd(o) };
    }

    private PageSpec DirectoryEntryPage(DirectoryEntry d)
    {
        var path = SitePaths.DirectoryEntry(d.Slug);
        return new PageSpec(path, "pages/directory-entry.html", d.Name, d.Summary, d.Language, m => m["entry"] = DirectoryView(d, path));
    }
}
