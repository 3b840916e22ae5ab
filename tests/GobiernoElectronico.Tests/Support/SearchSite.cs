using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Support;

/// <summary>The trilingual search fixture (Fixtures/search), built once per test run.</summary>
public static class SearchSite
{
    private static readonly Lazy<string> Built = new(() =>
    {
        var output = Path.Combine(Path.GetTempPath(), "ge-search-site-" + Environment.ProcessId);
        if (Directory.Exists(output)) Directory.Delete(output, true);
        var result = BuildPipeline.Build(new BuildOptions(Path.Combine(Repo.Fixture("search"), "content"), Repo.Templates, output));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
        return output;
    });

    public static string Root => Built.Value;
}
