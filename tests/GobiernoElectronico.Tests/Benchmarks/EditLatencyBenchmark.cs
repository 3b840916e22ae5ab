using System.Globalization;
using GobiernoElectronico.Bench;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Benchmarks;

/// <summary>
/// Edit-to-updated-page and edit-to-updated-search latency of what `ge serve` does after its 120 ms quiet period
/// (<see cref="EditBenchmark"/>, also `ge bench --edits 20`): the median of 20 edits to one practice's body.
/// Run with <c>dotnet test --filter Category=Benchmark --logger "console;verbosity=detailed"</c>;
/// <c>GE_BENCH_DOCUMENTS=10000</c> adds the synthetic corpus.
/// </summary>
[Explicit("benchmark: run on demand")]
[Category("Benchmark")]
public class EditLatencyBenchmark
{
    [Test]
    public void Median_of_twenty_edits()
    {
        var sizes = new List<int> { 0 };
        if (int.TryParse(Environment.GetEnvironmentVariable("GE_BENCH_DOCUMENTS"), out var n) && n > 0) sizes.Add(n);
        foreach (var documents in sizes)
        {
            using var dir = new TempDir();
            string content;
            if (documents == 0) content = dir.CopyFrom(Repo.Content, "content");
            else
            {
                content = dir["content"];
                SyntheticCorpus.Write(Repo.Content, content, documents);
            }
            var r = EditBenchmark.Run(new BuildOptions(content, Repo.Templates, dir["site"]), 20);
            Assert.That(r.ToPage, Has.Count.EqualTo(20));
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(documents == 0 ? "shipped content" : $"synthetic {documents}")}: {r.Documents} documents; first build {r.FirstBuild.TotalMilliseconds:0} ms; " +
                $"edit to updated page: median {EditReport.Median(r.ToPage):0} ms (min {r.ToPage.Min():0}, max {r.ToPage.Max():0}); " +
                $"pages rendered per edit: median {r.PagesRendered.Order().ElementAt(10)}; edit to updated search: median {EditReport.Median(r.ToSearch):0} ms; " +
                $"settled: median {EditReport.Median(r.ToSettled):0} ms"));
        }
    }
}
