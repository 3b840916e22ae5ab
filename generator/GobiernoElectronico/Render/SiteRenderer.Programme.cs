using System.Globalization;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

// Telecentres (tasks 3–4) and workshops (task 7).
public sealed partial class SiteRenderer
{
    private LinkView CountryLink(string code, string from) => new(SitePaths.Relative(from, SitePaths.Country(code.ToLowerInvariant())), CountryName(code));

    private LinkView OrganisationLink(string slug, string from) => new(SitePaths.Relative(from, SitePaths.Organisation(slug)), _content.OrganisationsBySlug[slug].Name);

    private TelecentreView TelecentreView(Telecentre t, string from) => new(
        Url: SitePaths.Relative(from, SitePaths.Telecentre(t.Slug)), Name: t.Name, Country: CountryLink(t.Country, from), KindLabel: _labels.Vocab("telecentre_kind", t.Kind),
        OwnershipLabel: _labels.Vocab("ownership", t.Ownership), Sites: t.Sites, Place: t.Place, IncentiveLabels: t.Incentives.Select(i => _labels.Vocab("incentive", i)).ToList(), Services: t.Services,
        Operator: t.Operator is { } o ? OrganisationLink(o, from) : null,
        Practice: t.Practice is { } p ? new LinkView(SitePaths.Relative(from, SitePaths.Practice(p)), ShownPractice(p).Title) : null,
        Year: t.Year, Source: Reference(t.Source), Language: t.Language, Summary: t.Summary, Illustrative: t.Illustrative, Body: _markdown(t.Body, t.ContentPath, from));

    private WorkshopView WorkshopView(Workshop w, string from) => new(
        Url: SitePaths.Relative(from, SitePaths.Workshop(w.Slug)), Title: w.Title, ScopeLabel: _labels.Vocab("workshop_scope", w.Scope), Date: _labels.Date(w.Date),
        DateIso: w.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), EndDate: w.EndDate is { } e ? _labels.Date(e) : null,
        EndDateIso: w.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Place: w.Place, Country: CountryLink(w.Country, from),
        Organisers: w.Organisers.Select(o => OrganisationLink(o, from)).ToList(), Participants: w.Participants, Outcomes: w.Outcomes, Documents: w.Documents.Select(Reference).ToList(),
        Activity: w.Activity is { } a ? new LinkView(SitePaths.Relative(from, SitePaths.Activity(a)), _content.ActivitiesBySlug[a].Title) : null,
        Language: w.Language, Summary: w.Summary, Illustrative: w.Illustrative, Body: _markdown(w.Body, w.ContentPath, from));

    private IEnumerable<PageSpec> ProgrammePages()
    {
        var lang = _labels.Language;
        foreach (var page in ListPages("telecentres", "pages/telecentres.html", "telecentres.title", "telecentres.description", _content.Telecentres, TelecentreFacets(), (m, items, path) =>
        {
            m["telecentres"] = items.Select(t => TelecentreView(t, path)).ToList();
            m["data"] = DataLinks(path);
        }))
            yield return page;
        foreach (var t in _content.Telecentres) yield return TelecentrePage(t);
        foreach (var page in ListPages("workshops", "pages/workshops.html", "workshops.title", "workshops.description", _content.Workshops, WorkshopFacets(),
            (m, items, path) => m["workshops"] = items.Select(w => WorkshopView(w, path)).ToList()))
            yield return page;
        foreach (var w in _content.Workshops) yield return WorkshopPage(w);
    }

    private PageSpec TelecentrePage(Telecentre t)
    {
        var path = SitePaths.Telecentre(t.Slug);
        return new PageSpec(path, "pages/telecentre.html", t.Name, t.Summary, t.Language, m => m["telecentre"] = TelecentreView(t, path));
    }

    private PageSpec WorkshopPage(Workshop w)
    {
        var path = SitePaths.Workshop(w.Slug);
        return new PageSpec(path, "pages/workshop.html", w.Title, w.Summary, w.Language, m => m["workshop"] = WorkshopView(w, path));
    }
}
