using System.Collections.Concurrent;
using System.Text.Json;
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
public sealed class RenderCache(bool remember = true)
{
    /// <param name="File">The page's bytes, for a build that serves them (<c>ge serve</c>); null for an entry read from the
    /// build cache on disk, whose page is the file the last publish wrote.</param>
    public sealed record PageEntry(string Fingerprint, OutputFile? File, IReadOnlyList<string> Partials);

    /// <summary>Whether pages are fingerprinted for a later build: one in this process (<c>ge serve</c>), or one that reads
    /// the build cache this build leaves on disk (<see cref="Persist"/>).</summary>
    private bool _keeps = remember;

    /// <summary>Whether pages' bytes and rendered texts are kept for the next build (<c>ge serve</c>, which serves them
    /// from memory).</summary>
    private readonly bool _serves = remember;

    private ConcurrentDictionary<string, MarkdownEntry> _markdown = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, MarkdownEntry> _markdownNext = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, PageEntry> _pages = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, PageEntry> _pagesNext = new(StringComparer.Ordinal);
    private int _rendered;

    /// <summary>Pages rendered (not reused) by the last build.</summary>
    public int PagesRendered => _rendered;

    /// <summary>Called at the start of a build: what is not used again by this build is forgotten after it.</summary>
    public void BeginBuild()
    {
        _markdownNext = new(StringComparer.Ordinal);
        _pagesNext = new(StringComparer.Ordinal);
        _rendered = 0;
    }

    /// <summary>Called at the start of a quick build, which renders a few pages and keeps every other page and text as
    /// they are: what it renders is added to what the last build kept.</summary>
    public void BeginQuickBuild()
    {
        _markdownNext = _markdown;
        _pagesNext = _pages;
        _rendered = 0;
    }

    /// <summary>Called after a successful build.</summary>
    public void Commit()
    {
        _markdown = _markdownNext;
        _pages = _pagesNext;
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

    /// <summary>The page put into <paramref name="sink"/>: reused if its fingerprint is unchanged (from memory, or kept in
    /// the sink as the last publish wrote it), else rendered by <paramref name="render"/>. Its path, or null when it
    /// could not be rendered (a template error, reported).</summary>
    internal string? Page(string path, Func<string> modelFingerprint, Func<string, string> templateHash, string template,
        Func<(OutputFile? File, IReadOnlyList<string> Partials)> render, IFileSink sink)
    {
        if (!_keeps)
        {
            Interlocked.Increment(ref _rendered);
            return Put(render().File);
        }
        var model = modelFingerprint();
        string Fingerprint(IEnumerable<string> partials) =>
            ContentHash.Of(model + "\n" + string.Join("\n", new[] { "layout.html", template }.Concat(partials).Select(t => t + "=" + templateHash(t))));

        if (_pages.TryGetValue(path, out var previous) && previous.Fingerprint == Fingerprint(previous.Partials)
            && (previous.File is not null || sink.TryKeep(path)))
        {
            _pagesNext[path] = previous;
            if (previous.File is not null) sink.Add(previous.File);
            return path;
        }
        var (file, partials) = render();
        Interlocked.Increment(ref _rendered);
        if (file is not null) _pagesNext[path] = new PageEntry(Fingerprint(partials), _serves ? file : null, partials);
        return Put(file);

        string? Put(OutputFile? made)
        {
            if (made is null) return null;
            sink.Add(made);
            return made.Path;
        }
    }

    /// <summary>
    /// Makes a one-shot build (<c>ge build</c>) fingerprint its pages, starting from <paramref name="last"/> — the
    /// fingerprints of the build that published the site, read from the build cache on disk — so that pages whose
    /// fingerprint is unchanged are kept in the site as they are, their Markdown not even rendered. Nothing of the
    /// pages' bytes is held.
    /// </summary>
    public void Persist(RenderCacheFile.Contents last)
    {
        _keeps = true;
        _pages = new(last.Pages, StringComparer.Ordinal);
    }

    /// <summary>The fingerprints of the last committed build's pages, for the build cache on disk.</summary>
    public RenderCacheFile.Contents Persisted() => new(_pages.ToDictionary(kv => kv.Key, kv => kv.Value with { File = null }, StringComparer.Ordinal));

    /// <summary>A fingerprint's JSON is hashed, never read by anyone: strings are written without escaping the characters
    /// HTML gives meaning to (the default escapes every &lt; and &gt; of the HTML and SVG a model holds, which cost as much
    /// as rendering the page).</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = false, MaxDepth = 64, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A stable hash of a page model (every key but the interface strings, which are hashed as a file).</summary>
    internal static string ModelFingerprint(ScriptObject model) =>
        ContentHash.OfJson(model.Where(kv => kv.Key != "t").OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value), Json);
}
