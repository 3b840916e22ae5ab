using System.CommandLine;
using System.Globalization;
using GobiernoElectronico.Bench;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge bench</c>: times a build stage by stage on the shipped content or a synthetic corpus.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "generate this many synthetic practices (0: benchmark the content folder itself)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "seed of the synthetic corpus", DefaultValueFactory = _ => 42 };
        var content = new Option<string>("--content") { Description = "content folder (and source of site.yml and countries for a synthetic corpus)", DefaultValueFactory = _ => "content" };
        var templates = new Option<string>("--templates") { Description = "templates folder", DefaultValueFactory = _ => "templates" };
        var output = new Option<string>("--output") { Description = "where to write the benchmark site (default: a temporary folder, removed afterwards)" };
        var corpusTo = new Option<string>("--corpus-to") { Description = "only write the generated corpus (--documents or --replicate) to this folder, for another tool to build" };
        var replicate = new Option<int>("--replicate")
        {
            Description = "benchmark N copies of the content's practices, each titled with a made-up place, the copies after the first bringing new words as a larger collection would (real text at region scale)",
            DefaultValueFactory = _ => 0,
        };
        var copiesOnly = new Option<bool>("--copies-only") { Description = "with --replicate: plain copies, whose vocabulary is their sources' and the places' (the corpus of the runs before 2026-12-05, 09:08)" };
        var edits = new Option<int>("--edits") { Description = "instead of one build, time N edits of one practice as `ge serve` rebuilds them (to the page, to the search, settled)", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Build with timings per stage and report the size of the search export and the bytes a first query loads.")
        {
            documents, seed, content, templates, output, replicate, copiesOnly, corpusTo, edits,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(documents);
            var temp = Path.Combine(Path.GetTempPath(), "ge-bench-" + Guid.NewGuid().ToString("N")[..8]);
            var contentRoot = parse.GetValue(content)!;
            var siteRoot = parse.GetValue(output) ?? Path.Combine(temp, "site");
            try
            {
                Directory.CreateDirectory(temp);
                var copies = parse.GetValue(replicate);
                var corpus = contentRoot;
                if (parse.GetValue(corpusTo) is { } to)
                {
                    if (n > 0) SyntheticCorpus.Write(contentRoot, to, n, parse.GetValue(seed));
                    else if (copies > 0) SyntheticCorpus.Replicate(contentRoot, to, copies, parse.GetValue(seed), growVocabulary: !parse.GetValue(copiesOnly));
                    else { Console.Error.WriteLine("ge bench: --corpus-to needs --documents or --replicate"); return 2; }
                    Console.WriteLine($"corpus written to {to}");
                    return 0;
                }
                if (n > 0)
                {
                    var synthetic = Path.Combine(temp, "content");
                    SyntheticCorpus.Write(contentRoot, synthetic, n, parse.GetValue(seed));
                    contentRoot = synthetic;
                    corpus = $"synthetic corpus, {n} practices, seed {parse.GetValue(seed)}";
                }
                else if (copies > 0)
                {
                    var replicated = Path.Combine(temp, "content");
                    SyntheticCorpus.Replicate(contentRoot, replicated, copies, parse.GetValue(seed), growVocabulary: !parse.GetValue(copiesOnly));
                    corpus = $"{copies} copies of the practices of {contentRoot}{(parse.GetValue(copiesOnly) ? "" : " with new words")}, seed {parse.GetValue(seed)}";
                    contentRoot = replicated;
                }
                if (parse.GetValue(edits) is > 0 and var count)
                {
                    PrintEdits(EditBenchmark.Run(new BuildOptions(contentRoot, parse.GetValue(templates)!, siteRoot), count), corpus);
                    return 0;
                }
                var report = BuildBenchmark.Run(new BuildOptions(contentRoot, parse.GetValue(templates)!, siteRoot));
                Print(report, corpus);
                return 0;
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, true);
            }
        });
        return command;
    }

    private static int SearchFacetCount => Index.SearchFields.Facets.Count;

    private static void PrintEdits(EditReport r, string corpus)
    {
        var c = CultureInfo.InvariantCulture;
        string Spread(IReadOnlyList<double> ms) => string.Create(c, $"median {EditReport.Median(ms):0} ms (min {ms.Min():0}, max {ms.Max():0})");
        Console.WriteLine($"corpus: {corpus}; {r.Documents} documents; {Environment.ProcessorCount} cores; {r.ToPage.Count} edits of one practice");
        Console.WriteLine(string.Create(c, $"first build (serve's, published into the output folder): {r.FirstBuild.TotalMilliseconds:0} ms"));
        Console.WriteLine(string.Create(c, $"peak working set: {r.PeakWorkingSet.FirstBuild / 1048576.0:0} MiB after the first build, {r.PeakWorkingSet.End / 1048576.0:0} MiB at the end"));
        Console.WriteLine($"edit to updated page: {Spread(r.ToPage)}; pages rendered: median {r.PagesRendered.Order().ElementAt(r.PagesRendered.Count / 2)}");
        Console.WriteLine($"edit to updated search: {Spread(r.ToSearch)}");
        Console.WriteLine($"edit to settled site (every page and the browser's search files exact): {Spread(r.ToSettled)}");
        if (r.DuringSettle.Count > 0)
            Console.WriteLine(string.Create(c, $"edit to updated page while the last edit's settling build runs (stopped {EditBenchmark.SettlingHeadStart.TotalSeconds:0} s in): {Spread(r.DuringSettle)} over {r.DuringSettle.Count} edits"));
        Console.WriteLine("the quick build's stages, last edit:");
        foreach (var e in r.QuickStages) Console.WriteLine(string.Create(c, $"  {e.Stage,-24} {e.Wall.TotalMilliseconds,8:0} ms wall {e.Cpu.TotalMilliseconds,8:0} ms CPU"));
        if (r.SettleStages is { } settling)
        {
            Console.WriteLine("the settling build's stages, last edit (memory: the process's):");
            foreach (var line in settling.Lines()) Console.WriteLine(line);
        }
    }

    private static void Print(BenchReport r, string corpus)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"corpus: {corpus}; {r.Documents} documents; {Environment.ProcessorCount} cores");
        foreach (var e in r.Stages) Console.WriteLine(string.Create(c, $"  {e.Stage,-24} {e.Wall.TotalMilliseconds,8:0} ms wall {e.Cpu.TotalMilliseconds,8:0} ms CPU"));
        Console.WriteLine(string.Create(c, $"  {"total",-24} {r.Stages.Sum(s => s.Wall.TotalMilliseconds),8:0} ms wall {r.Stages.Sum(s => s.Cpu.TotalMilliseconds),8:0} ms CPU"));
        Console.WriteLine(string.Create(c, $"files written: {r.Files}; peak working set: {r.PeakWorkingSet / 1048576.0:0} MiB"));
        Console.WriteLine(string.Create(c, $"browser search data: {r.SearchDataFiles} files, {r.SearchDataBytes / 1024.0:0} KiB; Lucene index: {r.LuceneBytes / 1024.0:0} KiB"));
        foreach (var (q, bytes, requests, breakdown) in r.FirstQueries)
            Console.WriteLine(string.Create(c, $"  first query \"{q}\" until results show: {requests} files, {bytes / 1024.0:0.0} KiB ({breakdown})"));
        Console.WriteLine(string.Create(c, $"  then the facet panel: {SearchFacetCount} files, {r.FacetPanelBytes / 1024.0:0.0} KiB"));
    }
}
