using System.CommandLine;
using GobiernoElectronico.Cli;

var root = new RootCommand("GobiernoElectronico: the knowledge base of the Regional E-Government Programme for Latin America and the Caribbean.");
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(NewCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(PackCommand.Pack());
root.Subcommands.Add(PackCommand.Verify());
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Environment.GetEnvironmentVariable("GE_DEBUG") != "1")
{
    // A bug of ours, not a problem in the content: say so briefly; GE_DEBUG=1 shows the details.
    Console.Error.WriteLine($"ge: internal error: {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine("ge: this is a bug in the generator, not in your content; run with GE_DEBUG=1 for details and report it.");
    return 70;
}
