namespace GobiernoElectronico.Tests.Support;

/// <summary>Paths of the repository and of the test fixtures.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GobiernoElectronico.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GobiernoElectronico.sln not found above the test directory");
    });

    /// <summary>The repository root (where GobiernoElectronico.sln is).</summary>
    public static string Root => RootPath.Value;

    public static string Content => Path.Combine(Root, "content");

    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>A fixture folder under tests/GobiernoElectronico.Tests/Fixtures (read from the source tree, so golden files can be updated).</summary>
    public static string Fixture(string name) => Path.Combine(Root, "tests", "GobiernoElectronico.Tests", "Fixtures", name);

    /// <summary>The built CLI (ge.dll), next to the test assembly.</summary>
    public static string CliDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "ge.dll");
}
