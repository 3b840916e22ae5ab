using System.Diagnostics;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Validate;

/// <summary>
/// Over a thousand malformed files across every content type, site.yml and indicators.csv, built in
/// batches: each must get a located error in that very file, the build must fail without an exception,
/// and no batch may take long or grow memory without bound. A few go through the real `ge build`
/// process, where the exit code and the absence of stack traces are checked too.
/// </summary>
[Category("Fuzz")]
public class FuzzTests
{
    private const int Documents = 1050;
    private const int Batch = 70;
    private static readonly DateOnly Today = new(2026, 1, 1);

    /// <summary>One real file of each content type from the shipped content.</summary>
    private static List<(string Folder, string Name, string Text)> Seeds() =>
        ContentLoader.Folders.Keys.Order(StringComparer.Ordinal)
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Repo.Content, folder), "*.md").Order(StringComparer.Ordinal).Take(2)
                .Select(f => (folder, Path.GetFileName(f), File.ReadAllText(f))))
            .ToList();

    private static void AssertEveryCaseLocated(IReadOnlyList<(string Path, MalformedInput.Sample Case)> cases, BuildResult result, TimeSpan elapsed)
    {
        Assert.That(result.Succeeded, Is.False);
        var byPath = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToLookup(d => d.Path, StringComparer.Ordinal);
        var unreported = cases.Where(c => !byPath[c.Path].Any(d => d.Position.Line >= 1 && d.Position.Column >= 1)).Select(c => $"{c.Path} ({c.Case.Mutation})").ToList();
        Assert.That(unreported, Is.Empty, "malformed files with no located error");
        Assert.That(result.Diagnostics.Where(d => d.Code == ErrorCodes.OutputError || d.Code == ErrorCodes.TemplateError), Is.Empty);
        // Generous: a hang or quadratic blow-up takes minutes; a batch takes about a second.
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "batch too slow");
    }

    [Category("Build")]
    [Test]
    public void Malformed_documents_of_every_type_get_located_errors()
    {
        var seeds = Seeds();
        Assert.That(seeds.Select(s => s.Folder).Distinct().Count(), Is.EqualTo(ContentLoader.Folders.Count));
        var cases = MalformedInput.Documents(seeds.Select(s => (s.Folder + "/" + s.Name, s.Text)).ToList(), Documents, seed: 20001128).ToList();
        var peak = 0L;
        for (var start = 0; start < cases.Count; start += Batch)
        {
            using var dir = new TempDir();
            dir.CopyFrom(Repo.Content, "content");
            var written = new List<(string Path, MalformedInput.Sample Case)>();
            for (var i = start; i < Math.Min(cases.Count, start + Batch); i++)
            {
                var folder = seeds[i % seeds.Count].Folder;
                var file = Path.Combine(dir.Path, "content", folder, cases[i].Name);
                File.WriteAllBytes(file, cases[i].Bytes);
                written.Add((ContentLoader.DisplayPath(file), cases[i]));
            }
            var clock = Stopwatch.StartNew();
            var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today));
            AssertEveryCaseLocated(written, result, clock.Elapsed);
            Assert.That(Directory.Exists(dir["site"]), Is.False, "a failed build wrote a site");
            // What a batch leaves behind once collected: a leak (or a cache of every malformed file) grows it.
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }
        Assert.That(peak, Is.LessThan(1L << 30), "memory retained after the batches grew without bound");
    }

    [Test]
    public void Hostile_file_names_are_refused()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        var practice = File.ReadAllText(Directory.GetFiles(Path.Combine(Repo.Content, "practices"), "*.md").Order(StringComparer.Ordinal).First());
        var written = MalformedInput.HostileFileNames()
            .Select(n => (Path: ContentLoader.DisplayPath(dir.Write($"content/practices/{n}.md", practice)), Case: new MalformedInput.Sample(n, [], "file name")))
            .ToList();
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today));
        AssertEveryCaseLocated(written, result, TimeSpan.Zero);
        Assert.That(result.Diagnostics.Where(d => d.Code == ErrorCodes.ReservedName).Select(d => d.Path).Distinct().Count(), Is.EqualTo(written.Count));
    }

    [Category("Build")]
    [Test]
    public void Malformed_site_files_and_indicator_tables_get_located_errors()
    {
        var site = File.ReadAllText(Path.Combine(Repo.Content, "site.yml"));
        var csv = File.ReadAllText(Path.Combine(Repo.Content, "data", "indicators.csv"));
        var cases = MalformedInput.SiteFiles(site, 45, 7).Select(c => (File: "site.yml", c))
            .Concat(MalformedInput.CsvFiles(csv, 42, 11).Select(c => (File: "data/indicators.csv", c))).ToList();
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(80));
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        dir.Write("content/data/indicators.csv", csv);
        var goodSite = File.ReadAllBytes(dir["content/site.yml"]);
        var goodCsv = File.ReadAllBytes(dir["content/data/indicators.csv"]);
        foreach (var (file, c) in cases)
        {
            File.WriteAllBytes(dir["content/site.yml"], file == "site.yml" ? c.Bytes : goodSite);
            File.WriteAllBytes(dir["content/data/indicators.csv"], file == "site.yml" ? goodCsv : c.Bytes);
            var clock = Stopwatch.StartNew();
            var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today));
            AssertEveryCaseLocated([(ContentLoader.DisplayPath(dir["content/" + file]), c)], result, clock.Elapsed);
        }
    }

    [Test]
    public void A_bom_and_crlf_alone_are_fine()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        foreach (var file in Directory.GetFiles(dir["content"], "*.*", SearchOption.AllDirectories))
            File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(file).Replace("\n", "\r\n"))]);
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today));
        Assert.That(result.Succeeded, string.Join('\n', result.Diagnostics));
    }

    [Test]
    [Category("Process")]
    public void The_real_program_exits_1_with_located_errors_and_no_stack_trace()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        var seeds = Seeds();
        var hostile = MalformedInput.Documents(seeds.Select(s => (s.Folder + "/" + s.Name, s.Text)).ToList(), 40, 3).ToList();
        for (var i = 0; i < hostile.Count; i++)
            File.WriteAllBytes(dir[$"content/{seeds[i % seeds.Count].Folder}/{hostile[i].Name}"], hostile[i].Bytes);
        File.WriteAllText(dir["content/practices/con.md"], "---\ntitle: x\n---\n");
        foreach (var verb in new[] { "build", "check" })
        {
            var r = GeProcess.Run(dir.Path, verb);
            var all = r.Out + r.Err;
            Assert.That(r.ExitCode, Is.EqualTo(1), all);
            Assert.That(all, Does.Not.Contain("internal error").And.Not.Contain("   at ").And.Not.Contain("Exception"), all);
            foreach (var c in hostile)
                Assert.That(all, Does.Match(@"\(\d+,\d+\): error GE\d{4}: ").And.Contain(c.Name), c.Mutation);
        }
        Assert.That(Directory.Exists(dir["site"]), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Output_at_the_root_of_the_file_system_is_refused_plainly()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        var r = GeProcess.Run(dir.Path, "build", "--output", "/");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("error GE0401: the output cannot be the root of the file system").And.Not.Contain("internal error"));
    }
}
