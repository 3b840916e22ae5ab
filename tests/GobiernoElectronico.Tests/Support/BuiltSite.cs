using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// A content tree built once per test run into a temporary folder and shared by the tests that only read
/// the result (links, search, browser). Building once keeps the run lean on a 2-core machine.
/// </summary>
public sealed class BuiltSite(string name, Func<string> contentRoot)
{
    private readonly Lazy<string> _built = new(() =>
    {
        var output = RunFolders.Folder(name);
        if (Directory.Exists(output)) Directory.Delete(output, true);
        var result = BuildPipeline.Build(new BuildOptions(contentRoot(), Repo.Templates, output));
        if (!result.Succeeded) throw new InvalidOperationException($"{name} does not build:\n" + string.Join('\n', result.Diagnostics));
        return output;
    });

    private static readonly BuiltSite Shipped = new("site", () => Repo.Content);

    /// <summary>The shipped content, built.</summary>
    public static string Root => Shipped._built.Value;

    /// <summary>The folder of this built site.</summary>
    public string Folder => _built.Value;
}
