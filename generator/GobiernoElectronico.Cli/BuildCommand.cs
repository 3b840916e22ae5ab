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
        var command = new Command("build", "Build the static site from the content folder.") { content, templates, output };
        command.SetAction(parse =>
        {
            var result = BuildPipeline.Build(new BuildOptions(parse.GetValue(content)!, parse.GetValue(templates)!, parse.GetValue(output)!));
            foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
            (result.Succeeded ? Console.Out : Console.Error).WriteLine(result.Summary);
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }
}
