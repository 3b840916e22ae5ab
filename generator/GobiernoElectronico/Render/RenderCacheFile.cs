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
    private const string Format = "ge-render-cache 4";

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
    /// <remarks>The lists of partials and the names of dependencies are each read once, from the file's tables: pages that
    /// used the same partials share one list, and the pages that read a body share its name (at 20,107 documents, 70,036
    /// entries hold 7 lists and 40,212 names).</remarks>
    public static Contents Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var site = reader.ReadString();
        var structure = reader.ReadString();
        var length = reader.BaseStream.Length; // asked once: each time is a system call, and a count is checked per page
        var lists = new IReadOnlyList<string>[CacheFile.ReadCount(reader, length)];
        for (var i = 0; i < lists.Length; i++)
        {
            var partials = new string[CacheFile.ReadCount(reader, length)];
            for (var j = 0; j < partials.Length; j++) partials[j] = reader.ReadString();
            lists[i] = partials;
        }
        var names = new string[CacheFile.ReadCount(reader, length)];
        for (var i = 0; i < names.Length; i++) names[i] = reader.ReadString();
        var count = CacheFile.ReadCount(reader, length);
        var pages = new Dictionary<string, RenderCache.PageEntry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var fingerprint = CacheFile.ReadKey(reader);
            var list = reader.ReadInt32();
            if ((uint)list >= (uint)lists.Length) return null;
            UInt128? model = reader.ReadBoolean() ? CacheFile.ReadKey(reader) : null;
            var read = reader.ReadInt32();
            if (read < -1 || read > length) return null;
            var dependencies = read < 0 ? null : new (string, UInt128)[read];
            for (var j = 0; j < read; j++)
            {
                var name = reader.ReadInt32();
                if ((uint)name >= (uint)names.Length) return null;
                dependencies![j] = (names[name], CacheFile.ReadKey(reader));
            }
            pages[path] = new(fingerprint, null, lists[list], model, dependencies);
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
        var pages = contents.Pages.ToArray();
        var paths = Array.ConvertAll(pages, p => p.Key);
        var entries = Array.ConvertAll(pages, p => p.Value);
        Array.Sort(paths, entries, StringComparer.Ordinal);
        // The tables: each distinct list of partials (by its names) and each dependency's name, numbered as first met.
        // A list is looked up by reference first: the entries of pages kept share the lists the cache was read with.
        var lists = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<IReadOnlyList<string>, int>(ReferenceEqualityComparer.Instance);
        var listOf = new int[entries.Length];
        var listed = new List<IReadOnlyList<string>>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var partials = entries[i].Partials;
            if (!seen.TryGetValue(partials, out listOf[i]))
            {
                var joined = string.Join('\0', partials); // no file name holds a NUL
                if (!lists.TryGetValue(joined, out listOf[i]))
                {
                    lists.Add(joined, listOf[i] = listed.Count);
                    listed.Add(partials);
                }
                seen.Add(partials, listOf[i]);
            }
            foreach (var (name, _) in entries[i].Dependencies ?? []) names.TryAdd(name, names.Count);
        }
        writer.Write(listed.Count);
        foreach (var partials in listed)
        {
            writer.Write(partials.Count);
            foreach (var partial in partials) writer.Write(partial);
        }
        writer.Write(names.Count);
        foreach (var (name, _) in names.OrderBy(n => n.Value)) writer.Write(name);
        writer.Write(paths.Length);
        for (var i = 0; i < paths.Length; i++)
        {
            var entry = entries[i];
            writer.Write(paths[i]);
            CacheFile.WriteKey(writer, entry.Fingerprint);
            writer.Write(listOf[i]);
            writer.Write(entry.Model.HasValue);
            if (entry.Model is { } model) CacheFile.WriteKey(writer, model);
            writer.Write(entry.Dependencies?.Count ?? -1);
            foreach (var (name, value) in entry.Dependencies ?? [])
            {
                writer.Write(names[name]);
                CacheFile.WriteKey(writer, value);
            }
        }
        writer.Write("end");
    });
}
