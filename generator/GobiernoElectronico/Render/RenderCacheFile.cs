using GobiernoElectronico.Site;

namespace GobiernoElectronico.Render;

/// <summary>
/// The render stage's part of the build cache on disk (<c>ge build</c>): each page's fingerprint with the partials it
/// used, the hash of its model and what the model read (<see cref="RenderCache.PageEntry"/>), and the key of the build's
/// other inputs (<c>Pipeline.ContentStructure</c>). Valid only for the generator that wrote it (its assemblies and those it renders with, by module id) and for
/// the site publication it names: a page is kept only when the site still holds what that build wrote.
/// </summary>
public static class RenderCacheFile
{
    private const string Format = "ge-render-cache 3";

    /// <summary>What one build rendered. <paramref name="Site"/> names the publication its pages are in.</summary>
    public sealed record Contents(IReadOnlyDictionary<string, RenderCache.PageEntry> Pages, string Site = "")
    {
        /// <summary>The <c>Pipeline.ContentStructure</c> key of the build that rendered the pages, if it was made.</summary>
        public string? Structure { get; init; }

        public static readonly Contents Empty = new(new Dictionary<string, RenderCache.PageEntry>());
    }

    /// <summary>The generator's identity: a cache written by another build of the tool (other rendering code, another
    /// version of Markdig, Scriban or HtmlSanitizer) is not read.</summary>
    private static string Generator { get; } = CacheFile.Generator(
        typeof(RenderCacheFile), typeof(Markdig.Markdown), typeof(Scriban.Template), typeof(Ganss.Xss.HtmlSanitizer), typeof(AngleSharp.Dom.INode));

    /// <summary>The cache in <paramref name="file"/>, or <see cref="Contents.Empty"/> when there is none or it is not this
    /// generator's or cannot be read (a cache is never a reason for a build to fail).</summary>
    public static Contents Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var site = reader.ReadString();
        var structure = reader.ReadString();
        var length = reader.BaseStream.Length; // asked once: each time is a system call, and a count is checked per page
        var count = reader.ReadInt32();
        if (count < 0 || count > length) return null; // not a count this file can hold
        var pages = new Dictionary<string, RenderCache.PageEntry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var fingerprint = reader.ReadString();
            var used = reader.ReadInt32();
            if (used < 0 || used > length) return null;
            var partials = new string[used];
            for (var j = 0; j < partials.Length; j++) partials[j] = reader.ReadString();
            var model = reader.ReadString();
            var read = reader.ReadInt32();
            if (read < -1 || read > length) return null;
            var dependencies = read < 0 ? null : new (string, string)[read];
            for (var j = 0; j < read; j++) dependencies![j] = (reader.ReadString(), reader.ReadString());
            pages[path] = new(fingerprint, null, partials, model.Length > 0 ? model : null, dependencies);
        }
        return reader.ReadString() == "end" ? new Contents(pages, site) { Structure = structure.Length > 0 ? structure : null } : null;
    }) ?? Contents.Empty;

    /// <summary>Writes <paramref name="contents"/> to <paramref name="file"/> whole or not at all (through a temporary file).</summary>
    public static void Write(string file, Contents contents) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        writer.Write(contents.Site);
        writer.Write(contents.Structure ?? "");
        writer.Write(contents.Pages.Count);
        foreach (var (path, entry) in contents.Pages.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(path);
            writer.Write(entry.Fingerprint);
            writer.Write(entry.Partials.Count);
            foreach (var partial in entry.Partials) writer.Write(partial);
            writer.Write(entry.Model ?? "");
            writer.Write(entry.Dependencies?.Count ?? -1);
            foreach (var (name, value) in entry.Dependencies ?? []) { writer.Write(name); writer.Write(value); }
        }
        writer.Write("end");
    });
}
