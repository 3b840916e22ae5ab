using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.I18n;
using GobiernoElectronico.Index;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// A built site whose browser search data is exported again with a tiny "own file" threshold, so that
/// nearly every term is read through its shard's {"r": …} reference — the path that only large corpora
/// take with the real threshold.
/// </summary>
public static class OwnFilesSite
{
    public const int Threshold = 64;

    private static readonly Dictionary<string, string> Made = [];

    /// <summary>A copy of <paramref name="siteRoot"/> (built from <paramref name="contentRoot"/>) with search/data re-exported.</summary>
    public static string Of(string contentRoot, string siteRoot)
    {
        lock (Made)
        {
            if (Made.TryGetValue(siteRoot, out var done)) return done;
            var copy = RunFolders.Keep(siteRoot + "-own-files");
            if (Directory.Exists(copy)) Directory.Delete(copy, true);
            foreach (var file in Directory.EnumerateFiles(siteRoot, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(copy, Path.GetRelativePath(siteRoot, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
            var bag = new DiagnosticBag();
            var options = new BuildOptions(contentRoot, Repo.Templates, copy);
            var content = BuildPipeline.LoadAndValidate(options, bag) ?? throw new InvalidOperationException(string.Join('\n', bag.Sorted()));
            var labels = content.Site.InterfaceLanguages.Select(l => Labels.Load(Repo.Templates, l, bag)!).ToList();
            using var index = SearchIndex.Build(SearchDocuments.From(content), content.Thesaurus);
            var files = BrowserIndexExport.Export(index,
                labels.ToDictionary(l => l.Language, l => SearchFacetLabels.For(content, l), StringComparer.Ordinal),
                labels.ToDictionary(l => l.Language, l => l.Section("search.js"), StringComparer.Ordinal), ownFileFrom: Threshold);
            Directory.Delete(Path.Combine(copy, "search", "data"), true);
            foreach (var f in files)
            {
                var to = Path.Combine(copy, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.WriteAllBytes(to, f.Content);
            }
            return Made[siteRoot] = copy;
        }
    }
}
