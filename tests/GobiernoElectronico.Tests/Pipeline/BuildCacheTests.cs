using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>
/// <c>ge build</c>'s cache beside the output (<c>.site.cache</c>): a build after an edit keeps the pages whose inputs
/// did not change and writes only the files whose bytes changed, and its site is byte for byte the site a build
/// without the cache makes; deleting the cache, a file changed by hand and an update stopped half way change nothing
/// in that.
/// </summary>
[Category("Build")]
public class BuildCacheTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static BuildResult Build(TempDir dir, string output, bool cache = true, string? templates = null, StageTimings? timings = null)
    {
        var result = BuildPipeline.Build(new BuildOptions(dir["content"], templates ?? Repo.Templates, dir[output], Today, cache), timings);
        Assert.That(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result;
    }

    /// <summary>When each file of the site was last written.</summary>
    private static Dictionary<string, DateTime> Written(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.GetLastWriteTimeUtc, StringComparer.Ordinal);

    private static void AssertSameAsWithoutCache(TempDir dir, string? templates = null)
    {
        if (Directory.Exists(dir["reference"])) Directory.Delete(dir["reference"], recursive: true);
        Build(dir, "reference", cache: false, templates);
        var site = SiteSnapshot.Take(dir["site"]);
        var reference = SiteSnapshot.Take(dir["reference"]);
        Assert.That(site.Keys, Is.EqualTo(reference.Keys), "the same files");
        Assert.That(site.Where(kv => reference[kv.Key] != kv.Value).Select(kv => kv.Key), Is.Empty, "files whose bytes differ from a build without the cache");
    }

    [Test]
    public void A_build_after_an_edit_writes_only_what_changed_and_gives_the_bytes_of_a_build_without_the_cache()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        Assert.That(File.Exists(dir[".site.cache/" + SiteWriter.ManifestFile]), Is.True, "the first build leaves a cache");
        var before = Written(dir["site"]);
        Thread.Sleep(20); // a file written again gets a later time

        var practice = dir["content/practices/boti-buenos-aires.md"];
        File.AppendAllText(practice, "\nUn párrafo nuevo sobre el quipucamayoc municipal.\n");
        var update = Build(dir, "site");
        // The browser's term shards of the terms the edit changed are made, the others kept (TermShardUpdateTests).
        Assert.That(update.TermShards, Is.Not.Null);
        Assert.That(update.TermShards!.Value.Made, Is.GreaterThan(0).And.LessThan(update.TermShards.Value.Count / 2), update.TermShards.ToString());
        Assert.That(Directory.GetFiles(dir["site/search/data"], "t-*.js").Count(f => Path.GetFileName(f).Count(c => c == '-') == 1),
            Is.EqualTo(update.TermShards.Value.Count));
        // Its own page in three languages, and the pages that show related practices or the search's figures.
        Assert.That(update.Rendered, Is.GreaterThanOrEqualTo(3).And.LessThan(update.Pages / 4), update.Summary);
        Assert.That(update.Summary, Does.EndWith("page(s) rendered, the others kept from the build cache."));
        var after = Written(dir["site"]);
        var rewritten = after.Where(kv => !before.TryGetValue(kv.Key, out var t) || t != kv.Value).Select(kv => kv.Key).ToList();
        Assert.That(rewritten, Does.Contain("practices/boti-buenos-aires/index.html"));
        Assert.That(rewritten, Has.Count.LessThan(after.Count / 4), "most of the site is kept as it was: " + string.Join(", ", rewritten.Take(40)));
        Assert.That(rewritten, Does.Not.Contain("organisations/agetic/index.html"), "a page the edit does not touch is not written again");
        Assert.That(rewritten, Has.None.StartsWith("data/").And.None.EqualTo("practices/feed.xml").And.None.EqualTo("robots.txt"),
            "open data and the feed are made of the front matter alone: a body edit keeps them");
        AssertSameAsWithoutCache(dir);

        // A failed build changes neither the site nor the cache; the fix then builds to the same bytes.
        var published = SiteSnapshot.Take(dir["site"]);
        File.WriteAllText(practice, File.ReadAllText(practice).Replace("country: AR", "country: ZZ"));
        Assert.That(BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today)).Succeeded, Is.False);
        Assert.That(SiteSnapshot.Take(dir["site"]), Is.EqualTo(published));
        File.WriteAllText(practice, File.ReadAllText(practice).Replace("country: ZZ", "country: AR").Replace("quipucamayoc", "yupana"));
        Build(dir, "site");
        AssertSameAsWithoutCache(dir);

        // Without the cache, the same bytes again (the site is written whole).
        Directory.Delete(dir[".site.cache"], recursive: true);
        Build(dir, "site");
        AssertSameAsWithoutCache(dir);
        Assert.That(Directory.GetFileSystemEntries(dir.Path, ".site*").Select(Path.GetFileName), Is.EquivalentTo(new[] { ".site.cache" }), "no temporary folder is left");
    }

    [Test]
    public void The_lexicon_s_files_are_kept_while_the_lexicon_is_the_same_and_made_again_when_it_is_not()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        var practice = dir["content/practices/honducompras.md"];
        string Lexicon() => File.ReadAllText(dir["site/search/lucene/lexicon.json"]);
        Dictionary<string, DateTime> LexiconFiles() => Written(dir["site"])
            .Where(kv => kv.Key == "search/lucene/lexicon.json" || kv.Key.StartsWith("search/data/v-", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var before = LexiconFiles();
        Assert.That(before.Keys.Count(k => k.StartsWith("search/data/v-", StringComparison.Ordinal)), Is.GreaterThan(20));
        Thread.Sleep(20); // a file written again gets a later time

        // A sentence in words the collection already writes so: the same lexicon, whose files are kept as they are.
        // The inflections the last lexicon found are neither read (an outline needs none) nor lost: the cache's file stays.
        var inflections = dir[".site.cache/found-inflections"];
        var found = (File.ReadAllBytes(inflections), File.GetLastWriteTimeUtc(inflections));
        File.AppendAllText(practice, "\nLas compras públicas electrónicas de Honduras.\n");
        var same = Build(dir, "site");
        Assert.That(same.LexiconKept, Is.True);
        Assert.That(same.LexiconOutlined, Is.True, "made from the same input: only its outline is made");
        Assert.That(LexiconFiles(), Is.EqualTo(before), "lexicon.json and the vocabulary shards are not written again");
        Assert.That((File.ReadAllBytes(inflections), File.GetLastWriteTimeUtc(inflections)), Is.EqualTo(found));
        AssertSameAsWithoutCache(dir);

        // The same surfaces and indexed terms, but a word every document wrote with its accent is now written as stored: the
        // lexicon no longer shows it with its accent, and its files are made again.
        Assert.That(Lexicon(), Does.Contain("\"informacion\":\"informacion\\u002B*@informaci\\u00F3n\""));
        File.AppendAllText(practice, "\nLa informacion de las compras.\n");
        var written = Build(dir, "site");
        Assert.That(written.LexiconKept, Is.False);
        Assert.That(written.LexiconOutlined, Is.False);
        Assert.That((File.ReadAllBytes(inflections), File.GetLastWriteTimeUtc(inflections)), Is.EqualTo(found),
            "the same surfaces and terms: the inflections are read from the cache's file when the lexicon asks, not found again");
        Assert.That(Lexicon(), Does.Not.Contain("@informaci\\u00F3n\""), "written as stored somewhere");
        Assert.That(LexiconFiles()["search/lucene/lexicon.json"], Is.GreaterThan(before["search/lucene/lexicon.json"]));
        AssertSameAsWithoutCache(dir);

        // A word no document wrote: a new surface, new terms.
        var kept = LexiconFiles();
        Thread.Sleep(20);
        File.AppendAllText(practice, "\nUn quipucamayoc municipal.\n");
        Assert.That(Build(dir, "site").LexiconKept, Is.False);
        Assert.That(Lexicon(), Does.Contain("\"quipucamayoc\":"));
        Assert.That(LexiconFiles()["search/lucene/lexicon.json"], Is.GreaterThan(kept["search/lucene/lexicon.json"]));
        AssertSameAsWithoutCache(dir);

        // A vocabulary shard lost from the site is written again, with the lexicon's key unchanged.
        var shard = dir["site/" + before.Keys.First(k => k.StartsWith("search/data/v-", StringComparison.Ordinal))];
        File.Delete(shard);
        File.AppendAllText(practice, "\nUn quipucamayoc.\n");
        var lost = Build(dir, "site");
        Assert.That(lost.LexiconKept, Is.False, "one shard could not be kept: all are made, the others kept by their bytes");
        Assert.That(lost.LexiconOutlined, Is.False, "the same input, but a file to make: the lexicon is made whole");
        Assert.That(File.Exists(shard), Is.True);
        AssertSameAsWithoutCache(dir);

        // lexicon.json lost, the same input: it is made again (from a whole lexicon), the vocabulary shards kept.
        Thread.Sleep(20);
        var shardsBefore = LexiconFiles().Where(f => f.Key != "search/lucene/lexicon.json").ToDictionary(StringComparer.Ordinal);
        File.Delete(dir["site/search/lucene/lexicon.json"]);
        File.AppendAllText(practice, "\nUn quipucamayoc municipal.\n");
        var json = Build(dir, "site");
        Assert.That(json.LexiconOutlined, Is.False);
        Assert.That(File.Exists(dir["site/search/lucene/lexicon.json"]), Is.True);
        Assert.That(LexiconFiles().Where(f => f.Key != "search/lucene/lexicon.json"), Is.EquivalentTo(shardsBefore), "the shards are kept as they are");
        AssertSameAsWithoutCache(dir);

        // And again the same input with every file there: the outline.
        File.AppendAllText(practice, "\nUn quipucamayoc.\n");
        Assert.That(Build(dir, "site").LexiconOutlined, Is.True);
        AssertSameAsWithoutCache(dir);
    }

    [Test]
    public void A_page_kept_without_its_model_is_the_page_its_dependencies_would_make()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        var other = dir["site/practices/boti-buenos-aires/index.html"];
        var before = File.ReadAllText(other);

        // Another practice takes this one's text: this one's related practices change (it is now the closest), though
        // nothing of its own did. Its page is made again because the related practices it read changed.
        var source = File.ReadAllText(dir["content/practices/boti-buenos-aires.md"]);
        var body = source[(source.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..];
        File.AppendAllText(dir["content/practices/chileatiende.md"], "\n" + body);
        var update = Build(dir, "site");
        Assert.That(File.ReadAllText(other), Is.Not.EqualTo(before), "the related practices of the other page changed");
        Assert.That(update.Rendered, Is.LessThan(update.Pages / 4), update.Summary);
        AssertSameAsWithoutCache(dir);

        // A body edit and nothing else: the pages that show it are made again, every other page is kept unmade.
        File.AppendAllText(dir["content/practices/chileatiende.md"], "\nUna frase sobre la yupana.\n");
        update = Build(dir, "site");
        Assert.That(update.Rendered, Is.GreaterThanOrEqualTo(3).And.LessThan(update.Pages / 4), update.Summary);
        AssertSameAsWithoutCache(dir);

        // A front-matter edit (a title, shown on lists and cards): every page is checked by its model again.
        var practice = dir["content/practices/chileatiende.md"];
        File.WriteAllText(practice, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(practice), "(?m)^title: .*$", "title: \"ChileAtiende, renombrada\""));
        Build(dir, "site");
        Assert.That(File.ReadAllText(dir["site/practices/index.html"]), Does.Contain("ChileAtiende, renombrada"));
        AssertSameAsWithoutCache(dir);

        // A template edit, with every document as it was.
        using (var templates = new TempDir())
        {
            templates.CopyFrom(Repo.Templates, "t");
            var page = templates["t/pages/practice.html"];
            File.WriteAllText(page, File.ReadAllText(page) + "\n<!-- edited -->\n");
            var edited = BuildPipeline.Build(new BuildOptions(dir["content"], templates["t"], dir["site"], Today));
            Assert.That(edited.Succeeded, string.Join("\n", edited.Diagnostics));
            Assert.That(File.ReadAllText(other), Does.Contain("<!-- edited -->"));
        }
    }

    [Test]
    public void A_practice_front_matter_edit_keeps_the_practice_pages_that_do_not_show_it_and_gives_the_bytes_of_a_build_without_the_cache()
    {
        // A practice's own page records the front matter of every practice it shows (cards of related and see-also practices,
        // its translations, the initiatives of its supporters and leaders, its telecentres' practice): after an edit of a
        // practice's front matter it is kept unmade unless it showed that practice, and every other page is checked by its model.
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");

        // An edit of a file, with the practice whose front matter it changes (null: another document), text its page then
        // shows, and the practices whose translations it changes (their pages, and those that show them, change too).
        void Edit(string file, Func<string, string> change, string? practice, string? expected, params string[] translationsOf)
        {
            var path = dir["content/" + file];
            var before = Written(dir["site"]);
            // The practices' own pages (every language) that do not show the edited practice: no link to its page.
            string[] changed = practice is null ? [] : [practice, .. translationsOf];
            var showing = OwnPracticePages().Where(page => changed.Any(slug => File.ReadAllText(dir["site/" + page]).Contains($"/{slug}/", StringComparison.Ordinal)
                || page.EndsWith($"practices/{slug}/index.html", StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
            var others = practice is null ? [] : OwnPracticePages().Where(page => !showing.Contains(page)).ToList();
            Thread.Sleep(20); // a file written again gets a later time
            var text = File.ReadAllText(path);
            Assert.That(change(text), Is.Not.EqualTo(text), file);
            File.WriteAllText(path, change(text));
            Build(dir, "site");
            if (expected is not null) Assert.That(File.ReadAllText(dir[$"site/practices/{practice}/index.html"]), Does.Contain(expected));
            var after = Written(dir["site"]);
            Assert.That(others.Where(page => after[page] != before[page]), Is.Empty, "own pages of practices that do not show " + practice);
            AssertSameAsWithoutCache(dir);
        }

        IEnumerable<string> OwnPracticePages() => Directory.EnumerateFiles(dir["site"], "index.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir["site"], f).Replace('\\', '/'))
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(p, "^((en|pt)/)?practices/[a-z0-9-]+/index.html$"));

        // A title, shown on the cards of the practices that list it, by its translation and by the organisation that supports it.
        Edit("practices/guatecompras.md", t => t.Replace("title: Guatecompras — Guatemala's electronic", "title: Guatecompras (renamed) — Guatemala's electronic", StringComparison.Ordinal),
            "guatecompras", "Guatecompras (renamed)");
        Assert.That(File.ReadAllText(dir["site/practices/guatecompras-es/index.html"]), Does.Contain("Guatecompras (renamed)").Or.Contain("guatecompras/"));
        // A summary, shown on cards.
        Edit("practices/boti-buenos-aires.md", t => t.Replace("summary: >-\n", "summary: >-\n  Resumen revisado.\n", StringComparison.Ordinal), "boti-buenos-aires", "Resumen revisado.");
        // A status no other practice has: the lists gain a page the last build did not have.
        Assert.That(File.Exists(dir["site/practices/status/pilot/index.html"]), Is.False);
        Edit("practices/boti-buenos-aires.md", t => t.Replace("status: operating", "status: pilot", StringComparison.Ordinal), "boti-buenos-aires", null);
        Assert.That(File.Exists(dir["site/practices/status/pilot/index.html"]), Is.True);
        // A third language joins a translation: the lists of the other two change, and neither's front matter does.
        Edit("practices/central-156-curitiba.md", t => t.Replace("language: pt\n", "language: pt\ntranslations: [guatecompras]\n", StringComparison.Ordinal),
            "central-156-curitiba", null, "guatecompras", "guatecompras-es");
        Assert.That(File.ReadAllText(dir["site/practices/guatecompras-es/index.html"]), Does.Contain("central-156-curitiba/"));
        // A translation undone from one side, then the other: the other practice's list of translations changes without its
        // own front matter changing (the list is a dependency of its page).
        var translated = File.ReadAllText(dir["site/practices/guatecompras/index.html"]);
        Edit("practices/guatecompras-es.md", t => t.Replace("translations: [guatecompras]\n", "", StringComparison.Ordinal), "guatecompras-es", null);
        Edit("practices/guatecompras.md", t => t.Replace("translations: [guatecompras-es]\n", "", StringComparison.Ordinal), "guatecompras", null);
        Assert.That(File.ReadAllText(dir["site/practices/guatecompras/index.html"]), Is.Not.EqualTo(translated));
        // Another document's front matter (an organisation's supported practices): every page is checked by its model.
        Edit("organisations/minfin-guatemala.md", t => t.Replace("supports: [guatecompras]", "supports: [guatecompras, boti-buenos-aires]", StringComparison.Ordinal), null, null);
        Assert.That(File.ReadAllText(dir["site/practices/boti-buenos-aires/index.html"]), Does.Contain("organisations/minfin-guatemala/"));
    }

    [Test]
    public void A_practice_added_removed_or_renamed_makes_its_pages_and_the_lists_and_keeps_the_other_practices_pages()
    {
        // Which practices there are is left out of the shell key (ContentStructure), and only a text that may link to a content
        // file holds the other documents' pages in its key (MarkdownRenderer.MayLinkContent): another practice's own page is kept
        // unless it shows the practice, where every page with a body was made again (at 20,107 documents, 70,002 of 70,036).
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        // At most: every page that is no document's own (the lists, each showing the practices' count by facet; the home,
        // the overviews…), the practice's own pages, and those of the few practices whose related practices moved.
        int MadeAtMost(int ownPages)
        {
            var slugs = Directory.EnumerateFiles(dir["content"], "*.md", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
            var pages = Directory.EnumerateFiles(dir["site"], "*.html", SearchOption.AllDirectories)
                .Select(f => System.Text.RegularExpressions.Regex.Replace(Path.GetRelativePath(dir["site"], f).Replace('\\', '/'), "^(en|pt)/", "")).ToList();
            var others = pages.Count(page => page.Split('/') is not [_, var slug, "index.html"] || !slugs.Contains(slug));
            return others + 3 * (ownPages + 4);
        }

        void Step(string what, Action change, int ownPages)
        {
            change();
            var update = Build(dir, "site");
            Assert.That(update.Rendered, Is.LessThanOrEqualTo(MadeAtMost(ownPages)), $"{what}: {update.Summary}");
            AssertSameAsWithoutCache(dir);
        }

        var copy = File.ReadAllText(dir["content/practices/boti-buenos-aires.md"])
            .Replace("title: Boti — el asistente", "title: Vecino — el asistente", StringComparison.Ordinal)
            .Replace("see_also: [conecta-recife]\n", "", StringComparison.Ordinal);
        Step("added", () => File.WriteAllText(dir["content/practices/vecino-buenos-aires.md"], copy), ownPages: 1);
        Assert.That(File.ReadAllText(dir["site/practices/vecino-buenos-aires/index.html"]), Does.Contain("Vecino — el asistente"));
        Step("renamed", () => File.Move(dir["content/practices/vecino-buenos-aires.md"], dir["content/practices/vecino-caba.md"]), ownPages: 1);
        Assert.That(Directory.Exists(dir["site/practices/vecino-buenos-aires"]), Is.False);
        Assert.That(File.Exists(dir["site/practices/vecino-caba/index.html"]), Is.True);
        Step("removed", () => File.Delete(dir["content/practices/vecino-caba.md"]), ownPages: 0);
        Assert.That(Directory.Exists(dir["site/practices/vecino-caba"]), Is.False);
        // A practice that a workshop's body links to, renamed with the link and the other documents' references to it: the
        // workshop's text is made with the new address.
        Step("a linked practice renamed", () =>
        {
            File.Move(dir["content/practices/ttconnect.md"], dir["content/practices/ttconnect-tt.md"]);
            foreach (var file in Directory.EnumerateFiles(dir["content"], "*.md", SearchOption.AllDirectories))
                if (File.ReadAllText(file) is var text && System.Text.RegularExpressions.Regex.Replace(text, @"(?<![\w.-])ttconnect(?![\w-])", "ttconnect-tt") is var renamed && renamed != text)
                    File.WriteAllText(file, renamed);
        }, ownPages: 1);
        Assert.That(File.ReadAllText(dir["site/workshops/red-gealc-san-jose-2012/index.html"]), Does.Contain("practices/ttconnect-tt/index.html"));
    }

    [Test]
    public void The_shell_key_leaves_out_which_practices_there_are_and_holds_every_other_document()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        ContentKeys Keys()
        {
            var options = new BuildOptions(dir["content"], Repo.Templates, dir["site"], Today, Cache: true);
            var loaded = new GobiernoElectronico.Pipeline.Stages.LoadStage(options, remember: false).Run(new GobiernoElectronico.Diagnostics.DiagnosticBag());
            Assert.That(loaded, Is.Not.Null);
            return ContentStructure.Of(loaded!, options);
        }
        var before = Keys();
        File.Copy(dir["content/practices/boti-buenos-aires.md"], dir["content/practices/vecino-buenos-aires.md"]);
        var added = Keys();
        File.Move(dir["content/practices/chileatiende.md"], dir["content/practices/chile-atiende.md"]);
        var renamed = Keys();
        File.Delete(dir["content/practices/vecino-buenos-aires.md"]);
        var removed = Keys();
        Assert.That(new[] { added.Structure, renamed.Structure, removed.Structure }, Has.None.EqualTo(before.Structure).And.Unique);
        Assert.That(new[] { added.Shell, renamed.Shell, removed.Shell }, Has.All.EqualTo(before.Shell));
        Assert.That(added.PracticeHeads, Has.Count.EqualTo(before.PracticeHeads.Count + 1));
        // Any other document is in it, with its name and its front matter.
        var organisation = dir["content/organisations/agetic.md"];
        File.WriteAllText(organisation, File.ReadAllText(organisation).Replace("name: ", "name: (revised) ", StringComparison.Ordinal));
        Assert.That(Keys().Shell, Is.Not.EqualTo(removed.Shell));
    }

    [Test]
    public void A_template_edited_in_place_with_its_time_and_length_kept_is_seen()
    {
        // Pages are kept from their recorded dependencies alone while the structure key is the site's: that key must see a
        // template's text, not only its stamp (an editor or a checkout can leave both as they were).
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        Build(dir, "site", templates: dir["templates"]);
        var layout = dir["templates/layout.html"];
        Assert.That(File.ReadAllText(layout), Does.Contain("</body>"));
        RewriteKeepingStamp(layout, bytes => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("</body>", "</BODY>", StringComparison.Ordinal)));
        var update = Build(dir, "site", templates: dir["templates"]);
        Assert.That(update.Rendered, Is.EqualTo(update.Pages), "every page is made with the new layout: " + update.Summary);
        Assert.That(File.ReadAllText(dir["site/organisations/agetic/index.html"]), Does.Contain("</BODY>"));
        AssertSameAsWithoutCache(dir, dir["templates"]);
    }

    [Test]
    public void A_body_edit_makes_only_the_pages_that_show_the_body_or_related_practices_that_moved()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        // Words no other practice uses: the edited practice's own page is made in each of the three interface languages, and
        // those whose related practices moved with the corpus's figures; every other page is kept from the cache's entries alone.
        File.AppendAllText(dir["content/practices/boti-buenos-aires.md"], "\nxquipuzz yupanazz\n");
        var update = Build(dir, "site");
        Assert.That(update.Rendered, Is.InRange(3, 12), update.Summary);
        AssertSameAsWithoutCache(dir);
        // A page lost from the site, with nothing edited: made again, and only it.
        File.Delete(dir["site/en/organisations/agetic/index.html"]);
        update = Build(dir, "site");
        Assert.That(update.Rendered, Is.EqualTo(1), update.Summary);
        AssertSameAsWithoutCache(dir);
    }

    [Test]
    public void A_file_rewritten_with_its_time_and_length_set_back_stops_the_build_once_and_is_read_again()
    {
        // The build cache takes a document whose file has the time and length it recorded as unchanged, and reads its text
        // only if asked for. A file rewritten with both set back (on purpose) is caught when its text is read: the build
        // stops, leaving the site as it was, and the next build reads every file.
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        Build(dir, "site", templates: dir["templates"]);
        RewriteKeepingStamp(dir["content/practices/boti-buenos-aires.md"], bytes =>
        {
            var changed = (byte[])bytes.Clone();
            changed[changed.AsSpan().LastIndexOf("a"u8)] = (byte)'e'; // in the body, the last thing in the file
            return changed;
        });
        // A template edit: every page is made again, so the practice's body is read.
        var layout = dir["templates/layout.html"];
        File.WriteAllText(layout, File.ReadAllText(layout) + "\n<!-- edited -->\n");
        var published = SiteSnapshot.Take(dir["site"]);
        var stopped = BuildPipeline.Build(new BuildOptions(dir["content"], dir["templates"], dir["site"], Today));
        Assert.That(stopped.Succeeded, Is.False);
        Assert.That(stopped.Diagnostics.Select(d => d.ToString()), Has.One.Contains("boti-buenos-aires.md(1,1): error GE0005: the file is not the text the last build read"),
            string.Join("\n", stopped.Diagnostics));
        Assert.That(SiteSnapshot.Take(dir["site"]), Is.EqualTo(published), "the site is as it was");
        Assert.That(Directory.GetFileSystemEntries(dir.Path, ".site*").Select(Path.GetFileName), Is.EquivalentTo(new[] { ".site.cache" }), "no temporary folder is left");

        Build(dir, "site", templates: dir["templates"]);
        Assert.That(File.ReadAllText(dir["site/practices/boti-buenos-aires/index.html"]), Does.Contain("<!-- edited -->"));
        AssertSameAsWithoutCache(dir, dir["templates"]);
    }

    /// <summary>Rewrites a file with what <paramref name="change"/> makes of its bytes, of the same length, and sets its time of
    /// last write back: what the build cache takes as unchanged until it reads the text (an editor or a tool can do this).</summary>
    private static void RewriteKeepingStamp(string file, Func<byte[], byte[]> change)
    {
        var stamp = File.GetLastWriteTimeUtc(file);
        var before = File.ReadAllBytes(file);
        var after = change(before);
        Assert.That(after, Has.Length.EqualTo(before.Length), "the same length");
        Assert.That(after, Is.Not.EqualTo(before), "other bytes");
        File.WriteAllBytes(file, after);
        File.SetLastWriteTimeUtc(file, stamp);
    }

    /// <summary>The stages a build ran, by name.</summary>
    private static List<string> StagesOf(TempDir dir, string templates)
    {
        var timings = new StageTimings();
        Build(dir, "site", templates: templates, timings: timings);
        return timings.Entries.Select(e => e.Stage).ToList();
    }

    [Test]
    public void A_build_whose_searchable_text_is_unchanged_keeps_the_search_files_without_building_the_index()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("index").And.Not.Contain("search kept"), "a first build has no record to start from");
        Assert.That(File.Exists(dir[".site.cache/" + BuildPipeline.SearchRecordName]), Is.True, "the first build leaves a search record");
        Assert.That(File.Exists(dir[".site.cache/" + BuildPipeline.LexiconCacheName]), Is.True, "and what its lexicon read of each document");
        Assert.That(Directory.GetFiles(dir[".site.cache/" + BuildPipeline.IndexPartitionsName]), Has.Length.EqualTo(1), "and its index's one run (114 documents)");
        var search = Written(dir["site"]).Where(kv => kv.Key.StartsWith("search/", StringComparison.Ordinal)).ToDictionary();
        Assert.That(search.Keys, Has.Some.StartsWith("search/data/t-").And.Some.StartsWith("search/lucene/"));
        Thread.Sleep(20); // a file written again gets a later time

        // A template edit: nothing a search reads changed, so the index is neither built nor exported, and its files stay
        // as the last build wrote them; the site is the one a build without the cache makes.
        var page = dir["templates/pages/practice.html"];
        File.WriteAllText(page, File.ReadAllText(page) + "\n<!-- edited -->\n");
        var stages = StagesOf(dir, dir["templates"]);
        Assert.That(stages, Does.Contain("search kept").And.Not.Contain("index").And.Not.Contain("search export"));
        Assert.That(File.ReadAllText(dir["site/practices/boti-buenos-aires/index.html"]), Does.Contain("<!-- edited -->"));
        var after = Written(dir["site"]);
        Assert.That(search.Where(kv => after[kv.Key] != kv.Value).Select(kv => kv.Key), Is.Empty, "search files written again");
        AssertSameAsWithoutCache(dir, dir["templates"]);

        // An edit of searchable text: the index is built again, its lexicon from what the last one read of the other documents.
        File.AppendAllText(dir["content/practices/chileatiende.md"], "\nUna frase sobre la yupana, la informática y la declaração.\n");
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("index").And.Not.Contain("search kept"));
        AssertSameAsWithoutCache(dir, dir["templates"]);

        // A result's fragment changed by hand, then an edit of another document: the fragment is written again (the others
        // are kept as the site holds them).
        File.AppendAllText(dir["site/search/data/d-0.js"], "// vandalised\n");
        File.AppendAllText(dir["content/practices/chileatiende.md"], "\nOtra frase sobre el quipu.\n");
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("index"));
        AssertSameAsWithoutCache(dir, dir["templates"]);

        // A search file changed by hand (the record's files before it in path order are kept by then): the index is built,
        // and the export writes the others.
        File.AppendAllText(dir["site/search/data/meta.js"], "// vandalised\n");
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("index"));
        AssertSameAsWithoutCache(dir, dir["templates"]);

        // A damaged record is no record.
        var record = dir[".site.cache/" + BuildPipeline.SearchRecordName];
        File.WriteAllBytes(record, File.ReadAllBytes(record)[..^7]);
        File.WriteAllText(page, File.ReadAllText(page) + "\n<!-- edited again -->\n");
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("index").And.Not.Contain("search kept"));
        AssertSameAsWithoutCache(dir, dir["templates"]);

        // And with the record it left, the next unchanged build keeps the files again.
        Assert.That(StagesOf(dir, dir["templates"]), Does.Contain("search kept").And.Not.Contain("index"));
        AssertSameAsWithoutCache(dir, dir["templates"]);
    }

    [Test]
    public void A_file_changed_or_removed_by_hand_is_written_again()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        File.Delete(dir["site/organisations/agetic/index.html"]);
        File.WriteAllText(dir["site/index.html"], "vandalised");
        File.AppendAllText(dir["site/data/practices.csv"], "vandalised,row\n");
        File.Delete(dir["site/practices/feed.xml"]);
        File.AppendAllText(dir["site/assets/style.css"], "body{display:none}");
        dir.Write("site/stray.html", "left by hand");
        Build(dir, "site");
        Assert.That(File.Exists(dir["site/stray.html"]), Is.True, "a file the build never made is left alone");
        File.Delete(dir["site/stray.html"]);
        AssertSameAsWithoutCache(dir);
    }

    [Test]
    public void A_site_written_whole_by_another_build_is_not_updated_from_a_stale_manifest()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        Build(dir, "site");
        var manifest = File.ReadAllBytes(dir[".site.cache/" + SiteWriter.ManifestFile]);
        File.AppendAllText(dir["content/practices/boti-buenos-aires.md"], "\nOtra frase: yupana.\n");
        Build(dir, "site", cache: false); // written whole; the cache's manifest is removed with the old site
        Assert.That(File.Exists(dir[".site.cache/" + SiteWriter.ManifestFile]), Is.False);
        File.WriteAllBytes(dir[".site.cache/" + SiteWriter.ManifestFile], manifest); // an old manifest put back
        Build(dir, "site");
        AssertSameAsWithoutCache(dir);
    }
}
