using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// The shipped content, built once per test run into a temporary folder and shared by the tests that only
/// read the result (links, search, browser). Building once keeps the run lean on a 2-core machine.
/// </summary>
public static class BuiltSite
{
    private static readonly Lazy<string> Built = new(() =>
    {
        var output = Path.Combine(Path.GetTempPath(), "ge-site-" + Environment.ProcessId);
        if (Directory.Exists(output)) Directory.Delete(output, true);
        var result = BuildPipeline.Build(new BuildOptions(Repo.Content, Repo.Templates, output));
        if (!result.Succeeded)
            throw new InvalidOperationException("the shipped content does not build:\n" + string.Join('\n', result.Diagnostics));
        return output;
    });

    /// <summary>The folder of the built site.</summary>
    public static string Root => Built.Value;
}
