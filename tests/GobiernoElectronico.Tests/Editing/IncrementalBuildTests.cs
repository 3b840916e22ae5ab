using System.Runtime.CompilerServices;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

public class IncrementalBuildTests
{
    /// <summary>A build as <c>ge serve</c> makes it (a builder that holds no file, its site the output folder), which must succeed.</summary>
    private static IncrementalBuilder.Outcome Step(LiveSite site, bool settle = true)
    {
        var outcome = site.Build(settle);
        Assert.That(outcome.Result.Succeeded, string.Join('\n', outcome.Result.Diagnostics));
        return outcome;
    }

    /// <summary>Edits a file and makes sure its time stamp moves even on coarse file systems.</summary>
    private static void Edit(string file, Func<string, string> change)
    {
        var before = File.GetLastWriteTimeUtc(file);
        File.WriteAllText(file, change(File.ReadAllText(file)));
        if (File.GetLastWriteTimeUtc(file) <= before) File.SetLastWriteTimeUtc(file, before.AddSeconds(1));
    }

    /// <summary>The answer to <paramref name="query"/> from the index the builder serves (what /api/search reads).</summary>
    private static SearchResponse Served(IncrementalBuilder builder, string query)
    {
        Assert.That(builder.Index!.TryAcquire());
        try
        {
            using var engine = SearchEngine.Open(builder.Index.Value);
            return engine.Search(new SearchRequest(query, new Dictionary<string, IReadOnlyList<string>>()));
        }
        finally
        {
            builder.Index.Release();
        }
    }

    /// <summary>The day every build of these tests is made on.</summary>
    private static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>A copy of a content folder in a folder of its own, and a builder of it as <c>ge serve</c> makes one (holding no
    /// file, its site the folder's <c>incremental</c>), nothing built yet; disposed builder first, then the folder.</summary>
    private sealed class ServeCopy : IDisposable
    {
        private readonly TempDir _dir = new();
        private readonly string _content;
        private readonly IncrementalBuilder _builder;

        public ServeCopy(string source)
        {
            _content = _dir.CopyFrom(source, "content");
            _builder = new IncrementalBuilder(new BuildOptions(_content, Repo.Templates, _dir["incremental"], Today), holdFiles: false);
        }

        public void Deconstruct(out TempDir dir, out string content, out IncrementalBuilder builder, out LiveSite site) =>
            (dir, content, builder, site) = (_dir, _content, _builder, new LiveSite(_builder));

        public void Dispose()
        {
            _builder.Dispose();
            _dir.Dispose();
        }
    }

    /// <summary>The incremental output folder holds exactly the bytes of a full build of the same content.</summary>
    private static void SameAsFullBuild(TempDir dir, string content)
    {
        Assert.That(BuildPipeline.Build(new BuildOptions(content, Repo.Templates, dir["full"], Today)).Succeeded);
        Assert.That(SiteSnapshot.Take(dir["incremental"]), Is.EqualTo(SiteSnapshot.Take(dir["full"])));
    }

    [Category("Build")]
    [Test]
    public void A_sequence_of_edits_gives_the_same_bytes_as_a_full_build()
    {
        using var dir = new TempDir();
        var content = dir.CopyFrom(Repo.Content, "content");
        var templates = dir.CopyFrom(Repo.Templates, "templates");
        using var builder = new IncrementalBuilder(new BuildOptions(content, templates, dir["incremental"], Today), holdFiles: false);
        var site = new LiveSite(builder);
        var first = Step(site);
        Assert.That(first.Reindexed);

        // 1. a practice's body: its page, the lists that show it and the pages that show it as related
        Edit(dir["content/practices/siaf-peru.md"], t => t.Replace("## Qué es", "## Qué es\n\nPárrafo añadido sobre presupuestos municipales."));
        var edit = Step(site);
        Assert.That(edit.Reindexed, "searchable text changed");
        Assert.That(edit.PagesRendered, Is.LessThan(first.PagesRendered), "not every page is rendered again");

        // 2. a template: the pages that use it, and only those
        Edit(dir["templates/pages/country.html"], t => t.Replace("<article class=\"country\"", "<article class=\"country assessment\""));
        var template = Step(site);
        Assert.That(template.Reindexed, Is.False, "no text changed");
        Assert.That(template.PagesRendered, Is.EqualTo(3 * Directory.GetFiles(content + "/countries", "*.md").Length),
            "only country pages use country.html (in each of the three interface languages)");

        // 3. a new practice, 4. a summary shown in lists, 5. a practice deleted, 6. a partial
        File.WriteAllText(dir["content/practices/nueva.md"], File.ReadAllText(dir["content/practices/guatecompras.md"])
            .Replace("title: Guatecompras", "title: Nueva práctica de compras").Replace("country: GT", "country: PE"));
        Step(site);
        Edit(dir["content/practices/infocentros-venezuela.md"], t => t.Replace("Los infocentros son salas", "Los infocentros, telecentros comunitarios, son salas"));
        Step(site);
        File.Delete(dir["content/practices/poupatempo-sao-paulo.md"]);
        Step(site);
        Edit(dir["templates/partials/practice-list.html"], t => t.Replace("class=\"card\"", "class=\"card practice\""));
        var partial = Step(site);
        Assert.That(partial.PagesRendered, Is.GreaterThan(0));

        // 7. nothing changed: nothing is rendered
        var idle = Step(site);
        Assert.That(idle.PagesRendered, Is.Zero);
        Assert.That(idle.Reindexed, Is.False);

        var full = BuildPipeline.Build(new BuildOptions(content, templates, dir["full"], Today));
        Assert.That(full.Succeeded, string.Join('\n', full.Diagnostics));
        Assert.That(SiteSnapshot.Take(dir["incremental"]), Is.EqualTo(SiteSnapshot.Take(dir["full"])));
    }

    /// <summary>The render cache holds each dependency's name once for a build, however many pages read it: a page's reads
    /// make their names afresh, and at 20,107 documents the 70,036 pages' 1.4 million names were 210 MB of strings held
    /// through render and write, for about 60,000 distinct names.</summary>
    [Category("Build")]
    [Test]
    public void A_dependency_read_by_many_pages_is_recorded_under_one_name()
    {
        using var dir = new TempDir();
        using var builder = new IncrementalBuilder(new BuildOptions(Repo.Content, Repo.Templates, dir["site"], Today), holdFiles: false);
        Step(new LiveSite(builder));
        var names = builder.PersistedRender().Pages.Values.SelectMany(p => p.Dependencies ?? []).Select(d => d.Name).ToList();
        var distinct = names.Distinct(StringComparer.Ordinal).Count();
        Assert.That(names, Has.Count.GreaterThan(distinct * 2), "pages share dependencies (a practice's front matter is read by every list showing it)");
        Assert.That(names.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(distinct), "each name is one string");
    }

    [Category("Build")]
    [Test]
    public void A_quick_build_then_a_settling_build_equals_a_full_build()
    {
        using var copy = new ServeCopy(Repo.Content);
        var (dir, content, builder, site) = copy;
        Step(site);
        Edit(dir["content/practices/guatecompras.md"], t => t.Replace("## What it is", "## What it is\n\nTelecentres in rural libraries let small suppliers follow tenders."));
        var quick = site.Build(settle: false);
        Assert.That(quick.Result.Succeeded);
        Assert.That(quick.Settled, Is.False);
        Assert.That(File.ReadAllText(dir["incremental/practices/guatecompras/index.html"]), Does.Contain("rural libraries"), "the edit is up after the quick build");
        Assert.That(quick.Reindexed, Is.False, "the quick build renders the edited page and leaves the index to the settling build");
        Assert.That(quick.PagesRendered, Is.EqualTo(3), "the edited practice's page in each of the three interface languages");
        // The settling build first serves the last index updated by the edited document, then its whole new index as
        // soon as it is built, while the rest of the build is still to come.
        var served = new List<(bool Updated, bool Found)>();
        builder.SearchUpdated += () => served.Add((builder.Index!.Value.UpdatedFrom is not null,
            Served(builder, "rural libraries").Hits.Any(h => h.Id == "practice/guatecompras")));
        var settled = Step(site);
        Assert.That(settled.Settled && settled.Reindexed, "the settling build brings the index and everything else up to date");
        Assert.That(served, Is.EqualTo(new[] { (true, true), (false, true) }), "first the updated index, then the whole new one, each finding the edit");
        SameAsFullBuild(dir, content);
    }

    [Category("Build")]
    [Test]
    public void A_document_added_has_its_pages_up_after_the_quick_build_and_a_removed_one_waits_for_a_whole_build()
    {
        using var copy = new ServeCopy(Repo.Content);
        var (dir, content, builder, site) = copy;
        Step(site);
        // A new practice (`ge new practice`, then saved): its own pages are made at once, in every interface language; the
        // lists and the search follow with the settling build.
        var added = dir["content/practices/vecino-buenos-aires.md"];
        File.WriteAllText(added, File.ReadAllText(dir["content/practices/boti-buenos-aires.md"])
            .Replace("title: Boti — el asistente", "title: Vecino xquipuzz — el asistente", StringComparison.Ordinal)
            .Replace("see_also: [conecta-recife]\n", "", StringComparison.Ordinal));
        var quick = site.Build(settle: false);
        Assert.That(quick.Result.Succeeded, string.Join('\n', quick.Result.Diagnostics));
        Assert.That(quick.Settled, Is.False, "a quick build, to be settled");
        Assert.That(quick.PagesRendered, Is.EqualTo(3), "the new practice's page in each of the three interface languages");
        Assert.That(File.ReadAllText(dir["incremental/practices/vecino-buenos-aires/index.html"]), Does.Contain("Vecino xquipuzz"));
        Assert.That(File.ReadAllText(dir["incremental/en/practices/vecino-buenos-aires/index.html"]), Does.Contain("Vecino xquipuzz"));
        var settled = Step(site);
        Assert.That(settled.Settled && settled.Reindexed);
        Assert.That(Served(builder, "xquipuzz").Hits.Select(h => h.Id), Does.Contain("practice/vecino-buenos-aires"));
        SameAsFullBuild(dir, content);
        // Removed: no quick build (its page, and every link to it, go with a whole build).
        File.Delete(added);
        var removed = site.Build(settle: false);
        Assert.That(removed.Result.Succeeded && removed.Reindexed, "a whole build");
        Assert.That(Directory.Exists(dir["incremental/practices/vecino-buenos-aires"]), Is.False);
        Step(site);
        Directory.Delete(dir["full"], recursive: true);
        SameAsFullBuild(dir, content);
    }

    /// <summary>A settling build keeps a page without making its model only when the last whole build had the same
    /// inputs besides bodies and the page's dependencies are unchanged: a quick build's edit of a title (shown on lists)
    /// or of a body (which moves another practice's related practices) is on every page it touches once settled.</summary>
    [Category("Build")]
    [Test]
    public void A_settling_build_after_a_quick_edit_remakes_every_page_the_edit_touches()
    {
        using var copy = new ServeCopy(Repo.Content);
        var (dir, content, builder, site) = copy;
        Step(site);

        Edit(dir["content/practices/chileatiende.md"], t => System.Text.RegularExpressions.Regex.Replace(t, "(?m)^title: .*$", "title: \"ChileAtiende en cada comuna\""));
        Step(site, settle: false);
        Step(site);
        Assert.That(File.ReadAllText(dir["incremental/practices/index.html"]), Does.Contain("ChileAtiende en cada comuna"));
        SameAsFullBuild(dir, content);

        var other = dir["incremental/practices/boti-buenos-aires/index.html"];
        var before = File.ReadAllText(other);
        var source = File.ReadAllText(dir["content/practices/boti-buenos-aires.md"]);
        Edit(dir["content/practices/chileatiende.md"], t => t + "\n" + source[(source.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..]);
        Step(site, settle: false);
        var settled = Step(site);
        Assert.That(File.ReadAllText(other), Is.Not.EqualTo(before), "the other practice's related practices changed");
        Assert.That(settled.PagesRendered, Is.LessThan(settled.Result.Pages / 4), "a body edit remakes only the pages that read what changed");
        Directory.Delete(dir["full"], recursive: true);
        SameAsFullBuild(dir, content);
    }

    /// <summary>An event for files the last build read as they are now (a watcher's second or late event for an edit already
    /// built) costs no build: nothing is checked, indexed or rendered, the site is the last build's, and whether a
    /// settling build is still due is as the last build left it.</summary>
    [Category("Build")]
    [Test]
    public void A_quick_build_with_nothing_changed_builds_nothing()
    {
        using var copy = new ServeCopy(Repo.Content);
        var (dir, content, builder, site) = copy;
        var first = Step(site);
        var published = SiteSnapshot.Take(dir["incremental"]);

        var timings = new StageTimings();
        var idle = site.Build(settle: false, timings: timings);
        Assert.That(idle.NothingChanged);
        Assert.That(idle.Changed, Is.Empty);
        Assert.That(idle.Settled, Is.True, "the last build was a whole one: no settling build is due");
        Assert.That(idle.PagesRendered + (idle.Reindexed ? 1 : 0), Is.Zero);
        Assert.That(timings.Lines().Where(l => l.TrimStart().StartsWith("render", StringComparison.Ordinal) || l.TrimStart().StartsWith("validate", StringComparison.Ordinal)), Is.Empty,
            "neither validated nor rendered");
        Assert.That(SiteSnapshot.Take(dir["incremental"]), Is.EqualTo(published), "the site is the last build's");
        Assert.That(idle.Result.Pages, Is.EqualTo(first.Result.Pages));
        Assert.That(idle.Result.Documents, Is.EqualTo(first.Result.Documents));

        // after a quick build, an idle one still leaves the settling build to come
        Edit(dir["content/practices/guatecompras.md"], t => t.Replace("## What it is", "## What it is\n\nA sentence added."));
        var quick = site.Build(settle: false);
        Assert.That(quick.PagesRendered, Is.EqualTo(3));
        Assert.That(quick.NothingChanged, Is.False);
        var edited = SiteSnapshot.Take(dir["incremental"]);
        Assert.That(File.ReadAllText(dir["incremental/practices/guatecompras/index.html"]), Does.Contain("A sentence added."));
        var again = site.Build(settle: false);
        Assert.That(again.NothingChanged);
        Assert.That(again.Changed, Is.Empty);
        Assert.That(again.Settled, Is.False, "the edit is still to be settled");
        Assert.That(SiteSnapshot.Take(dir["incremental"]), Is.EqualTo(edited), "the site is the quick build's");
        Assert.That(Step(site).Settled);
        SameAsFullBuild(dir, content);
    }

    /// <summary>A settling build stopped by a newer edit (serve cancels it) changes nothing the next builds start from:
    /// stopped before it begins, or once its new index is served, the edits after it still end in a full build's bytes.</summary>
    [Category("Build")]
    [Test]
    public void A_settling_build_stopped_for_a_newer_edit_leaves_the_builder_exact()
    {
        using var copy = new ServeCopy(Repo.Content);
        var (dir, content, builder, site) = copy;
        Step(site);
        var practice = dir["content/practices/guatecompras.md"];

        Edit(practice, t => t.Replace("## What it is", "## What it is\n\nFirst edit: zqfirstedit."));
        Step(site, settle: false);
        using (var before = new CancellationTokenSource())
        {
            before.Cancel();
            var stopped = site.Build(settle: true, cancel: before.Token);
            Assert.That(stopped.Cancelled, "stopped before it began");
        }

        // stopped as soon as its new index is served: the search has the edit, nothing else was committed
        using var served = new CancellationTokenSource();
        void Stop() => served.Cancel();
        builder.SearchUpdated += Stop;
        var midway = site.Build(settle: true, cancel: served.Token);
        builder.SearchUpdated -= Stop;
        Assert.That(midway.Cancelled, "stopped after its index");
        Assert.That(Served(builder, "zqfirstedit").Total, Is.EqualTo(1));

        Edit(practice, t => t.Replace("First edit: zqfirstedit.", "Second edit: zqsecondedit."));
        var quick = site.Build(settle: false);
        Assert.That(quick.Result.Succeeded);
        Assert.That(File.ReadAllText(dir["incremental/practices/guatecompras/index.html"]), Does.Contain("zqsecondedit"));
        Step(site);
        SameAsFullBuild(dir, content);
    }

    /// <summary>The validation cache of a builder that lives on reports, after each edit, exactly what a fresh check of the
    /// same files reports: an edited file's own problems, and an unchanged file's problems with the others when the set of
    /// documents changes under it.</summary>
    [Category("Build")]
    [Test]
    public void After_each_edit_the_builder_reports_what_a_fresh_check_reports()
    {
        using var dir = new TempDir();
        var content = dir.CopyFrom(Repo.Content, "content");
        var options = new BuildOptions(content, Repo.Templates, dir["site"], Today);
        using var builder = new IncrementalBuilder(options, holdFiles: false);
        var site = new LiveSite(builder);
        Step(site);

        IReadOnlyList<Diagnostic> Fresh()
        {
            var bag = new DiagnosticBag();
            BuildPipeline.LoadAndValidate(options, bag);
            return bag.Sorted();
        }
        void Same(IncrementalBuilder.Outcome outcome, string code)
        {
            Assert.That(outcome.Result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(Fresh().Select(d => d.ToString())));
            Assert.That(outcome.Result.Diagnostics.Select(d => d.Code), Does.Contain(code));
        }

        // an edited file's own reference to a practice that does not exist, in the quick build
        var boti = dir["content/practices/boti-buenos-aires.md"];
        Edit(boti, t => t.Replace("see_also: [conecta-recife]", "see_also: [conecta-recife, no-such-practice]"));
        var quick = site.Build(settle: false);
        Assert.That(quick.Result.Succeeded, Is.False, "the broken edit is refused");
        Same(quick, ErrorCodes.UnknownReference);
        Edit(boti, t => t.Replace("see_also: [conecta-recife, no-such-practice]", "see_also: [conecta-recife]"));
        Assert.That(site.Build(settle: false).Result.Succeeded);

        // an unchanged file whose reference breaks because another file is gone: its checks are not reused
        var recife = dir["content/practices/conecta-recife.md"];
        var text = File.ReadAllText(recife);
        File.Delete(recife);
        var gone = site.Build(settle: false);
        Assert.That(gone.Result.Succeeded, Is.False);
        Same(gone, ErrorCodes.UnknownReference);
        Assert.That(gone.Result.Diagnostics.Any(d => d.Path.EndsWith("boti-buenos-aires.md", StringComparison.Ordinal)));
        File.WriteAllText(recife, text);
        Assert.That(Step(site).Result.Diagnostics, Is.EqualTo(Fresh()));
    }

    /// <summary><c>ge serve</c>'s builder holds no file of the site (its site is the output folder): after a build, it keeps
    /// less than a builder that holds its files by most of the site's bytes. Each is measured in this process as the heap
    /// with the builder alive less the heap once it is let go, both after a full collection and one right after the other:
    /// measured around the build instead, memory that an earlier test's work let go during the build counted against the
    /// builder (in a CI run, a builder holding its files "retained" -4.5 MiB).</summary>
    [Category("Build")]
    [Test]
    public void A_live_site_holds_no_file_of_the_site_in_memory()
    {
        using var dir = new TempDir();
        var content = dir.CopyFrom(Repo.Content, "content");
        // Built in a method of its own, so that nothing but the box holds the builder once the box is emptied.
        [MethodImpl(MethodImplOptions.NoInlining)]
        StrongBox<IncrementalBuilder?> Built(bool holdFiles, string output)
        {
            var builder = new IncrementalBuilder(new BuildOptions(content, Repo.Templates, dir[output], Today), holdFiles: holdFiles);
            Assert.That(new LiveSite(builder).Build().Result.Succeeded);
            return new StrongBox<IncrementalBuilder?>(builder);
        }
        long Retained(bool holdFiles, string output)
        {
            var built = Built(holdFiles, output);
            var alive = GC.GetTotalMemory(forceFullCollection: true);
            built.Value!.Dispose();
            built.Value = null; // no local holds it: a debug build keeps a local's object alive to the end of its method
            var gone = GC.GetTotalMemory(forceFullCollection: true);
            return alive - gone;
        }
        var held = Retained(holdFiles: true, "held");
        var live = Retained(holdFiles: false, "live");
        var siteBytes = Directory.EnumerateFiles(dir["live"], "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        TestContext.Out.WriteLine($"site {siteBytes / 1048576.0:0.0} MiB; retained by a builder holding its files {held / 1048576.0:0.0} MiB, by serve's {live / 1048576.0:0.0} MiB");
        Assert.That(held - live, Is.GreaterThan(siteBytes * 0.8), "a builder that holds its files keeps the site's bytes; serve's does not");
        Assert.That(SiteSnapshot.Take(dir["live"]), Is.EqualTo(SiteSnapshot.Take(dir["held"])), "the same site either way");
    }

    [Test]
    public void A_live_site_keeps_its_search_files_on_disk_and_writes_again_one_it_lost()
    {
        using var copy = new ServeCopy(Path.Combine(Repo.Fixture("mini"), "content"));
        var (dir, content, builder, site) = copy;
        Assert.That(Step(site).Reindexed);
        var meta = Path.Combine(dir["incremental"], "search", "data", "meta.js");
        var written = File.GetLastWriteTimeUtc(meta);
        Assert.That(Step(site).Reindexed, Is.False, "nothing searchable changed: the search files the site holds are kept");
        Assert.That(File.GetLastWriteTimeUtc(meta), Is.EqualTo(written), "and not written again");
        File.Delete(meta);
        Assert.That(Step(site).Reindexed, "a search file the site lost makes the index and its files again");
        SameAsFullBuild(dir, content);
    }

    [Test]
    public void A_live_site_whose_folder_another_build_published_into_is_made_whole_again()
    {
        using var copy = new ServeCopy(Path.Combine(Repo.Fixture("mini"), "content"));
        var (dir, content, _, site) = copy;
        var other = dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "other");
        File.AppendAllText(Path.Combine(other, "practices", "atendimento-integrado.md"), "\nzqotherbuild\n");
        Step(site);
        Assert.That(BuildPipeline.Build(new BuildOptions(other, Repo.Templates, dir["incremental"], Today)).Succeeded);
        Step(site); // nothing of its own content changed: its pages and search files are made again all the same
        SameAsFullBuild(dir, content);
    }

    [Test]
    public void A_broken_edit_keeps_the_last_good_site()
    {
        using var dir = new TempDir();
        var content = dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        using var builder = new IncrementalBuilder(new BuildOptions(content, Repo.Templates, dir["site"]), holdFiles: false);
        var site = new LiveSite(builder);
        Step(site);
        var before = SiteSnapshot.Take(dir["site"]);
        Edit(dir["content/practices/atendimento-integrado.md"], t => t.Replace("status: operating", "status: operatng"));
        var broken = site.Build();
        Assert.That(broken.Result.Succeeded, Is.False);
        Assert.That(broken.Result.Diagnostics.Single().Code, Is.EqualTo(ErrorCodes.ValueNotAllowed));
        Assert.That(SiteSnapshot.Take(dir["site"]), Is.EqualTo(before));
        Assert.That(builder.Index, Is.Not.Null, "the last good index stays available");
    }
}
