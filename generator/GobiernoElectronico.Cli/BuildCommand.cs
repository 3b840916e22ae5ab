using System.CommandLine;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge build</c>: content → site.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder to read", DefaultValueFactory = _ => "content" };
        var templates = new Option<string>("--templates") { Description = "templates folder", DefaultValueFactory = _ => "templates" };
        var output = new Option<string>("--output", "-o") { Description = "folder to write the site to (replaced atomically)", DefaultValueFactory = _ => "site" };
        var timings = new Option<bool>("--timings") { Description = "print the wall and CPU time of each stage" };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "make every page and write the site whole, neither reading nor leaving the build cache (.NAME.cache beside the output)",
        };
        var command = new Command("build", "Build the static site from the content folder.") { content, templates, output, timings, noCache };
        command.SetAction(parse =>
        {
            // A one-shot build collects the old generation in one blocking pass (no background collection, which lets the
            // heap grow while it marks): at 20,104 documents, 3 alternated first builds peaked at 1,016-1,064 MiB against
            // 1,101-1,169, in the same time. Not for ge serve, whose requests must not wait for a full collection.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            var progress = new BuildProgress(Console.Error, !Console.IsErrorRedirected);
            var stages = new StageTimings { Started = progress.Started, Finished = progress.Finished };
            var result = BuildPipeline.Build(new BuildOptions(parse.GetValue(content)!, parse.GetValue(templates)!, parse.GetValue(output)!, Cache: !parse.GetValue(noCache)), stages);
            progress.Done();
            foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
            (result.Succeeded ? Console.Out : Console.Error).WriteLine(result.Summary);
            if (result.Succeeded && stages.Entries.Count > 0) Console.WriteLine("  " + stages.Summary());
            if (parse.GetValue(timings))
            {
                foreach (var line in stages.Lines()) Console.WriteLine(line);
                Console.WriteLine("  " + Compiled());
                Console.WriteLine("  " + Collector());
            }
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>What the JIT compiled while the build ran: the methods ReadyToRun did not compile ahead of time (generic
    /// code of the framework made for this program's types, and any method that takes or passes a type ReadyToRun leaves
    /// to the JIT), and, in a build run without publishing, every method.</summary>
    private static string Compiled() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"JIT: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms");

    /// <summary>The garbage collector this process runs (its project chooses the server collector with a bounded young
    /// generation): benchmark figures depend on it, so <c>--timings</c> says which.</summary>
    private static string Collector()
    {
        var kind = (System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")
            + (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? " (blocking)" : "");
        return AppContext.GetData("System.GC.Gen0MaxBudget") is { } bound
            && long.TryParse(bound.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
            ? $"collector: {kind}, young generation bounded at {bytes / 1048576} MiB per heap"
            : $"collector: {kind}";
    }
}
