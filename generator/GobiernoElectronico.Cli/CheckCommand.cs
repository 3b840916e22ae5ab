using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Survey;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge check</c>: validates the content tree without writing anything.</summary>
internal static class CheckCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder to check", DefaultValueFactory = _ => "content" };
        var format = new Option<string>("--format") { Description = "text (path(line,col): error CODE: message) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var strict = new Option<bool>("--warnings-as-errors") { Description = "fail (exit 1) on warnings too" };
        var command = new Command("check", "Check the whole content tree and report every problem at once, without building. Exit 0 when clean, 1 with errors.")
        {
            content, format, strict,
        };
        command.SetAction(parse =>
        {
            var bag = new DiagnosticBag();
            IReadOnlyList<SourceDocument> documents = [];
            BuildPipeline.LoadAndValidate(new BuildOptions(parse.GetValue(content)!), bag, d => documents = d);
            var diagnostics = bag.Sorted();
            var errors = diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = diagnostics.Count - errors;
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    errors,
                    warnings,
                    drafts = SurveyStatus.Drafts(documents).Select(d => d.Path),
                    diagnostics = diagnostics.Select(d => new
                    {
                        path = d.Path, line = d.Position.Line, column = d.Position.Column,
                        severity = d.Severity == Severity.Error ? "error" : "warning", code = d.Code, message = d.Message,
                    }),
                }, Json));
            }
            else
            {
                foreach (var d in diagnostics) Console.WriteLine(d);
                Console.WriteLine(diagnostics.Count == 0 ? "No problems found." : $"{errors} error(s), {warnings} warning(s).");
                foreach (var line in SurveyStatus.Report(documents)) Console.WriteLine(line);
            }
            return errors > 0 || (warnings > 0 && parse.GetValue(strict)) ? 1 : 0;
        });
        return command;
    }
}
