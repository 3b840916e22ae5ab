using System.CommandLine;
using GobiernoElectronico.Cli;

var root = new RootCommand("GobiernoElectronico: the knowledge base of the Regional E-Government Programme for Latin America and the Caribbean.");
root.Subcommands.Add(BuildCommand.Create());
return root.Parse(args).Invoke();
