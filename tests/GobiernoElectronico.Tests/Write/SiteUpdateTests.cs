using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Site;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Tests.Write;

/// <summary>
/// A site published with a manifest (<c>ge build</c>'s build cache) is updated in place: the changed files are moved in
/// and the ones no longer made removed, through a journal the next build finishes if this one is stopped.
/// </summary>
public class SiteUpdateTests
{
    [Test]
    public void An_update_turns_a_file_into_a_folder_and_back()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        bool Publish(params (string Path, string Text)[] files) => SiteWriter.Publish(dir["site"], bag, (sink, _) =>
        {
            foreach (var (path, text) in files) sink.Add(OutputFile.Text(path, text));
            return true;
        }, incremental: true);
        Assert.That(Publish(("index.html", "1"), ("a/b", "a file")), Is.True);
        Assert.That(Publish(("index.html", "1"), ("a/b/index.html", "now a folder")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.ReadAllText(dir["site/a/b/index.html"]), Is.EqualTo("now a folder"));
        Assert.That(Publish(("index.html", "1"), ("a/b", "a file again")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.ReadAllText(dir["site/a/b"]), Is.EqualTo("a file again"));
        Assert.That(SiteManifest.Read(dir[".site.cache/" + SiteWriter.ManifestFile])!.Files.Keys,
            Is.EquivalentTo(new[] { "index.html", "a/b", SiteWriter.MarkerFile }));
    }

    [Test]
    public void An_update_stopped_after_its_journal_is_finished_by_the_next_build()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        bool Produce(IFileSink sink, params (string Path, string Text)[] files)
        {
            foreach (var (path, text) in files) sink.Add(OutputFile.Text(path, text));
            return true;
        }
        Assert.That(SiteWriter.Publish(dir["site"], bag, (sink, _) => Produce(sink, ("index.html", "1"), ("a/old.html", "old"), ("b/same.html", "same")), incremental: true), Is.True);
        var manifest = SiteManifest.Read(dir[".site.cache/" + SiteWriter.ManifestFile])!;
        Assert.That(manifest.Files.Keys, Is.EquivalentTo(new[] { "index.html", "a/old.html", "b/same.html", SiteWriter.MarkerFile }));

        // What an update leaves when it is stopped right after writing its journal: the changed file in the temporary
        // folder, the journal and the next manifest in the cache, the site as it was.
        var temporary = dir[".site.tmp-0123456789abcdef0123456789abcdef"];
        Directory.CreateDirectory(temporary);
        File.WriteAllText(Path.Combine(temporary, "index.html"), "2");
        var next = new SiteManifest("next", new Dictionary<string, SiteManifest.Entry>(manifest.Files)
        {
            ["index.html"] = new(1, File.GetLastWriteTimeUtc(Path.Combine(temporary, "index.html")).Ticks, SiteManifest.HashOf("2"u8)),
        }.Where(kv => kv.Key != "a/old.html").ToDictionary());
        PublishJournal.Record(dir[".site.cache"], next, temporary, ["index.html"], ["a/old.html"]);

        // The next build fails, yet the stopped update is finished first.
        Assert.That(SiteWriter.Publish(dir["site"], bag, (_, publication) =>
        {
            Assert.That(publication.Last, Is.EqualTo("next"), "the build starts from the finished update");
            return false;
        }, incremental: true), Is.False);
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("2"));
        Assert.That(File.Exists(dir["site/a/old.html"]) || Directory.Exists(dir["site/a"]), Is.False, "the file removed, and its emptied folder");
        Assert.That(File.ReadAllText(dir["site/b/same.html"]), Is.EqualTo("same"));
        Assert.That(File.Exists(dir[".site.cache/" + PublishJournal.JournalFile]), Is.False);
        Assert.That(Directory.Exists(temporary), Is.False);
    }

    [Test]
    public void A_cache_file_that_is_damaged_is_not_used_and_breaks_nothing()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Publish(dir["site"], bag, (sink, _) =>
        {
            sink.Add(OutputFile.Text("index.html", "1"));
            return true;
        }, incremental: true), Is.True);
        var manifest = dir[".site.cache/" + SiteWriter.ManifestFile];
        var whole = File.ReadAllBytes(manifest);
        var render = dir[".site.cache/render-cache"];
        var random = new Random(7);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        // Cut short; a count of two thousand million files (after the format's name, 19 bytes, and the publication's id,
        // 33); random bytes; empty.
        byte[] huge = [.. whole[..52], 0xff, 0xff, 0xff, 0x7f, .. whole[56..]];
        foreach (var damaged in new[] { whole[..(whole.Length / 2)], huge, garbage, Array.Empty<byte>() })
        {
            File.WriteAllBytes(manifest, damaged);
            File.WriteAllBytes(render, damaged);
            Assert.That(SiteManifest.Read(manifest), Is.Null);
            Assert.That(GobiernoElectronico.Render.RenderCacheFile.Read(render).Pages, Is.Empty);
            Assert.That(SiteWriter.Publish(dir["site"], bag, (sink, publication) =>
            {
                Assert.That(publication.Last, Is.Null, "a damaged manifest means the site is written whole");
                sink.Add(OutputFile.Text("index.html", "2"));
                return true;
            }, incremental: true), Is.True, string.Join("\n", bag.Sorted()));
            Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("2"));
            Assert.That(SiteManifest.Read(manifest), Is.Not.Null, "and a new manifest made");
        }
    }
}
