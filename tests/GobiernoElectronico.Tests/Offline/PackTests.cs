using System.IO.Compression;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Offline;

public class PackTests
{
    private static string Pack(TempDir dir, string into)
    {
        var r = GeProcess.Run(Repo.Root, "pack", "--site", BuiltSite.Root, "--output-dir", dir[into], "--date", "2026-11-24");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        return dir[$"{into}/gobierno-electronico-2026-11-24.zip"];
    }

    [Category("Build")]
    [Test]
    public void Two_packs_of_the_same_content_are_byte_identical()
    {
        using var dir = new TempDir();
        var a = File.ReadAllBytes(Pack(dir, "a"));
        Thread.Sleep(1100);
        var b = File.ReadAllBytes(Pack(dir, "b"));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void The_zip_unpacks_into_one_dated_folder_with_a_manifest_and_without_the_lucene_index()
    {
        using var dir = new TempDir();
        using var zip = ZipFile.OpenRead(Pack(dir, "out"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.That(names, Has.All.StartWith("gobierno-electronico-2026-11-24/"));
        Assert.That(names, Does.Contain("gobierno-electronico-2026-11-24/MANIFEST").And.Contain("gobierno-electronico-2026-11-24/index.html"));
        Assert.That(names, Has.None.Contain("search/lucene/"));
        Assert.That(names[0], Does.EndWith("/MANIFEST"));
        Assert.That(names.Skip(1), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "then path order");
    }

    // The site is read from disk file by file, not held: the zip is the same bytes, and nothing from outside the site gets in.
    [Category("Process")]
    [Test]
    public void A_link_planted_in_the_site_is_not_followed_into_the_copy()
    {
        using var dir = new TempDir();
        var site = dir.CopyFrom(BuiltSite.Root, "site");
        var secret = dir.Write("outside/planted.txt", "not part of the site");
        File.CreateSymbolicLink(Path.Combine(site, "planted.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(site, "planted-folder"), dir["outside"]);
        var r = GeProcess.Run(Repo.Root, "pack", "--site", site, "--output-dir", dir["out"], "--date", "2026-11-24");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        using var zip = ZipFile.OpenRead(dir["out/gobierno-electronico-2026-11-24.zip"]);
        Assert.That(zip.Entries.Select(e => e.FullName), Has.None.Contain("planted"));
        Assert.That(zip.Entries.Select(e => e.FullName), Does.Contain("gobierno-electronico-2026-11-24/index.html"));
    }

    // Built in a folder of its own beside the zip, and packed from it: the output folder holds the zip and nothing else after,
    // and nothing at all when the content does not build.
    [Category("Process")]
    [Test]
    public void A_pack_that_builds_leaves_only_its_zip_and_one_that_fails_leaves_nothing()
    {
        using var dir = new TempDir();
        var ok = GeProcess.Run(Repo.Root, "pack", "--content", Repo.Content, "--templates", Repo.Templates, "--output-dir", dir["out"], "--date", "2026-11-24");
        Assert.That(ok.ExitCode, Is.Zero, ok.Err);
        Assert.That(Directory.EnumerateFileSystemEntries(dir["out"]).Select(Path.GetFileName), Is.EqualTo(new[] { "gobierno-electronico-2026-11-24.zip" }));
        Assert.That(File.ReadAllBytes(dir["out/gobierno-electronico-2026-11-24.zip"]), Is.EqualTo(File.ReadAllBytes(Pack(dir, "from-site"))),
            "the same zip as from the site built by the tests");

        var content = dir.CopyFrom(Path.Combine(Repo.Fixture("errors"), "content"), "broken");
        var failed = GeProcess.Run(Repo.Root, "pack", "--content", content, "--templates", Repo.Templates, "--output-dir", dir["failed"], "--date", "2026-11-24");
        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Err, Does.Contain("error GE").And.Contain("ge pack: the content does not build; nothing was written."));
        Assert.That(failed.Err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.EnumerateFileSystemEntries(dir["failed"]), Is.Empty);
    }

    [Category("Process")]
    [Test]
    public void An_output_folder_that_is_a_file_is_a_one_line_error()
    {
        using var dir = new TempDir();
        var file = dir.Write("taken", "a file, not a folder");
        var r = GeProcess.Run(Repo.Root, "pack", "--site", BuiltSite.Root, "--output-dir", file, "--date", "2026-11-24");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Err.Trim(), Does.StartWith($"ge pack: --output-dir {file} cannot be used as a folder:").And.Not.Contain("\n"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("a file, not a folder"));
    }

    // A file of the site that cannot be read (here a socket, which no one can open) fails while the files are hashed on both
    // cores: one line, exit 1, and no zip, whole or partial.
    [Category("Process")]
    [Test]
    public void A_file_of_the_site_that_cannot_be_read_is_a_one_line_error_and_leaves_no_zip()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("a socket file is made this way on Linux");
        using var dir = new TempDir();
        var site = dir.CopyFrom(BuiltSite.Root, "site");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(site, "assets", "unreadable")));
        var r = GeProcess.Run(Repo.Root, "pack", "--site", site, "--output-dir", dir["out"], "--date", "2026-11-24");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Out);
        Assert.That(r.Err.Trim(), Does.StartWith("ge pack: could not write the offline copy:").And.Contain("unreadable").And.Not.Contain("\n"));
        Assert.That(Directory.EnumerateFileSystemEntries(dir["out"]), Is.Empty);
    }

    [Category("Process")]
    [Test]
    public void Verify_names_a_deleted_file_and_a_modified_byte()
    {
        using var dir = new TempDir();
        ZipFile.ExtractToDirectory(Pack(dir, "out"), dir["copy"]);
        var copy = dir["copy/gobierno-electronico-2026-11-24"];
        var ok = GeProcess.Run(Repo.Root, "verify", copy);
        Assert.That(ok.ExitCode, Is.Zero, ok.Out);
        Assert.That(ok.Out, Does.StartWith("OK: every file matches the manifest (content version "));

        File.Delete(Path.Combine(copy, "countries", "pe", "index.html"));
        var css = Path.Combine(copy, "assets", "style.css");
        var bytes = File.ReadAllBytes(css);
        bytes[10] ^= 1;
        File.WriteAllBytes(css, bytes);
        var damaged = GeProcess.Run(Repo.Root, "verify", copy);
        Assert.That(damaged.ExitCode, Is.EqualTo(1));
        Assert.That(damaged.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "missing: countries/pe/index.html", "altered: assets/style.css", "DAMAGED: 1 missing, 1 altered.",
        }));
    }
}
