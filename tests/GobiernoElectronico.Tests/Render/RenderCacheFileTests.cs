using GobiernoElectronico.Hashing;
using GobiernoElectronico.Render;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Render;

/// <summary>The render stage's part of the build cache on disk: what one build wrote is what the next one reads, page by
/// page, with the lists of partials and the names of dependencies written once each; a file that is not whole is no cache.</summary>
public class RenderCacheFileTests
{
    private static Hash128 K(ulong low) => new(0, low);

    private static readonly Hash128 Max = new(ulong.MaxValue, ulong.MaxValue);

    private static RenderCacheFile.Contents Sample()
    {
        IReadOnlyList<string> practice = ["header.html", "practice-card.html"];
        var pages = new Dictionary<string, RenderCache.PageEntry>(StringComparer.Ordinal)
        {
            ["practices/a/index.html"] = new(K(1), null, practice, K(11), [(RenderCache.BodyOf("practices/a.md"), Max), (RenderCache.RelatedOf("a"), K(5)),
                (RenderCache.HeadOf("practices/a.md"), K(6)), (RenderCache.TranslationsOf("a"), K(7))], HeadsRecorded: true),
            ["en/practices/a/index.html"] = new(K(2), null, ["header.html", "practice-card.html"], K(12), [(RenderCache.BodyOf("practices/a.md"), Max)]),
            // The same dependencies with the same values as the page above, in another list: one list when read.
            ["pt/practices/a/index.html"] = new(K(6), null, practice, K(16), [(RenderCache.BodyOf("practices/a.md"), Max), (RenderCache.RelatedOf("a"), K(5)),
                (RenderCache.HeadOf("practices/a.md"), K(6)), (RenderCache.TranslationsOf("a"), K(7))], HeadsRecorded: true),
            // A dependency with another value than on the pages above.
            ["practices/c/index.html"] = new(K(7), null, practice, K(17), [(RenderCache.BodyOf("practices/a.md"), K(8))]),
            ["index.html"] = new(new Hash128(ulong.MaxValue, 3), null, ["header.html"], null, null),
            ["practices/index.html"] = new(K(4), null, [], K(14), []),
            // Lists whose names, joined by a line break, would read alike: still two lists.
            ["practices/b/index.html"] = new(K(5), null, ["header.html\npractice-card.html"], K(15), []),
        };
        return new RenderCacheFile.Contents(pages, "publication-1") { Structure = "structure-key", Shell = "shell-key" };
    }

    [Test]
    public void What_a_build_wrote_is_read_back_entry_by_entry()
    {
        using var dir = new TempDir();
        var file = dir["render-cache"];
        var written = Sample();
        RenderCacheFile.Write(file, written);
        var read = RenderCacheFile.Read(file);
        Assert.That(read.Site, Is.EqualTo("publication-1"));
        Assert.That(read.Structure, Is.EqualTo("structure-key"));
        Assert.That(read.Shell, Is.EqualTo("shell-key"));
        Assert.That(read.Pages.Keys, Is.EquivalentTo(written.Pages.Keys));
        foreach (var (path, entry) in written.Pages)
        {
            var back = read.Pages[path];
            Assert.That(back.Fingerprint, Is.EqualTo(entry.Fingerprint), path);
            Assert.That(back.Model, Is.EqualTo(entry.Model), path);
            Assert.That(back.Partials, Is.EqualTo(entry.Partials), path);
            Assert.That(back.Dependencies, entry.Dependencies is null ? Is.Null : Is.EqualTo(entry.Dependencies), path);
            Assert.That(back.HeadsRecorded, Is.EqualTo(entry.HeadsRecorded), path);
        }
        // Pages that used the same partials share one list, and a body's name is one string, however many pages read it.
        Assert.That(read.Pages["practices/a/index.html"].Partials, Is.SameAs(read.Pages["en/practices/a/index.html"].Partials));
        Assert.That(read.Pages["practices/a/index.html"].Dependencies![0].Name, Is.SameAs(read.Pages["en/practices/a/index.html"].Dependencies![0].Name));
        Assert.That(read.Pages["practices/a/index.html"].Dependencies, Is.SameAs(read.Pages["pt/practices/a/index.html"].Dependencies));
        Assert.That(read.Pages["practices/c/index.html"].Dependencies![0].Value, Is.EqualTo(K(8)));
    }

    [Test]
    public void A_file_cut_short_or_pointing_outside_its_tables_is_no_cache()
    {
        using var dir = new TempDir();
        var file = dir["render-cache"];
        RenderCacheFile.Write(file, Sample());
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^9]);
        Assert.That(RenderCacheFile.Read(file).Pages, Is.Empty, "cut short");

        // The first page in path order (en/practices/a/index.html) names the first of the 4 lists; make it name an 8th.
        var path = System.Text.Encoding.UTF8.GetBytes("en/practices/a/index.html");
        var at = bytes.AsSpan().IndexOf(path) + path.Length + 16;
        Assert.That(BitConverter.ToInt32(bytes, at), Is.EqualTo(0), "the list of the page, as written");
        var damaged = (byte[])bytes.Clone();
        BitConverter.GetBytes(7).CopyTo(damaged, at);
        File.WriteAllBytes(file, damaged);
        Assert.That(RenderCacheFile.Read(file).Pages, Is.Empty, "a list the file does not hold");

        File.WriteAllBytes(file, bytes);
        Assert.That(RenderCacheFile.Read(file).Pages, Has.Count.EqualTo(7), "the file as written");
    }
}
