using System.Text.RegularExpressions;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Standards;

/// <summary>
/// The generator's folders are layers: a folder may use the folders below it and never, even through others, one
/// that uses it. A dependency is a <c>using GobiernoElectronico.X</c> line, a name qualified by the namespace
/// (<c>GobiernoElectronico.X.Type</c>), or a folder-qualified type name (<c>X.Type</c> where X declares Type).
/// Comments and strings are not read.
/// </summary>
public partial class ArchitectureTests
{
    private static string Library => Path.Combine(Repo.Root, "generator", "GobiernoElectronico");

    [GeneratedRegex(@"^using\s+GobiernoElectronico\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\bGobiernoElectronico\.(\w+)\.")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(\w+)\.([A-Z]\w*)")]
    private static partial Regex FolderQualified();

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+(\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|//[^\\n]*|/\\*[\\s\\S]*?\\*/|@\"(?:[^\"]|\"\")*\"|\\$?\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)'")]
    private static partial Regex CommentOrString();

    /// <summary>Folder → the folders its files use, from C# sources given as (folder, text).</summary>
    public static Dictionary<string, SortedSet<string>> Dependencies(IReadOnlyList<(string Folder, string Text)> sources)
    {
        var code = sources.Select(s => (s.Folder, Code: CommentOrString().Replace(s.Text, " "))).ToList();
        var folders = code.Select(c => c.Folder).ToHashSet(StringComparer.Ordinal);
        var types = code.GroupBy(c => c.Folder).ToDictionary(g => g.Key, g => g.SelectMany(c => Declaration().Matches(c.Code).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (folder, text) in code)
        {
            var used = UsingLine().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(Qualified().Matches(text).Select(m => m.Groups[1].Value))
                .Concat(FolderQualified().Matches(text).Where(m => types.TryGetValue(m.Groups[1].Value, out var t) && t.Contains(m.Groups[2].Value)).Select(m => m.Groups[1].Value));
            foreach (var other in used.Where(u => u != folder && folders.Contains(u))) graph[folder].Add(other);
        }
        return graph;
    }

    /// <summary>Every group of folders that use each other (strongly connected components of two or more), each with a path round it.</summary>
    public static List<string> Cycles(Dictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph[v])
            {
                if (!index.TryGetValue(w, out var seenAt)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], seenAt);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) groups.Add(group);
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);
        return groups.Select(g =>
        {
            // A path round the cycle, for the message: from the first folder back to it inside the group.
            var inGroup = g.ToHashSet(StringComparer.Ordinal);
            var start = g.Min(StringComparer.Ordinal)!;
            var path = new List<string> { start };
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            var at = start;
            while (true)
            {
                var next = graph[at].Where(inGroup.Contains).FirstOrDefault(n => n == start && path.Count > 1) ?? graph[at].Where(inGroup.Contains).FirstOrDefault(n => !seen.Contains(n));
                if (next is null || next == start) { path.Add(start); break; }
                path.Add(next);
                seen.Add(next);
                at = next;
            }
            return $"{{{string.Join(", ", g.Order(StringComparer.Ordinal))}}}: {string.Join(" → ", path)}";
        }).ToList();
    }

    private static List<(string Folder, string Text)> LibrarySources() =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Library, f).Replace('\\', '/'))
            .Where(r => r.Contains('/') && !r.StartsWith("bin/", StringComparison.Ordinal) && !r.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r => (r.Split('/')[0], File.ReadAllText(Path.Combine(Library, r))))
            .ToList();

    [Test]
    public void No_folder_of_the_generator_depends_on_itself_through_others()
    {
        var graph = Dependencies(LibrarySources());
        Assert.That(graph.Keys, Has.Count.GreaterThan(10), "the folders were read");
        Assert.That(graph["Render"], Does.Contain("Site").And.Contain("Markup"), "dependencies are found");
        var cycles = Cycles(graph);
        Assert.That(cycles, Is.Empty, "folders that use each other:\n" + string.Join('\n', cycles) + "\n\nThe layers:\n" +
            string.Join('\n', graph.Select(g => $"{g.Key} → {string.Join(", ", g.Value)}")));
    }

    [GeneratedRegex(@"^    ([A-Za-z0-9]+)/ ", RegexOptions.Multiline)]
    private static partial Regex LayoutLine();

    [Test]
    public void The_readme_lists_the_folders_as_layers_each_using_only_those_above_it()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var block = readme[readme.IndexOf("  GobiernoElectronico/    the pipeline", StringComparison.Ordinal)..readme.IndexOf("  GobiernoElectronico.Cli/", StringComparison.Ordinal)];
        var order = LayoutLine().Matches(block).Select(m => m.Groups[1].Value).Distinct().ToList();
        var graph = Dependencies(LibrarySources());
        Assert.That(order, Is.EquivalentTo(graph.Keys), "the README's layout names every folder of the library, and only those");
        var wrong = graph.SelectMany(g => g.Value.Where(d => order.IndexOf(d) > order.IndexOf(g.Key)).Select(d => $"{g.Key} uses {d}, listed below it")).ToList();
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_cycle_is_found_and_named_however_it_is_written()
    {
        List<(string, string)> sources =
        [
            ("Low", "namespace GobiernoElectronico.Low;\npublic static class Paths { } // uses High.Nothing in a comment\n"),
            ("Mid", "using GobiernoElectronico.Low;\nnamespace GobiernoElectronico.Mid;\npublic sealed record Thing(string Name);\n"),
            ("High", "namespace GobiernoElectronico.High;\npublic sealed class Page { Mid.Thing? t; string s = \"Low.Paths\"; }\n"),
        ];
        Assert.That(Cycles(Dependencies(sources)), Is.Empty, "a comment or a string is not a dependency");
        Assert.That(Dependencies(sources)["High"], Is.EquivalentTo(new[] { "Mid" }));

        sources.Add(("Low", "namespace GobiernoElectronico.Low;\npublic static class Back { static GobiernoElectronico.High.Page? p; }\n"));
        Assert.That(Cycles(Dependencies(sources)), Is.EqualTo(new[] { "{High, Low, Mid}: High → Mid → Low → High" }));
    }
}
