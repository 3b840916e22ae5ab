using System.Collections.Concurrent;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Site;
using Scriban.Runtime;

namespace GobiernoElectronico.Render;

/// <summary>
/// What an incremental build keeps from the previous one to avoid rendering again: rendered Markdown
/// (by its inputs), and every page with the fingerprint of what it was made from — its view model, and
/// the templates, partials and interface strings it used. A page whose fingerprint is unchanged is reused
/// as it was. A full build simply starts with an empty cache, so both run the same code and give the
/// same bytes.
/// </summary>
/// <param name="remember">False for a one-shot build (<c>ge build</c>): pages are rendered without
/// fingerprinting their view models, since no later build will ask for them.</param>
/// <param name="holdPages">Whether a builder that lives on keeps the bytes of the pages it made, to put them into the next
/// build's sink again (a builder whose files are collected in memory); false when the pages it keeps are the files the
/// last publish wrote, kept by the sink (<c>ge serve</c>, whose site is on disk).</param>
public sealed class RenderCache(bool remember = true, bool holdPages = true)
{
    /// <param name="File">The page's bytes, for a build that serves them (<c>ge serve</c>); null for an entry read from the
    /// build cache on disk, whose page is the file the last publish wrote.</param>
    /// <param name="Model">The hash of the page's view model (without the interface strings), of which the fingerprint
    /// is made with the strings and templates; null for an entry that cannot be checked without its model.</param>
    /// <param name="Dependencies">What the model was made from beyond <c>Pipeline.ContentStructure</c>: each as its name and
    /// the value it had (<see cref="DependencyValue"/>); null when not recorded.</param>
    /// <param name="HeadsRecorded">Whether the page recorded, among its dependencies, the front matter of every practice it
    /// read (<see cref="HeadOf"/>): it is then kept across an edit of practices' front matter, or of which practices there are
    /// (<c>Pipeline.ContentKeys.Shell</c>).</param>
    public sealed record PageEntry(Hash128 Fingerprint, OutputFile? File, IReadOnlyList<string> Partials, Hash128? Model = null,
        IReadOnlyList<(string Name, Hash128 Value)>? Dependencies = null, bool HeadsRecorded = false);

    /// <summary>A page's dependency on the Markdown body of the document at a content path (its value: the body's hash).</summary>
    public static string BodyOf(string contentPath) => contentPath;

    /// <summary>A page's dependency on the related practices of a practice (its value: the hash of their slugs, in order, and of
    /// the key of each one's front matter when the keys were made: a page that shows them as cards need not note each).</summary>
    public static string RelatedOf(string slug) => RelatedPrefix + slug;

    private const string RelatedPrefix = "related:";

    /// <summary>A page's dependency on the front matter of the practice at a content path (its value: the key of that text).</summary>
    public static string HeadOf(string contentPath) => HeadPrefix + contentPath;

    private const string HeadPrefix = "head:";

    /// <summary>A page's dependency on the other languages' versions of a practice (its value: the hash of their slugs, in order).</summary>
    public static string TranslationsOf(string slug) => TranslationsPrefix + slug;

    private const string TranslationsPrefix = "translations:";

    /// <summary>A page's dependency on what the lists of practices are made of besides their cards' front matter (its value:
    /// <see cref="SiteRenderer.PracticeListsKey"/>).</summary>
    public const string PracticeLists = "lists:practices";

    /// <summary>The value each dependency (<see cref="BodyOf"/>, <see cref="RelatedOf"/>, <see cref="HeadOf"/>,
    /// <see cref="TranslationsOf"/>) has in a build of <paramref name="content"/> with <paramref name="related"/>: a body's
    /// key, the hash of a practice's related practices' slugs or of its translations' slugs, in order, or the key of a
    /// practice's front matter (<paramref name="heads"/>; zero for a document that is not there, or for every front matter
    /// when the keys were not made); each worked out once, when first asked (a practice's lists are asked for by its page in
    /// every language, and by every page kept that shows them).</summary>
    public static Func<string, Hash128> DependencyValues(Model.ContentSet content, IReadOnlyDictionary<string, IReadOnlyList<string>> related,
        IReadOnlyDictionary<string, Hash128>? heads = null)
    {
        var values = new ConcurrentDictionary<string, Hash128>(StringComparer.Ordinal);
        // Worked out once: a value asked for by both cores at once may be worked out by each (GetOrAdd), and this one reads
        // every practice (every list page asks for it, and the first ones are asked for together).
        var lists = new Lazy<Hash128>(() => SiteRenderer.PracticeListsKey(content));
        return name => values.GetOrAdd(name, static (name, inputs) =>
            name.StartsWith(RelatedPrefix, StringComparison.Ordinal) ? RelatedValue(inputs.Related.GetValueOrDefault(name[RelatedPrefix.Length..], []), inputs.Content, inputs.Heads)
            : name.StartsWith(TranslationsPrefix, StringComparison.Ordinal) ? HashOf(inputs.Content.TranslationsOf.GetValueOrDefault(name[TranslationsPrefix.Length..], []))
            : name.StartsWith(HeadPrefix, StringComparison.Ordinal) ? inputs.Heads?.GetValueOrDefault(name[HeadPrefix.Length..]) ?? Hash128.Zero
            : name == PracticeLists ? inputs.Lists.Value
            : inputs.Content.DocumentAt(name) is { } d ? d.Body.Key : Hash128.Zero,
            (Content: content, Related: related, Heads: heads, Lists: lists));

        static Hash128 RelatedValue(IReadOnlyList<string> slugs, Model.ContentSet content, IReadOnlyDictionary<string, Hash128>? heads)
        {
            if (heads is null) return HashOf(slugs);
            // Each slug's UTF-8, a byte no UTF-8 holds, and its front matter's key as 16 bytes, hashed as they are written
            // (the key as decimal text, through a string, was a quarter of checking the kept pages' dependencies after an edit at
            // 20,107 documents).
            var hash = new System.IO.Hashing.XxHash128();
            Span<byte> head = stackalloc byte[17];
            head[0] = 0xFF;
            foreach (var slug in slugs)
            {
                hash.Append(System.Text.Encoding.UTF8.GetBytes(slug));
                var key = content.PracticesBySlug.TryGetValue(slug, out var p) ? heads.GetValueOrDefault(p.ContentPath) : Hash128.Zero;
                key.WriteLittleEndian(head[1..]);
                hash.Append(head);
            }
            return Hash128.CurrentOf(hash);
        }

        static Hash128 HashOf(IReadOnlyList<string> slugs) => Hash128.XxHash(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", slugs)));
    }

    /// <summary>The dependencies the page being made on this thread has read so far (<see cref="Record"/>), or null.</summary>
    [ThreadStatic]
    private static HashSet<string>? t_reading;

    /// <summary>Notes that the page being made on this thread read <paramref name="dependency"/>.</summary>
    internal static void Record(string dependency) => t_reading?.Add(dependency);

    /// <summary>Whether the page being made on this thread records the front matter of every practice it reads.</summary>
    [ThreadStatic]
    private static bool t_recordsHeads;

    /// <summary>The key of this build's inputs other than bodies (<c>Pipeline.ContentStructure</c>), and the key of the
    /// last whole build, whose pages' entries are kept (<see cref="_pages"/>; a quick build in <c>ge serve</c> adds
    /// entries of the edited documents' pages and keeps that key). When the two are the same, pages whose dependencies
    /// hold their recorded values are kept without their models being made.</summary>
    private string? _structure, _committedStructure;
    private bool _sameStructure, _quick;

    /// <summary>The key of this build's inputs other than bodies and practices (<c>Pipeline.ContentKeys.Shell</c>),
    /// and the last whole build's: when the two are the same, pages that recorded every practice's front matter they read
    /// are kept when their dependencies hold, whatever else changed in the practices' front matter or in which there are.</summary>
    private string? _shell, _committedShell;
    private bool _sameShell;

    /// <summary>Whether a page of the last build may be kept by its recorded dependencies alone: the inputs those do not
    /// cover are the same (the structure), or all but the practices are and the page recorded each practice it read.</summary>
    private bool MayKeep(PageEntry entry) => _sameStructure || (_sameShell && entry.HeadsRecorded);

    /// <summary>Whether this build's inputs other than bodies (<c>Pipeline.ContentStructure</c>) are those of the last whole
    /// build, whose files the site holds: what is made of them alone (open data, the feed, the sitemap) is the same.</summary>
    internal bool SameStructure => _sameStructure;

    /// <summary>The current value of a dependency (a body's hash, a practice's related practices), given by the render
    /// stage for this build.</summary>
    public Func<string, Hash128>? DependencyValue { get; set; }

    /// <summary>Whether pages are fingerprinted for a later build: one in this process (<c>ge serve</c>), or one that reads
    /// the build cache this build leaves on disk (<see cref="Persist"/>).</summary>
    private bool _keeps = remember;

    /// <summary>Whether rendered texts are kept for the next build: a builder that lives on and holds its pages. One whose
    /// site is on disk (<c>ge serve</c>) renders texts as a one-shot build does (<see cref="t_recent"/>): the pages it keeps
    /// need no text, and the texts of every document were 137 MB at 20,107 documents, held for the few pages an edit
    /// makes again (a template edit makes every page, and renders each text once, as <c>ge build</c> does).</summary>
    private readonly bool _serves = remember && holdPages;

    /// <summary>Whether this cache is a one-shot build's (<c>ge build</c>), whose pages are the last build's, read from disk.</summary>
    private readonly bool _oneShot = !remember;

    /// <summary>Whether pages' bytes are kept for the next build (see <c>holdPages</c>).</summary>
    private readonly bool _holdsPages = remember && holdPages;

    private ConcurrentDictionary<string, MarkdownEntry> _markdown = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, MarkdownEntry> _markdownNext = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, PageEntry> _pages = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, PageEntry> _pagesNext = new(StringComparer.Ordinal);
    private int _rendered;

    /// <summary>Pages rendered (not reused) by the last build.</summary>
    public int PagesRendered => _rendered;

    /// <summary>Called at the start of a build: what is not used again by this build is forgotten after it.</summary>
    /// <param name="structure">The build's <c>Pipeline.ContentStructure</c> key, if made.</param>
    /// <param name="shell">The build's <c>Pipeline.ContentKeys.Shell</c> key, if made.</param>
    public void BeginBuild(string? structure = null, string? shell = null)
    {
        _templates = new(StringComparer.Ordinal);
        _names = new(StringComparer.Ordinal);
        _markdownNext = new(StringComparer.Ordinal);
        // As large as the last build's pages at once (70,036 at 20,107 documents) rather than grown under both cores' writes.
        _pagesNext = new(Environment.ProcessorCount, _pages.Count, StringComparer.Ordinal);
        _rendered = 0;
        _quick = false;
        _structure = structure;
        _sameStructure = structure is not null && structure == _committedStructure;
        _shell = shell;
        _sameShell = shell is not null && shell == _committedShell;
    }

    /// <summary>Called at the start of a quick build, which renders a few pages and keeps every other page and text as
    /// they are: what it renders is added to what the last build kept. It makes every page it renders, and leaves the
    /// key of the last whole build as it was (the pages it did not make are that build's).</summary>
    public void BeginQuickBuild()
    {
        _templates = new(StringComparer.Ordinal);
        _names = new(StringComparer.Ordinal);
        _markdownNext = _markdown;
        _pagesNext = _pages;
        _rendered = 0;
        _quick = true;
        _sameStructure = false;
        _sameShell = false;
    }

    /// <summary>Forgets every page kept: the next build makes each page (their files are not the ones it recorded).</summary>
    public void ForgetPages()
    {
        _pages = new(StringComparer.Ordinal);
        _committedStructure = null;
        _committedShell = null;
    }

    /// <summary>Called after a successful build.</summary>
    public void Commit()
    {
        _markdown = _markdownNext;
        _pages = _pagesNext;
        if (!_quick) (_committedStructure, _committedShell) = (_structure, _shell);
    }

    /// <summary>
    /// Rendered Markdown by its inputs. Most texts render the same for every interface language and are rendered
    /// once; a text with a link to media (at the site root) is kept per folder depth (<paramref name="nested"/>:
    /// a language under <c>&lt;lang&gt;/</c>).
    /// </summary>
    internal RawHtml Markdown(string key, bool nested, Func<(RawHtml Html, bool LinksMedia)> render)
    {
        if (Find(key) is { } shared && !shared.LinksMedia) return shared.Html;
        var depthKey = key + (nested ? "|nested" : "|root");
        if (Find(depthKey) is { } own) return own.Html;
        var (html, linksMedia) = render();
        var entry = new MarkdownEntry(html, linksMedia);
        Keep(key, entry);
        if (linksMedia) Keep(depthKey, entry);
        return html;
    }

    private sealed record MarkdownEntry(RawHtml Html, bool LinksMedia);

    /// <summary>A rendered text kept by this build or the previous one (then carried over), or by a one-shot build
    /// among this thread's recent texts.</summary>
    private MarkdownEntry? Find(string key)
    {
        if (!_serves)
        {
            foreach (var (k, e) in t_recent ?? []) if (k == key) return e;
            return null;
        }
        if (_markdownNext.TryGetValue(key, out var entry)) return entry;
        if (!_markdown.TryGetValue(key, out entry)) return null;
        _markdownNext[key] = entry;
        return entry;
    }

    private void Keep(string key, MarkdownEntry entry)
    {
        if (_serves)
        {
            _markdownNext[key] = entry;
            return;
        }
        var recent = t_recent ??= new List<(string, MarkdownEntry)>(RecentTexts);
        if (recent.Count == RecentTexts) recent.RemoveAt(0);
        recent.Add((key, entry));
    }

    /// <summary>
    /// A one-shot build keeps no Markdown for later: the render stage renders the languages of a page one after
    /// another on one thread, so the texts of the last few pages of this thread are all it needs to render each
    /// text once instead of once per language, without holding every text of the site in memory.
    /// </summary>
    [ThreadStatic]
    private static List<(string Key, MarkdownEntry Entry)>? t_recent;

    private const int RecentTexts = 32;

    /// <summary>
    /// Keeps the page at <paramref name="path"/> as the last build made it, without making its view model, when that is
    /// sure to give the same page: the build's inputs other than bodies are the ones the last build recorded (the same
    /// <c>Pipeline.ContentStructure</c> key), every dependency the page's model read then has the value it had, and the
    /// fingerprint made of its model's hash with today's strings and templates is the one recorded. False otherwise: the
    /// page is then made (and may still be kept by its fingerprint, <see cref="Page"/>).
    /// </summary>
    internal bool KeepUnchanged(string path, string stringsHash, Func<string, string> templateHash, string template, IFileSink sink)
    {
        if (DependencyValue is not { } value || !_pages.TryGetValue(path, out var previous) || !MayKeep(previous)
            || previous.Model is not { } model || !DependenciesHold(previous, value)) return false;
        return Fingerprint(model, Templates(stringsHash, template, previous.Partials, templateHash)) == previous.Fingerprint && Keep(path, previous, previous, sink);
    }

    /// <summary>Whether the entry recorded what its page's model read besides the structure, and each of those dependencies
    /// has in this build (<paramref name="value"/>) the value it had then.</summary>
    private static bool DependenciesHold(PageEntry entry, Func<string, Hash128> value)
    {
        if (entry.Dependencies is not { } dependencies) return false;
        foreach (var (name, was) in dependencies)
            if (value(name) != was) return false;
        return true;
    }

    /// <summary>
    /// For a one-shot build whose inputs other than bodies are those of the build that published the site (the same
    /// <c>Pipeline.ContentStructure</c> key, which holds the templates' and strings' text, so the same pages with the same
    /// templates): keeps every page of that build whose recorded dependencies have the values they had, as the site holds
    /// it, without its spec, its model or its fingerprint being made — what <see cref="KeepUnchanged"/> decides page by page,
    /// decided from the entries alone (at 20,107 documents, making 70,036 pages' specs and fingerprints to keep them was
    /// half the render stage). Returns the pages kept and those to make (a changed dependency, no recorded model, a file
    /// the site lost); null for any other build, whose pages are each looked at through their specs.
    /// <para>When only practices changed, their front matter or which there are (the same <c>Pipeline.ContentKeys.Shell</c> key), only the pages that
    /// recorded every practice's front matter they read are kept so; <c>Others</c> is then true: every other page of this
    /// build is to be made, including pages the last build did not have (a practice moved to a new sector has a new list).</para>
    /// </summary>
    internal (IReadOnlyList<string> Kept, IReadOnlySet<string> Make, bool Others)? KeepByDependencies(IFileSink sink)
    {
        if (!_oneShot || !_keeps || _quick || !(_sameStructure || _sameShell) || DependencyValue is not { } value) return null;
        var pages = _pages.ToArray();
        // The entries are the pages of the build that recorded this key (the cache is written whole by it); one that is not
        // a page's path is no page this build makes, and the pages are then looked at through their specs instead.
        foreach (var (path, _) in pages)
            if (!path.EndsWith(".html", StringComparison.Ordinal) || !SitePaths.IsSafe(path)) return null;
        var kept = new bool[pages.Length];
        // Each list of dependencies is checked once: the entries read from the build cache share one list where their pages read
        // the same dependencies with the same values (a practice's page in each language), and each name is one string (its
        // value is then found by reference, not by hashing its characters). At 20,107 documents the 70,036 entries hold 2.4
        // million dependencies, about 100,000 of them distinct.
        var values = new ConcurrentDictionary<string, Hash128>(ReferenceEqualityComparer.Instance);
        Hash128 Value(string name) => values.GetOrAdd(name, value);
        var lists = new ConcurrentDictionary<object, bool>(ReferenceEqualityComparer.Instance);
        Parallel.For(0, pages.Length, i =>
        {
            var (path, entry) = pages[i];
            kept[i] = MayKeep(entry) && entry.Model is not null && entry.Dependencies is { } dependencies
                && lists.GetOrAdd(dependencies, _ => DependenciesHold(entry, Value)) && Keep(path, entry, entry, sink);
        });
        var keptPaths = new List<string>(pages.Length);
        var make = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Length; i++)
            if (kept[i]) keptPaths.Add(pages[i].Key);
            else make.Add(pages[i].Key);
        return (keptPaths, make, !_sameStructure);
    }

    /// <summary>Keeps the page as the last build made it — its bytes from memory, or its file in the site — with
    /// <paramref name="next"/> as its entry for the next build; false when the site no longer holds that file.</summary>
    private bool Keep(string path, PageEntry previous, PageEntry next, IFileSink sink)
    {
        if (previous.File is null && !sink.TryKeep(path)) return false;
        _pagesNext[path] = next;
        if (previous.File is not null) sink.Add(previous.File);
        return true;
    }

    /// <summary>Starts recording what the page about to be made on this thread reads (<see cref="Record"/>); the
    /// recording ends with <see cref="Page"/>.</summary>
    /// <param name="recordsHeads">Whether the page records the front matter of every practice it reads (<see cref="HeadOf"/>).</param>
    internal void BeginPage(bool recordsHeads = false)
    {
        if (_keeps) t_reading = new HashSet<string>(StringComparer.Ordinal);
        t_recordsHeads = recordsHeads;
    }

    /// <summary>A page's fingerprint: its model's hash with the hash of what it takes from the interface strings and
    /// templates (<see cref="Templates"/>), as one 128-bit XXH3 hash of the two (no text is made: at 20,000 documents a
    /// SHA-256 of the two as text, in hexadecimal, was made for each of 70,000 pages).</summary>
    private static Hash128 Fingerprint(Hash128 modelHash, Hash128 templates)
    {
        Span<byte> both = stackalloc byte[32];
        modelHash.WriteLittleEndian(both);
        templates.WriteLittleEndian(both[16..]);
        return Hash128.XxHash(both);
    }

    /// <summary>What a page's fingerprint takes from the interface strings and templates: the hash of the strings' hash, then
    /// the hash of the layout, the page's template and each partial it used. Made once per build for each such set of files
    /// (a few dozen), not for each of the 70,000 pages at 20,000 documents.</summary>
    private Hash128 Templates(string stringsHash, string template, IReadOnlyList<string> partials, Func<string, string> templateHash)
    {
        var key = new System.Text.StringBuilder(stringsHash).Append('\n').Append(template);
        foreach (var partial in partials) key.Append('\n').Append(partial);
        return _templates.GetOrAdd(key.ToString(), static (_, page) => Hash128.XxHash(System.Text.Encoding.UTF8.GetBytes(
                page.StringsHash + "\n" + string.Join("\n", new[] { "layout.html", page.Template }.Concat(page.Partials).Select(t => t + "=" + page.TemplateHash(t))))),
            (StringsHash: stringsHash, Template: template, Partials: partials, TemplateHash: templateHash));
    }

    /// <summary>By the strings' hash, template and partials of pages: their part of a fingerprint (<see cref="Templates"/>), for this build.</summary>
    private ConcurrentDictionary<string, Hash128> _templates = new(StringComparer.Ordinal);

    /// <summary>The page put into <paramref name="sink"/>: reused if its fingerprint is unchanged (from memory, or kept in
    /// the sink as the last publish wrote it), else rendered by <paramref name="render"/>. Its path, or null when it
    /// could not be rendered (a template error, reported).</summary>
    /// <param name="modelHash">The hash of the page's view model, without the interface strings (<paramref name="stringsHash"/>).</param>
    internal string? Page(string path, Func<Hash128> modelHash, string stringsHash, Func<string, string> templateHash, string template,
        Func<(OutputFile? File, IReadOnlyList<string> Partials)> render, IFileSink sink)
    {
        try
        {
            if (!_keeps)
            {
                Interlocked.Increment(ref _rendered);
                return Put(render().File);
            }
            var hashed = modelHash();
            if (_pages.TryGetValue(path, out var previous) && previous.Fingerprint == Fingerprint(hashed, Templates(stringsHash, template, previous.Partials, templateHash))
                && Keep(path, previous, Recorded(previous with { Model = hashed }), sink))
                return path;
            var (file, partials) = render();
            Interlocked.Increment(ref _rendered);
            if (file is not null)
                _pagesNext[path] = Recorded(new PageEntry(Fingerprint(hashed, Templates(stringsHash, template, partials, templateHash)), _holdsPages ? file : null, partials, hashed));
            return Put(file);
        }
        finally
        {
            t_reading = null;
            t_recordsHeads = false;
        }

        string? Put(OutputFile? made)
        {
            if (made is null) return null;
            sink.Add(made);
            return made.Path;
        }
    }

    /// <summary>The entry with the dependencies its page read, and the values they have in this build. Each name is held
    /// once for the build (<see cref="_names"/>): a page's reads make their names afresh, and at 20,107 documents the
    /// 70,036 pages' 1.4 million names were 210 MB of strings held through render and write, for about 60,000 distinct ones.</summary>
    private PageEntry Recorded(PageEntry entry)
    {
        if (t_reading is not { } read || DependencyValue is not { } value) return entry with { Dependencies = null, HeadsRecorded = false };
        var names = _names;
        var dependencies = new (string Name, Hash128 Value)[read.Count];
        var i = 0;
        foreach (var name in read) dependencies[i++] = (names.GetOrAdd(name, name), value(name));
        Array.Sort(dependencies, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entry with { Dependencies = dependencies, HeadsRecorded = t_recordsHeads };
    }

    /// <summary>The dependencies' names recorded by this build, each held once (<see cref="Recorded"/>).</summary>
    private ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes a one-shot build (<c>ge build</c>) fingerprint its pages, starting from <paramref name="last"/> — the
    /// fingerprints of the build that published the site, read from the build cache on disk — so that pages whose
    /// fingerprint is unchanged are kept in the site as they are, their Markdown not even rendered. Nothing of the
    /// pages' bytes is held.
    /// </summary>
    /// <remarks>Pages are kept without their models being made when the build's <c>Pipeline.ContentStructure</c> key
    /// (<see cref="BeginBuild"/>) is the one <paramref name="last"/> recorded.</remarks>
    public void Persist(RenderCacheFile.Contents last)
    {
        _keeps = true;
        _pages = new(last.Pages, StringComparer.Ordinal);
        _committedStructure = last.Structure;
        _committedShell = last.Shell;
    }

    /// <summary>The fingerprints of the last committed build's pages, for the build cache on disk.</summary>
    /// <remarks>An entry that holds no page's bytes (every entry of a one-shot build) is given as it is, not copied.</remarks>
    public RenderCacheFile.Contents Persisted() =>
        new(_pages.ToDictionary(kv => kv.Key, kv => kv.Value.File is null ? kv.Value : kv.Value with { File = null }, StringComparer.Ordinal)) { Structure = _committedStructure, Shell = _committedShell };

    /// <summary>A stable hash of a page model (every key but the interface strings, which are hashed as a file), keys in
    /// order.</summary>
    internal static Hash128 ModelFingerprint(ScriptObject model) =>
        ModelHash.Of(model.Where(kv => kv.Key != "t").OrderBy(kv => kv.Key, StringComparer.Ordinal));
}
