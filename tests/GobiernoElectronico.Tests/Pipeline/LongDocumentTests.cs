using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>
/// Real documents are long: eight public-domain articles of 6,900–8,900 words (Fixtures/long) built beside the
/// search fixture. Before related practices capped MoreLikeThis's terms, each of them crashed the build with
/// Lucene's "maxClauseCount is set to 1024".
/// </summary>
public class LongDocumentTests
{
    [Test]
    public void A_corpus_of_long_real_documents_builds_with_related_practices()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        var longFiles = Directory.GetFiles(Path.Combine(Repo.Fixture("long"), "practices"), "*.md");
        Assert.That(longFiles, Has.Length.GreaterThanOrEqualTo(8));
        foreach (var file in longFiles)
        {
            Assert.That(File.ReadAllText(file).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThan(6000), file);
            File.Copy(file, dir[$"content/practices/{Path.GetFileName(file)}"]);
        }
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], new DateOnly(2026, 1, 1)));
        Assert.That(result.Succeeded, string.Join('\n', result.Diagnostics));
        var page = File.ReadAllText(dir["site/practices/uswds-monthly-call-march-2024/index.html"]);
        // Its nearest neighbours are the other monthly calls, not the short practices about telecentres.
        Assert.That(page, Does.Contain("practices/uswds-monthly-call-october-2024/index.html"));
    }
}
