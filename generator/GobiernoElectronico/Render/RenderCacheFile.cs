using GobiernoElectronico.Hashing;
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
    private const string Format = "ge-render-cache 6";

    /// <summary>What one build rendered. <paramref name="Site"/> names the publication its pages are in.</summary>
    public sealed record Contents(IReadOnlyDictionary<string, RenderCache.PageEntry> Pages, string Site = "")
    {
        /// <summary>The <c>Pipeline.ContentStructure</c> key of the build that rendered the pages, if it was made.</summary>
        public string? Structure { get; init; }

        /// <summary>The <c>Pipeline.ContentKeys.Shell</c> key of the build that rendered the pages, if it was made.</summary>
        public string? Shell { get; init; }

        public static readonly Contents Empty = new(new Dictionary<string, RenderCache.PageEntry>());
    }

    /// <summary>The generator's identity: a cache written by another build of the tool (other rendering code, another
    /// version of Markdig, Scriban or HtmlSanitizer) is not read.</summary>
    private static string Generator { get; } = CacheFile.Generator(
        typeof(RenderCacheFile), typeof(Markdig.Markdown), typeof(Scriban.Template), typeof(Ganss.Xss.HtmlSanitizer), typeof(AngleSharp.Dom.INode));

    /// <summary>The cache in <paramref name="file"/>, or <see cref="Contents.Empty"/> when there is none or it is not this
    /// generator's or cannot be read (a cache is never a reason for a build to fail).</summary>
    /// <remarks>The lists of partials and of dependencies, and each dependency with its value, are read once, from the file's
    /// tables: pages that used the same partials share one list, and pages that read the same dependencies with the same
    /// values (a practice's page in each language) share one list of them. A practice's page and a list's page record the
    /// front matter of each practice they show: at 20,104 documents, 70,036 entries read 2.4 million dependencies, 49 MB
    /// written one by one with its name's number and value, 13 MB as lists of numbers of 100,000 distinct dependencies.</remarks>
    public static Contents Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var site = reader.ReadString();
        var structure = reader.ReadString();
        var shell = reader.ReadString();
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
        var pairs = new (string, Hash128)[CacheFile.ReadCount(reader, length)];
        for (var i = 0; i < pairs.Length; i++)
        {
            var name = reader.ReadInt32();
            if ((uint)name >= (uint)names.Length) return null;
            pairs[i] = (names[name], CacheFile.ReadKey(reader));
        }
        var dependencyLists = new (string, Hash128)[CacheFile.ReadCount(reader, length)][];
        for (var i = 0; i < dependencyLists.Length; i++)
        {
            var list = dependencyLists[i] = new (string, Hash128)[CacheFile.ReadCount(reader, length)];
            for (var j = 0; j < list.Length; j++)
            {
                var pair = reader.ReadInt32();
                if ((uint)pair >= (uint)pairs.Length) return null;
                list[j] = pairs[pair];
            }
        }
        var count = CacheFile.ReadCount(reader, length);
        var pages = new Dictionary<string, RenderCache.PageEntry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var fingerprint = CacheFile.ReadKey(reader);
            var list = reader.ReadInt32();
            if ((uint)list >= (uint)lists.Length) return null;
            Hash128? model = reader.ReadBoolean() ? CacheFile.ReadKey(reader) : null;
            var read = reader.ReadInt32();
            if (read < -1 || read >= dependencyLists.Length) return null;
            var dependencies = read < 0 ? null : dependencyLists[read];
            var headsRecorded = reader.ReadBoolean();
            pages[path] = new(fingerprint, null, lists[list], model, dependencies, headsRecorded);
        }
        return reader.ReadString() == "end" ? new Contents(pages, site) { Structure = structure.Length > 0 ? structure : null, Shell = shell.Length > 0 ? shell : null } : null;
    }) ?? Contents.Empty;


    /// <summary>Writes <paramref name="contents"/> to <paramref name="file"/> whole or not at all (through a temporary file).</summary>
    public static void Write(string file, Contents contents) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        writer.Write(contents.Site);
        writer.Write(contents.Structure ?? "");
        writer.Write(contents.Shell ?? "");
        var pages = contents.Pages.ToArray();
        var paths = Array.ConvertAll(pages, p => p.Key);
        var entries = Array.ConvertAll(pages, p => p.Value);
        Array.Sort(paths, entries, StringComparer.Ordinal);
        // The tables: each distinct list of partials (by its names), each dependency's name, each dependency with its value and
        // each distinct list of those, numbered as first met. A list is looked up by reference first: the entries of pages
        // kept share the lists the cache was read with.
        var lists = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<IReadOnlyList<string>, int>(ReferenceEqualityComparer.Instance);
        var listOf = new int[entries.Length];
        var listed = new List<IReadOnlyList<string>>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string Name, Hash128 Value), int>();
        var dependencyLists = new Dictionary<int[], int>(Numbers.Instance);
        var dependenciesSeen = new Dictionary<IReadOnlyList<(string, Hash128)>, int>(ReferenceEqualityComparer.Instance);
        var dependencyListed = new List<int[]>();
        var dependenciesOf = new int[entries.Length];
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
            if (entries[i].Dependencies is not { } dependencies) dependenciesOf[i] = -1;
            else if (!dependenciesSeen.TryGetValue(dependencies, out dependenciesOf[i]))
            {
                var numbers = new int[dependencies.Count];
                for (var j = 0; j < numbers.Length; j++)
                    if (!pairs.TryGetValue(dependencies[j], out numbers[j]))
                    {
                        pairs.Add(dependencies[j], numbers[j] = pairs.Count);
                        names.TryAdd(dependencies[j].Name, names.Count);
                    }
                if (!dependencyLists.TryGetValue(numbers, out dependenciesOf[i]))
                {
                    dependencyLists.Add(numbers, dependenciesOf[i] = dependencyListed.Count);
                    dependencyListed.Add(numbers);
                }
                dependenciesSeen.Add(dependencies, dependenciesOf[i]);
            }
        }
        writer.Write(listed.Count);
        foreach (var partials in listed)
        {
            writer.Write(partials.Count);
            foreach (var partial in partials) writer.Write(partial);
        }
        writer.Write(names.Count);
        foreach (var (name, _) in names.OrderBy(n => n.Value)) writer.Write(name);
        writer.Write(pairs.Count);
        foreach (var ((name, value), _) in pairs.OrderBy(p => p.Value))
        {
            writer.Write(names[name]);
            CacheFile.WriteKey(writer, value);
        }
        writer.Write(dependencyListed.Count);
        foreach (var numbers in dependencyListed)
        {
            writer.Write(numbers.Length);
            foreach (var number in numbers) writer.Write(number);
        }
        writer.Write(paths.Length);
        for (var i = 0; i < paths.Length; i++)
        {
            var entry = entries[i];
            writer.Write(paths[i]);
            CacheFile.WriteKey(writer, entry.Fingerprint);
            writer.Write(listOf[i]);
            writer.Write(entry.Model.HasValue);
            if (entry.Model is { } model) CacheFile.WriteKey(writer, model);
            writer.Write(dependenciesOf[i]);
            writer.Write(entry.HeadsRecorded);
        }
        writer.Write("end");
    });

    /// <summary>Lists of numbers compared by their elements.</summary>
    private sealed class Numbers : IEqualityComparer<int[]>
    {
        public static readonly Numbers Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] numbers)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(numbers.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
