using System.CommandLine;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Survey;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge import FILE…</c>: returned questionnaires into <c>content/</c>, as drafts, never overwriting a file.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder to import into", DefaultValueFactory = _ => "content" };
        var dryRun = new Option<bool>("--dry-run") { Description = "check the files and say where they would go, writing nothing" };
        var files = new Argument<string[]>("files") { Description = "questionnaire files saved by the survey page (.zip)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import",
            "Check returned survey questionnaires and place their assessment and practices in content/ as drafts. " +
            "Nothing is written unless every file is clean; no existing file is replaced (an answer for a country that has an assessment goes beside it).")
        {
            files, content, dryRun,
        };
        command.SetAction(parse =>
        {
            var bag = new DiagnosticBag();
            var root = parse.GetValue(content)!;
            var today = DateOnly.FromDateTime(DateTime.Today);
            var given = parse.GetValue(files)!;
            var placed = parse.GetValue(dryRun)
                ? QuestionnaireImport.Plan(given, root, today, bag)
                : QuestionnaireImport.Import(given, root, today, bag);
            foreach (var d in bag.Sorted()) Console.Error.WriteLine(d);
            if (placed is null)
            {
                Console.Error.WriteLine($"{bag.Sorted().Count(d => d.Severity == Severity.Error)} error(s): nothing was imported.");
                return 1;
            }
            foreach (var p in placed)
                Console.WriteLine($"{p.Source} -> {Path.Combine(root, p.Target).Replace('\\', '/')}{(parse.GetValue(dryRun) ? " (not written: --dry-run)" : "")}");
            Console.WriteLine(parse.GetValue(dryRun)
                ? $"{placed.Count} file(s) would be imported as drafts."
                : $"{placed.Count} file(s) imported as drafts. 'ge check' lists the drafts; review each, then remove 'draft: true' to publish it.");
            return 0;
        });
        return command;
    }
}
