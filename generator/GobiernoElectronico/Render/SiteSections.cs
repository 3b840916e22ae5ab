using GobiernoElectronico.I18n;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>
/// The sections of the site, in menu order: one table for the main navigation and the breadcrumbs, so that a new
/// section is added once. A section owns the pages whose first folder is one of its <see cref="Section.Folders"/>.
/// </summary>
public static class SiteSections
{
    /// <param name="Index">The section's first page.</param>
    /// <param name="Label">The i18n key of its name.</param>
    public sealed record Section(string Index, string Label, IReadOnlyList<string> Folders);

    public static readonly IReadOnlyList<Section> All =
    [
        new(SitePaths.Home, "nav.home", []),
        new(SitePaths.Countries, "nav.countries", ["countries"]),
        new(SitePaths.Practices, "nav.practices", ["practices"]),
        new(SitePaths.Overview, "nav.overview", ["overview", "compare"]),
        new(SitePaths.Timeline, "nav.timeline", ["timeline"]),
        new(SitePaths.Telecentres, "nav.telecentres", ["telecentres"]),
        new(SitePaths.Workshops, "nav.workshops", ["workshops"]),
        new(SitePaths.Organisations, "nav.organisations", ["organisations"]),
        new(SitePaths.DirectoryIndex, "nav.directory", ["directory"]),
    ];

    /// <summary>The main navigation, from a page whose path to the site root is <paramref name="root"/>.</summary>
    public static IReadOnlyList<LinkView> Navigation(Labels labels, string root) =>
        All.Select(s => new LinkView(root + s.Index, labels.Get(s.Label))).ToList();

    /// <summary>The trail above a page: home, then its section's first page when the page is below it (the page itself follows, unlinked).</summary>
    public static List<LinkView> Breadcrumbs(Labels labels, string path, string root)
    {
        var crumbs = new List<LinkView> { new(root + All[0].Index, labels.Get(All[0].Label)) };
        var folder = path.Split('/')[0];
        if (All.FirstOrDefault(s => s.Folders.Contains(folder)) is { } section && section.Index != path)
            crumbs.Add(new LinkView(root + section.Index, labels.Get(section.Label)));
        return crumbs;
    }
}
