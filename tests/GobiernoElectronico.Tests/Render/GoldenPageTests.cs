using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>
/// The rendered HTML of the mini fixture, page by page, against the files in Fixtures/golden/. After an
/// intended change to templates or rendering, run the tests with UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class GoldenPageTests
{
    private static readonly Lazy<string> Built = new(() =>
    {
        var output = RunFolders.Folder("golden");
        if (Directory.Exists(output)) Directory.Delete(output, true);
        var result = BuildPipeline.Build(new BuildOptions(Path.Combine(Repo.Fixture("mini"), "content"), Repo.Templates, output));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
        return output;
    });

    /// <summary>The pages with a golden file (Fixtures/golden mirrors the built site).</summary>
    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(Repo.Fixture("golden"), "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Fixture("golden"), f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Pages))]
    public void Page_matches_its_golden_file(string page)
    {
        var actual = File.ReadAllText(Path.Combine(Built.Value, page));
        var golden = Path.Combine(Repo.Fixture("golden"), page);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }
        Assert.That(File.Exists(golden), $"no golden file for {page}; run with UPDATE_GOLDEN=1");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(golden)), $"{page} differs from {golden}");
    }

    [Test]
    public void Every_page_of_the_fixture_has_a_golden_file()
    {
        var built = Directory.GetFiles(Built.Value, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Built.Value, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            foreach (var page in built)
            {
                var golden = Path.Combine(Repo.Fixture("golden"), page);
                Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
                File.WriteAllText(golden, File.ReadAllText(Path.Combine(Built.Value, page)));
            }
        Assert.That(built, Is.EquivalentTo(Pages()));
    }
}
