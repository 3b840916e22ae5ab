using GobiernoElectronico.Site;

namespace GobiernoElectronico.Tests.Site;

public class SitePathsTests
{
    /// <summary>Every link of a page leads back to the root through as many "../" as the page is deep: from the prefixes made
    /// once for the depths pages have, and beyond them as before.</summary>
    [TestCase("index.html", "")]
    [TestCase("practices/index.html", "../")]
    [TestCase("en/practices/a-b/index.html", "../../../")]
    [TestCase("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/index.html", "../../../../../../../../../../../../../../../")]
    [TestCase("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/index.html", "../../../../../../../../../../../../../../../../../")]
    public void The_way_back_to_the_root_has_a_step_per_folder(string page, string prefix)
    {
        Assert.That(SitePaths.RootFrom(page), Is.EqualTo(prefix));
        Assert.That(SitePaths.Relative(page, "countries/bo/index.html"), Is.EqualTo(prefix + "countries/bo/index.html"));
    }

    /// <summary>Only a path that stays inside the site may be written or kept.</summary>
    [TestCase("index.html", true)]
    [TestCase("en/practices/a-b/index.html", true)]
    [TestCase("search/data/t-12.js", true)]
    [TestCase("a..b/.hidden/x", true)]
    [TestCase("", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("../index.html", false)]
    [TestCase("a/../../b", false)]
    [TestCase("a/./b", false)]
    [TestCase("a//b", false)]
    [TestCase("a/", false)]
    [TestCase(".", false)]
    [TestCase("..", false)]
    [TestCase("a\\b", false)]
    [TestCase("C:/x", false)]
    public void A_path_is_safe_only_inside_the_site(string path, bool safe) => Assert.That(SitePaths.IsSafe(path), Is.EqualTo(safe));
}
