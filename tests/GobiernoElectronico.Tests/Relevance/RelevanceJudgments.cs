using System.Globalization;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Relevance;

/// <summary>One judged query: its text, its class, and the grade of each judged document (practice slug → 1–3).</summary>
public sealed record JudgedQuery(string Id, string Class, string Text, IReadOnlyDictionary<string, int> Grades);

/// <summary>
/// The relevance collection: 359 public documents in Spanish, Portuguese and English in the shape of
/// practices (Fixtures/relevance, made by tests/relevance/build_corpus.py), the shipped thesaurus, and the
/// judged queries of tests/relevance/queries.tsv. Metrics: nDCG@10 (gain 2^grade − 1), MRR (first result
/// with a grade ≥ 1), and the number of queries that find nothing.
/// </summary>
public static class RelevanceJudgments
{
    public static string QueriesFile => Path.Combine(Repo.Root, "tests", "relevance", "queries.tsv");

    /// <summary>The collection's content with the shipped thesaurus, in a temporary folder.</summary>
    private static readonly Lazy<string> ContentRoot = new(() =>
    {
        var root = RunFolders.Folder("relevance-content");
        if (Directory.Exists(root)) Directory.Delete(root, true);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Fixture("relevance"), "content"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(root, Path.GetRelativePath(Path.Combine(Repo.Fixture("relevance"), "content"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.Copy(Path.Combine(Repo.Content, "data", "thesaurus.yml"), Path.Combine(root, "data", "thesaurus.yml"));
        return root;
    });

    private static readonly BuiltSite Site = new("relevance-site", () => ContentRoot.Value);

    /// <summary>The collection built into a site (once per test run).</summary>
    public static string SiteRoot => Site.Folder;

    public static IReadOnlyList<JudgedQuery> Queries() =>
        File.ReadAllLines(QueriesFile).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(f => new JudgedQuery(
            f[0], f[1], f[2], f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(j => j.Split(':'))
                .ToDictionary(j => j[0], j => int.Parse(j[1], CultureInfo.InvariantCulture), StringComparer.Ordinal))).ToList();

    /// <summary>nDCG@10 of a ranking (practice slugs, best first).</summary>
    public static double Ndcg(JudgedQuery q, IReadOnlyList<string> ranking)
    {
        static double Gain(int grade, int rank) => (Math.Pow(2, grade) - 1) / Math.Log2(rank + 2);
        var dcg = ranking.Take(10).Select((slug, i) => Gain(q.Grades.GetValueOrDefault(slug), i)).Sum();
        var ideal = q.Grades.Values.OrderDescending().Take(10).Select((g, i) => Gain(g, i)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Reciprocal rank of the first judged document (grade ≥ 1), 0 when none is in the ranking.</summary>
    public static double ReciprocalRank(JudgedQuery q, IReadOnlyList<string> ranking)
    {
        for (var i = 0; i < ranking.Count; i++)
            if (q.Grades.GetValueOrDefault(ranking[i]) > 0) return 1.0 / (i + 1);
        return 0;
    }

    /// <summary>The practice slug of a search result id ("practice/x") or URL ("practices/x/index.html"), else the id.</summary>
    public static string Slug(string idOrUrl)
    {
        var parts = idOrUrl.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(parts, p => p is "practice" or "practices");
        return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : idOrUrl;
    }
}
