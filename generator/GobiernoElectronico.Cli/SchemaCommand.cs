using System.CommandLine;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge schema</c>: writes the JSON Schema of every content type into content/.schemas/.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder", DefaultValueFactory = _ => "content" };
        var command = new Command("schema", "Write the JSON Schema of every content type to <content>/.schemas/ (for editors' autocomplete).") { content };
        command.SetAction(parse =>
        {
            var folder = Path.Combine(parse.GetValue(content)!, JsonSchemaWriter.Folder);
            Directory.CreateDirectory(folder);
            foreach (var type in JsonSchemaWriter.Types.Keys)
            {
                var file = Path.Combine(folder, JsonSchemaWriter.FileName(type));
                File.WriteAllText(file, JsonSchemaWriter.Write(type));
                Console.WriteLine($"wrote {file}");
            }
            return 0;
        });
        return command;
    }
}
