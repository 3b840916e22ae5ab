using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Site;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Tests.Write;

public class SiteWriterTests
{
    [Test]
    public void Replaces_a_previous_site_completely()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text("a/index.html", "1"), OutputFile.Text("old.html", "x")], bag), Is.True);
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text("a/index.html", "2")], bag), Is.True);
        Assert.That(File.ReadAllText(dir["site/a/index.html"]), Is.EqualTo("2"));
        Assert.That(File.Exists(dir["site/old.html"]), Is.False);
        Assert.That(Directory.GetDirectories(dir.Path), Has.Length.EqualTo(1), "no temporary folder is left behind");
    }

    [Test]
    public void A_second_build_of_the_same_output_while_one_writes_is_refused_and_changes_nothing()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text("index.html", "first")], bag), Is.True);
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The first build holds the output while it writes (here: until released).
        var first = Task.Run(() => SiteWriter.Publish(dir["site"], new DiagnosticBag(), sink =>
        {
            sink.Add(OutputFile.Text("index.html", "second"));
            writing.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return true;
        }));
        Assert.That(writing.Wait(TimeSpan.FromSeconds(30)), Is.True, "the first build started");

        var refused = new DiagnosticBag();
        var produced = false;
        Assert.That(SiteWriter.Publish(dir["site"], refused, sink =>
        {
            produced = true;
            return true;
        }), Is.False);
        Assert.That(produced, Is.False, "the second build made nothing");
        var problem = refused.Sorted().Single();
        Assert.That(problem.Code, Is.EqualTo(ErrorCodes.OutputError));
        Assert.That(problem.Message, Does.Contain("another build is writing this output"));
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("first"), "the site as the last build left it");

        release.Set();
        Assert.That(first.Wait(TimeSpan.FromSeconds(30)) && first.Result, Is.True);
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("second"));
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text("index.html", "third")], bag), Is.True, "the output is free again");
        Assert.That(Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "site" }), "no lock or temporary folder is left");
    }

    [Test]
    public void Refuses_to_replace_a_folder_it_did_not_make()
    {
        using var dir = new TempDir();
        dir.Write("precious/thesis.docx", "years of work");
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["precious"], [OutputFile.Text("index.html", "x")], bag), Is.False);
        Assert.That(File.ReadAllText(dir["precious/thesis.docx"]), Is.EqualTo("years of work"));
        Assert.That(bag.Sorted().Single().Code, Is.EqualTo(ErrorCodes.OutputError));
    }

    [TestCase("../escape.html")]
    [TestCase("/etc/passwd")]
    [TestCase("a/../../b.html")]
    [TestCase("a\\b.html")]
    public void Refuses_paths_that_leave_the_site(string path)
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text(path, "x")], bag), Is.False);
        Assert.That(Directory.Exists(dir["site"]), Is.False);
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.Empty);
    }

    [Test]
    public void A_file_that_cannot_be_written_fails_the_publication_and_leaves_the_last_site_as_it_was()
    {
        using var dir = new TempDir();
        var bag = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["site"], [OutputFile.Text("index.html", "first")], bag), Is.True);

        // "a" is a file, so the folder "a/" for the next one cannot be made: the write fails on the writer's thread,
        // after the stage handed the file over, and the stage goes on handing over files.
        var files = new List<OutputFile> { OutputFile.Text("index.html", "second"), OutputFile.Text("a", "x"), OutputFile.Text("a/b.html", "y") };
        files.AddRange(Enumerable.Range(0, 2 * SerialWriter.Capacity).Select(i => OutputFile.Text($"more/{i}.html", "z")));
        var failed = new DiagnosticBag();
        Assert.That(SiteWriter.Write(dir["site"], files, failed), Is.False);
        var problem = failed.Sorted().Single();
        Assert.That(problem.Code, Is.EqualTo(ErrorCodes.OutputError));
        Assert.That(problem.Message, Does.StartWith("cannot write the site"));
        Assert.That(File.ReadAllText(dir["site/index.html"]), Is.EqualTo("first"));
        Assert.That(Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "site" }), "no temporary folder is left");
    }

    [Test]
    public void A_build_that_stops_while_files_wait_to_be_written_leaves_no_temporary_folder()
    {
        using var dir = new TempDir();
        Assert.Throws<InvalidOperationException>(() => SiteWriter.Publish(dir["site"], new DiagnosticBag(), sink =>
        {
            for (var i = 0; i < 3 * SerialWriter.Capacity; i++) sink.Add(OutputFile.Text($"p/{i}/index.html", "x"));
            throw new InvalidOperationException("a stage failed");
        }));
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.Empty);
    }

    [Test]
    public void Writes_a_new_file_byte_for_byte_and_never_through_an_existing_path()
    {
        using var dir = new TempDir();
        byte[] page = [.. "<p>Maracaibo · São Luís</p>"u8, 0, 255];
        SiteWriter.WriteNew(dir["page.html"], page);
        Assert.That(File.ReadAllBytes(dir["page.html"]), Is.EqualTo(page));

        dir.Write("outside/secret.txt", "keep me");
        File.CreateSymbolicLink(dir["link.html"], dir["outside/secret.txt"]);
        Assert.Throws<IOException>(() => SiteWriter.WriteNew(dir["link.html"], "x"u8));
        Assert.Throws<IOException>(() => SiteWriter.WriteNew(dir["page.html"], "x"u8));
        Assert.That(File.ReadAllText(dir["outside/secret.txt"]), Is.EqualTo("keep me"), "a planted link is not followed");
        Assert.That(File.ReadAllBytes(dir["page.html"]), Is.EqualTo(page), "an existing file is not truncated");
    }
}
