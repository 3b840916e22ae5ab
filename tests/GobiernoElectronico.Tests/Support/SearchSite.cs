namespace GobiernoElectronico.Tests.Support;

/// <summary>The trilingual search fixture (Fixtures/search), built once per test run.</summary>
public static class SearchSite
{
    private static readonly BuiltSite Site = new("search-site", () => Path.Combine(Repo.Fixture("search"), "content"));

    public static string Root => Site.Folder;
}
