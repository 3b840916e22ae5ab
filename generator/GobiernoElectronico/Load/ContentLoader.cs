using System.Collections.Concurrent;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Model;

namespace GobiernoElectronico.Load;

/// <summary>
/// Stage 1, load: reads every file under <c>content/</c>, splits front matter from Markdown and parses the
/// YAML with positions. It knows file layout only; what the fields mean is the validate stage's business.
/// </summary>
public static class ContentLoader
{
    /// <summary>The folder of each content type under <c>content/</c>.</summary>
    public static IReadOnlyDictionary<string, ContentKind> Folders => FolderKinds;

    private static readonly Dictionary<string, ContentKind> FolderKinds = new(StringComparer.Ordinal)
    {
        ["countries"] = ContentKind.Country,
        ["practices"] = ContentKind.Practice,
        ["activities"] = ContentKind.Activity,
        ["organisations"] = ContentKind.Organisation,
        ["directory"] = ContentKind.Directory,
        ["telecentres"] = ContentKind.Telecentre,
        ["workshops"] = ContentKind.Workshop,
    };

    public const string SiteFile = "site.yml";

    /// <summary>Images and other files that pages link to: copied into the site under the same path.</summary>
    public const string MediaFolder = "media";

    /// <summary>The media files of a content tree, as content paths (<c>media/…</c>).</summary>
    public static IReadOnlyList<string> MediaFiles(string contentRoot)
    {
        var folder = System.IO.Path.Combine(contentRoot, MediaFolder);
        if (!Directory.Exists(folder) || new DirectoryInfo(folder).LinkTarget is not null) return [];
        return ContentTree.Walk(folder).Files
            .Select(f => System.IO.Path.GetRelativePath(contentRoot, f).Replace('\\', '/'))
            .Where(p => !IsIgnored(p)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A file as last read: its stamp, what it parsed to, and the problems reading it found.</summary>
    public sealed record CachedFile(DateTime Modified, long Length, SourceDocument? Document, IReadOnlyList<Diagnostic> Problems);

    /// <summary>
    /// Reads the content tree. Files are read in parallel and returned in path order. With a
    /// <paramref name="cache"/> (incremental builds), a file whose time stamp and length are unchanged is
    /// not read again; its problems are reported again all the same. (<c>ge build</c> with its cache walks the tree with
    /// <see cref="Files"/> and reads it itself, with the front matter its last build parsed.)
    /// </summary>
    public static IReadOnlyList<SourceDocument> Load(string contentRoot, DiagnosticBag diagnostics, ConcurrentDictionary<string, CachedFile>? cache = null) =>
        Read(Files(contentRoot, diagnostics), diagnostics, cache);

    /// <summary>The content files of a tree, site.yml first, each with its type, in path order; what is refused (links out of
    /// the tree) or belongs to no type is reported.</summary>
    public static IReadOnlyList<(string File, ContentKind Kind)> Files(string contentRoot, DiagnosticBag diagnostics)
    {
        var root = System.IO.Path.GetFullPath(contentRoot);
        var files = new List<(string File, ContentKind Kind)>();
        var site = System.IO.Path.Combine(root, SiteFile);
        if (File.Exists(site))
            files.Add((site, ContentKind.Site));
        else
            diagnostics.Error(DisplayPath(site), SourcePosition.FileStart, ErrorCodes.MissingSiteConfig,
                $"{SiteFile} is missing: every site needs a title, languages and the programme text");

        var (tree, refused) = ContentTree.Walk(root);
        ContentTree.Report(refused.Where(r => !IsIgnored(System.IO.Path.GetRelativePath(root, r).Replace('\\', '/'))), diagnostics);
        if (refused.Contains(site, StringComparer.Ordinal)) files.Clear();
        var prefix = root.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        var folders = FolderKinds.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var file in tree)
        {
            // The walk gives full paths under the root: the relative path is the rest (at 20,000 documents, asking the path API
            // for each and splitting it was a tenth of a second of every build).
            var relative = file.StartsWith(prefix, StringComparison.Ordinal) && System.IO.Path.DirectorySeparatorChar == '/'
                ? file[prefix.Length..] : System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative == SiteFile || IsIgnored(relative) || relative.StartsWith(MediaFolder + "/", StringComparison.Ordinal)
                || relative.StartsWith("data/", StringComparison.Ordinal)) continue; // data/ is read by IndicatorData
            var slash = relative.IndexOf('/');
            if (slash > 0 && relative.IndexOf('/', slash + 1) < 0 && folders.TryGetValue(relative.AsSpan(0, slash), out var kind)
                && relative.EndsWith(".md", StringComparison.Ordinal))
                files.Add((file, kind));
            else
                diagnostics.Warning(DisplayPath(file), SourcePosition.FileStart, ErrorCodes.UnknownFile,
                    "this file belongs to no content type and is ignored (expected site.yml, data/indicators.csv, media/…, or <name>.md in countries/, practices/, activities/, organisations/, directory/, telecentres/ or workshops/)");
        }
        return files;
    }

    /// <summary>
    /// Reads <paramref name="files"/> (in parallel; the documents come back in the same order). With a
    /// <paramref name="cache"/>, a file whose time stamp and length are unchanged is not read again; with
    /// <paramref name="changedOnly"/> as well (the files a watcher saw change, when no file was added or removed), only
    /// those are looked at and every other file is taken from the cache as it is.
    /// </summary>
    /// <param name="entries">Receives each file's cache entry by index (with a cache).</param>
    /// <param name="parses">The front matter the last <c>ge build</c> parsed (its cache on disk), for files read here.</param>
    public static IReadOnlyList<SourceDocument> Read(IReadOnlyList<(string File, ContentKind Kind)> files, DiagnosticBag diagnostics,
        ConcurrentDictionary<string, CachedFile>? cache = null, IReadOnlySet<string>? changedOnly = null, CachedFile?[]? entries = null,
        ParseCache? parses = null)
    {
        var documents = new SourceDocument?[files.Count];
        var currentDirectory = Environment.CurrentDirectory;
        Parallel.For(0, files.Count, i =>
        {
            var (file, kind) = files[i];
            if (cache is null)
            {
                documents[i] = Read(file, kind, diagnostics, parses, currentDirectory);
                return;
            }
            if (changedOnly is null || changedOnly.Contains(file) || !cache.TryGetValue(file, out var entry))
                entry = Refresh(file, kind, cache);
            foreach (var d in entry.Problems) diagnostics.Add(d);
            documents[i] = entry.Document;
            if (entries is not null) entries[i] = entry;
        });
        if (cache is not null && changedOnly is null)
            foreach (var gone in cache.Keys.Except(files.Select(f => f.File)).ToList()) cache.TryRemove(gone, out _);
        return documents.OfType<SourceDocument>().ToList();
    }

    /// <summary>A file's cache entry, read again when its time stamp or length is not the one cached.</summary>
    public static CachedFile Refresh(string file, ContentKind kind, ConcurrentDictionary<string, CachedFile> cache)
    {
        var info = new FileInfo(file);
        if (!cache.TryGetValue(file, out var entry) || entry.Modified != info.LastWriteTimeUtc || entry.Length != info.Length)
        {
            var local = new DiagnosticBag();
            entry = new CachedFile(info.LastWriteTimeUtc, info.Length, Read(file, kind, local), local.Sorted());
            cache[file] = entry;
        }
        return entry;
    }

    /// <summary>Reads one file: YAML (site.yml) or Markdown with front matter.</summary>
    /// <param name="currentDirectory">The working directory, for the path shown (<see cref="DisplayPath"/>), when the caller
    /// knows it (one look-up for a tree rather than one per file).</param>
    public static SourceDocument? Read(string file, ContentKind kind, DiagnosticBag diagnostics, ParseCache? parses = null, string? currentDirectory = null)
    {
        var path = DisplayPath(file, currentDirectory);
        var key = System.IO.Path.GetFileNameWithoutExtension(file);
        // With the build cache, a document whose file has the time and length the last build read is made without reading it.
        FileInfo? info = null;
        if (parses is not null && kind != ContentKind.Site)
        {
            info = new FileInfo(file);
            if (info.Exists && Stamped(file, info, path, kind, key, parses) is { } kept) return kept;
        }
        if (TextFile.ReadBytes(file, path, diagnostics, known: info) is not { } bytes) return null;
        // A document's body is cut off its bytes as it is kept (UTF-8), without decoding it to a string and encoding it back:
        // only the front matter is decoded. Bytes that are not clean text go through the decoder, which says where.
        if (kind != ContentKind.Site && TextFile.IsText(bytes))
        {
            if (info is not { Exists: true }) return ParseUtf8(bytes, path, kind, key, diagnostics, parses, out _);
            // The stamp is the one taken before the file was read: a file changed meanwhile is read again by the next build.
            var local = new DiagnosticBag();
            var document = ParseUtf8(bytes, path, kind, key, local, parses, out var entry);
            foreach (var d in local.Sorted()) diagnostics.Add(d);
            if (document is not null && entry is { } e && local.Count == 0 && bytes.LongLength == info.Length)
            {
                var stamp = e with { Written = info.LastWriteTimeUtc.Ticks, Length = info.Length };
                parses!.Stamps.Keep(file, stamp);
                document = document with { ReadBodyAgain = () => DocumentStamps.ReadRange(file, stamp.BodyStart, stamp.BodyLength) };
            }
            return document;
        }
        var text = TextFile.Decode(bytes, path, diagnostics);
        return text is null ? null : Parse(text, path, kind, key, diagnostics, parses);
    }

    /// <summary>The document of a file the last build read without a problem and that has its time and length then, made of
    /// the front matter's tree kept in <paramref name="parses"/> and of a head and body read from the file only if asked for;
    /// null when the file is not known so, or its tree is no longer kept.</summary>
    private static SourceDocument? Stamped(string file, FileInfo info, string path, ContentKind kind, string key, ParseCache parses)
    {
        if (!parses.Stamps.TryReuse(file, info.LastWriteTimeUtc.Ticks, info.Length, out var entry) || info.Length > TextFile.MaxBytes
            || !parses.TryReuse(entry.Tree, out var tree) || tree is not (YamlMapping or null)) return null;
        var head = Model.MarkdownText.Deferred(entry.HeadLength, entry.Head, path, () => DocumentStamps.ReadRange(file, entry.HeadStart, entry.HeadLength));
        var body = Model.MarkdownText.Deferred(entry.BodyLength, entry.Body, path, () => DocumentStamps.ReadRange(file, entry.BodyStart, entry.BodyLength));
        return new SourceDocument(kind, path, key, tree as YamlMapping ?? new YamlMapping([], SourcePosition.FileStart), body, entry.BodyFirstLine, head,
            $"{FolderOf(kind)}/{key}.md").KnowingPlaceholders(entry.MayHoldPlaceholder);
    }

    /// <summary>Parses text already read; used by <see cref="Read(string, ContentKind, DiagnosticBag, ParseCache, string)"/> and by tests.</summary>
    public static SourceDocument? Parse(string text, string path, ContentKind kind, string key, DiagnosticBag diagnostics, ParseCache? parses = null)
    {
        if (kind == ContentKind.Site)
        {
            var ok = YamlReader.TryParse(text, path, 0, diagnostics, out var site);
            return new SourceDocument(kind, path, key, ok ? AsMapping(site, path, diagnostics) : null, "", 1, text, SiteFile);
        }

        var (split, problem) = FrontMatter.Split(text);
        if (split is null)
        {
            ReportSplit(problem, path, diagnostics);
            return null;
        }
        return Document(kind, path, key, split.Yaml, split.YamlFirstLine, split.Body, split.BodyFirstLine, text[..^split.Body.Length], diagnostics, parses); // the split cuts the body off the text's end
    }

    /// <summary>As <see cref="Parse"/> for a document's bytes, known to be clean text (<see cref="TextFile.IsText"/>): the same
    /// document, its body cut off the bytes.</summary>
    /// <param name="entry">What the build cache records of the document (<see cref="DocumentStamps"/>), but its file's time and
    /// length; null when it has none to record.</param>
    private static SourceDocument? ParseUtf8(byte[] bytes, string path, ContentKind kind, string key, DiagnosticBag diagnostics, ParseCache? parses,
        out DocumentStamps.Entry? entry)
    {
        entry = null;
        var headStart = bytes.AsSpan().StartsWith(TextFile.ByteOrderMark) ? 3 : 0; // as TextFile.Decode drops it
        var text = bytes.AsSpan(headStart);
        var from = text.StartsWith(TextFile.ByteOrderMark) ? 3 : 0; // as FrontMatter.Split drops another
        var (cut, problem) = FrontMatter.Locate(text[from..], "---"u8, "..."u8, (byte)'\n', "\r \t"u8);
        if (problem != FrontMatter.Problem.None)
        {
            ReportSplit(problem, path, diagnostics);
            return null;
        }
        var yaml = System.Text.Encoding.UTF8.GetString(text.Slice(from + cut.YamlStart, cut.YamlEnd - cut.YamlStart));
        var bodyStart = from + cut.BodyStart;
        var body = MarkdownText.FromUtf8(text[bodyStart..]);
        var head = MarkdownText.FromUtf8(text[..bodyStart]);
        var tree = ParseCache.KeyOf(yaml, FrontMatter.FirstLine - 1);
        var document = Document(kind, path, key, yaml, FrontMatter.FirstLine, body, cut.BodyFirstLine, head, diagnostics, parses, tree);
        if (parses is not null)
            entry = new DocumentStamps.Entry(0, 0, tree, headStart, bodyStart, head.Key, body.Key, cut.BodyFirstLine, document.BodyMayHoldPlaceholder);
        return document;
    }

    private static void ReportSplit(FrontMatter.Problem problem, string path, DiagnosticBag diagnostics)
    {
        if (problem == FrontMatter.Problem.Missing)
            diagnostics.Error(path, SourcePosition.FileStart, ErrorCodes.MissingFrontMatter,
                "the document must start with a front-matter block: a line '---', the YAML fields, and a closing '---'");
        else
            diagnostics.Error(path, SourcePosition.FileStart, ErrorCodes.UnterminatedFrontMatter,
                "the front matter opened on line 1 is never closed; add a line '---' after the last field");
    }

    /// <summary>A document of its parts: the front matter parsed (or taken from <paramref name="parses"/>).</summary>
    /// <param name="treeKey">The front matter's key in <paramref name="parses"/>, when worked out already.</param>
    private static SourceDocument Document(ContentKind kind, string path, string key, string yaml, int yamlFirstLine, MarkdownText body, int bodyFirstLine,
        MarkdownText head, DiagnosticBag diagnostics, ParseCache? parses, Hash128? treeKey = null)
    {
        var parsed = parses is null
            ? YamlReader.TryParse(yaml, path, yamlFirstLine - 1, diagnostics, out var tree)
            : parses.TryParse(yaml, treeKey ?? ParseCache.KeyOf(yaml, yamlFirstLine - 1), path, yamlFirstLine - 1, diagnostics, out tree);
        return new SourceDocument(kind, path, key, parsed ? AsMapping(tree, path, diagnostics) : null, body, bodyFirstLine, head, $"{FolderOf(kind)}/{key}.md");
    }

    private static YamlMapping? AsMapping(YamlNode? node, string path, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case YamlMapping m: return m;
            case null: return new YamlMapping([], SourcePosition.FileStart);
            default:
                diagnostics.Error(path, node.Position, ErrorCodes.WrongType, $"the front matter must be a mapping of 'field: value' lines, not {node.KindName}");
                return null;
        }
    }

    /// <summary>The folder of a content type.</summary>
    public static string FolderOf(ContentKind kind) => FolderNames[(int)kind] ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind without a folder");

    /// <summary>The folder of each kind, by its number (none for the site's file).</summary>
    private static readonly string?[] FolderNames = Enumerable.Range(0, Enum.GetValues<ContentKind>().Length)
        .Select(k => FolderKinds.FirstOrDefault(f => (int)f.Value == k).Key).ToArray();

    /// <summary>Files that are not content: hidden files and folders, editors' backups and swap files, READMEs.
    /// The preview's watcher uses the same rule.</summary>
    public static bool IsIgnored(string relative) =>
        relative.StartsWith('.') || relative.Contains("/.", StringComparison.Ordinal) || relative.EndsWith('~') || relative.EndsWith(".swp", StringComparison.Ordinal)
        || System.IO.Path.GetFileName(relative.AsSpan()) is "README.md" or "Thumbs.db";

    /// <summary>The path as shown in diagnostics: relative to the working directory when inside it, with '/'.</summary>
    /// <param name="currentDirectory">The working directory when the caller knows it (null: looked up).</param>
    public static string DisplayPath(string file, string? currentDirectory = null)
    {
        var full = System.IO.Path.GetFullPath(file);
        var relative = System.IO.Path.GetRelativePath(currentDirectory ?? Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
