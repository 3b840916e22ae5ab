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
    /// <summary>Publishes <paramref name="files"/> (path, text) as the site <c>site</c> of <paramref name="dir"/>, with its manifest.</summary>
    private static bool Publish(TempDir dir, DiagnosticBag bag, params (string Path, string Text)[] files) => SiteWriter.Publish(dir["site"], bag, (sink, _) =>
    {
        foreach (var (path, text) in files) sink.Add(OutputFile.Text(path, text));
        return true;
    }, incremental: true);

    [Test]
    public void An_update_turns_a_file_into_a_folder_and_back()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        bool Publish(params (string Path, string Text)[] files) => SiteUpdateTests.Publish(dir, bag, files);
        Assert.That(Publish(("index.html", "1"), ("a/b", "a file")), Is.True);
        Assert.That(Publish(("index.html", "1"), ("a/b/index.html", "now a folder")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.ReadAllText(dir["site/a/b/index.html"]), Is.EqualTo("now a folder"));
        Assert.That(Publish(("index.html", "1"), ("a/b", "a file again")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.ReadAllText(dir["site/a/b"]), Is.EqualTo("a file again"));
        Assert.That(SiteManifest.Read(dir[".site.cache/" + SiteWriter.ManifestFile])!.Files.Keys,
            Is.EquivalentTo(new[] { "index.html", "a/b", SiteWriter.MarkerFile }));
    }

    [Test]
    public void An_update_removes_what_is_no_longer_made_also_when_as_many_new_files_take_its_place()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        bool Publish(params (string Path, string Text)[] files) => SiteUpdateTests.Publish(dir, bag, files);
        string[] Listed() => [.. SiteManifest.Read(dir[".site.cache/" + SiteWriter.ManifestFile])!.Files.Keys.Order(StringComparer.Ordinal)];
        Assert.That(Publish(("index.html", "1"), ("a.html", "a"), ("b.html", "b")), Is.True);
        // The same number of files, one of them under another path: the old one goes.
        Assert.That(Publish(("index.html", "1"), ("a.html", "a"), ("c.html", "c")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.Exists(dir["site/b.html"]), Is.False);
        Assert.That(File.ReadAllText(dir["site/c.html"]), Is.EqualTo("c"));
        Assert.That(Listed(), Is.EqualTo(new[] { SiteWriter.MarkerFile, "a.html", "c.html", "index.html" }.Order(StringComparer.Ordinal)));
        // Every file made again, one of them changed, none new: nothing goes.
        Assert.That(Publish(("index.html", "2"), ("a.html", "a"), ("c.html", "c")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(Directory.EnumerateFiles(dir["site"]).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { SiteWriter.MarkerFile, "a.html", "c.html", "index.html" }.Order(StringComparer.Ordinal)));
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("2"));
        // One file fewer and one more kept as it is: the one no longer made goes.
        Assert.That(Publish(("index.html", "2"), ("c.html", "c")), Is.True, string.Join("\n", bag.Sorted()));
        Assert.That(File.Exists(dir["site/a.html"]), Is.False);
        Assert.That(Listed(), Is.EqualTo(new[] { SiteWriter.MarkerFile, "c.html", "index.html" }.Order(StringComparer.Ordinal)));
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
    public void What_must_be_on_disk_before_the_site_changes_is_waited_for_and_its_failure_changes_nothing()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        bool Produce(IFileSink sink, string text)
        {
            sink.Add(OutputFile.Text("index.html", text));
            sink.Add(OutputFile.Text("same.html", "same"));
            return true;
        }
        // Written whole, then updated in place: each time, the hook runs once every file is written, before the site changes.
        foreach (var (text, was) in new[] { ("1", (string?)null), ("2", "1") })
        {
            var called = 0;
            Assert.That(SiteWriter.Publish(dir["site"], bag, (sink, _) => Produce(sink, text), incremental: true, beforeCommit: () =>
            {
                called++;
                Assert.That(File.Exists(dir["site/index.html"]) ? File.ReadAllText(dir["site/index.html"]) : null, Is.EqualTo(was), "the site has not changed yet");
                Assert.That(File.Exists(dir[".site.cache/" + PublishJournal.JournalFile]), Is.False, "no journal is written before it");
            }), Is.True, string.Join("\n", bag.Sorted()));
            Assert.That(called, Is.EqualTo(1));
            Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo(text));
        }

        // A hook that fails: the update is neither applied nor recorded, and the next build updates the site from where it was.
        Assert.Throws<InvalidOperationException>(() => SiteWriter.Publish(dir["site"], bag, (sink, _) => Produce(sink, "3"), incremental: true,
            beforeCommit: () => throw new InvalidOperationException("stopped")));
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("2"));
        Assert.That(File.Exists(dir[".site.cache/" + PublishJournal.JournalFile]), Is.False);
        Assert.That(Directory.EnumerateDirectories(dir.Path, ".site.tmp-*"), Is.Empty, "the temporary folder is removed");
        Assert.That(SiteWriter.Publish(dir["site"], bag, (sink, publication) =>
        {
            Assert.That(publication.Last, Is.Not.Null, "the manifest of the last publication still holds");
            return Produce(sink, "4");
        }, incremental: true), Is.True);
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("4"));

        // Nor is it called when the build fails.
        Assert.That(SiteWriter.Publish(dir["site"], bag, (_, _) => false, incremental: true, beforeCommit: () => Assert.Fail("called for a failed build")), Is.False);
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
