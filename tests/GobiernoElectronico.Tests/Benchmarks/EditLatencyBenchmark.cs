using System.Diagnostics;
using System.Globalization;
using GobiernoElectronico.Bench;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Benchmarks;

/// <summary>
/// Edit-to-updated-page latency of incremental builds (what `ge serve` does after its 120 ms quiet
/// period): the median of 20 edits to one practice's body, from saving the file to the new page written.
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
            using var builder = new IncrementalBuilder(new BuildOptions(content, Repo.Templates, dir["site"]));
            var first = builder.Build();
            builder.Write(first.Files!, new DiagnosticBag());
            var practice = Directory.GetFiles(Path.Combine(content, "practices"), "*.md").Order(StringComparer.Ordinal).First();
            var slug = Path.GetFileNameWithoutExtension(practice);
            var times = new List<double>();
            var settles = new List<double>();
            var rendered = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                var clock = Stopwatch.StartNew();
                File.AppendAllText(practice, $"\nEdición número {i}: zqxedit{i}.\n");
                var outcome = builder.Build(settle: false); // what serve publishes first
                builder.Write(outcome.Files!, new DiagnosticBag());
                times.Add(clock.Elapsed.TotalMilliseconds);
                rendered.Add(outcome.PagesRendered);
                Assert.That(File.ReadAllText(Path.Combine(dir["site"], "practices", slug, "index.html")), Does.Contain($"zqxedit{i}"));
                clock.Restart();
                var settled = builder.Build(settle: true); // then, in the background, the exact related practices
                builder.Write(settled.Files!, new DiagnosticBag());
                settles.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            settles.Sort();
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(documents == 0 ? "shipped content" : $"synthetic {documents}")}: {first.Result.Documents} documents; first build {first.Result.Elapsed.TotalMilliseconds:0} ms; " +
                $"edit to updated page: median {times[10]:0} ms (min {times[0]:0}, max {times[^1]:0}); pages rendered per edit: median {rendered.Order().ElementAt(10)}; " +
                $"settling related practices afterwards: median {settles[10]:0} ms"));
        }
    }
}
