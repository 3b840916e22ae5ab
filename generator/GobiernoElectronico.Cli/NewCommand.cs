using System.CommandLine;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge new country XX</c> and <c>ge new practice "Title" --country XX</c>.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder", DefaultValueFactory = _ => "content", Recursive = true };

        var code = new Argument<string>("code") { Description = "ISO 3166-1 alpha-2 code, e.g. CL" };
        var country = new Command("country", "Write content/countries/<code>.md, a draft assessment with every field.") { code };
        country.SetAction(parse =>
        {
            var iso = parse.GetValue(code)!.Trim();
            if (iso.Length != 2 || !CountryCodes.IsValid(iso))
                return Fail($"'{iso}' is not an ISO 3166-1 alpha-2 country code (e.g. CL, MX)");
            var file = Path.Combine(parse.GetValue(content)!, "countries", iso.ToLowerInvariant() + ".md");
            var series = Load.IndicatorData.Load(parse.GetValue(content)!, new Diagnostics.DiagnosticBag()) ?? [];
            return Write(file, NewDocuments.Country(iso, Today, series));
        });

        var title = new Argument<string>("title") { Description = "title of the practice" };
        var countryOption = new Option<string>("--country") { Description = "ISO code of a country with a published assessment", Required = true };
        var slug = new Option<string>("--slug") { Description = "file and URL name (default: from the title)" };
        var language = new Option<string>("--language") { Description = "language of the text: es, pt or en", DefaultValueFactory = _ => "es" };
        language.AcceptOnlyFromAmong([.. Vocabulary.Languages]);
        var practice = new Command("practice", "Write content/practices/<slug>.md, a draft case study with every field.") { title, countryOption, slug, language };
        practice.SetAction(parse =>
        {
            var root = parse.GetValue(content)!;
            var iso = parse.GetValue(countryOption)!.Trim().ToUpperInvariant();
            var bag = new DiagnosticBag();
            var existing = BuildPipeline.LoadAndValidate(new BuildOptions(root), bag);
            if (existing is null)
                return Fail("the content has errors; run 'ge check' and fix them first, so that the new file can be checked too");
            if (CountryProblem(existing, root, iso) is { } problem) return Fail(problem);
            var name = parse.GetValue(slug) ?? NewDocuments.Slugify(parse.GetValue(title)!);
            if (!Patterns.Slug().IsMatch(name))
                return Fail($"'{name}' is not a valid slug: use lower-case letters, digits and hyphens");
            if (existing.PracticesBySlug.ContainsKey(name))
                return Fail($"a practice with the slug '{name}' already exists; choose another with --slug");
            var file = Path.Combine(root, "practices", name + ".md");
            return Write(file, NewDocuments.Practice(parse.GetValue(title)!, iso, parse.GetValue(language)!, Today));
        });

        var command = new Command("new", "Start a new document from a template that passes 'ge check' as written.") { country, practice };
        foreach (var (type, folder, schema, titleField, needsCountry) in new (string, string, ObjectType, string, bool)[]
        {
            ("activity", "activities", ContentSchemas.Activity, "title", false),
            ("organisation", "organisations", ContentSchemas.Organisation, "name", false),
            ("directory", "directory", ContentSchemas.DirectoryEntry, "name", true),
            ("telecentre", "telecentres", ContentSchemas.Telecentre, "name", true),
            ("workshop", "workshops", ContentSchemas.Workshop, "title", true),
        })
            command.Subcommands.Add(Generic(type, folder, schema, titleField, needsCountry, content));
        command.Options.Add(content);
        return command;
    }

    /// <summary><c>ge new &lt;type&gt; "Title" [--country XX] [--slug s]</c> for a type written from its schema.</summary>
    private static Command Generic(string type, string folder, ObjectType schema, string titleField, bool needsCountry, Option<string> content)
    {
        var title = new Argument<string>(titleField) { Description = $"{titleField} of the new {type}" };
        var countryOption = new Option<string>("--country") { Description = "ISO code of a country with a published assessment", Required = needsCountry };
        var slug = new Option<string>("--slug") { Description = "file and URL name (default: from the title)" };
        var command = new Command(type, $"Write content/{folder}/<slug>.md, a draft {type} with every field.") { title, countryOption, slug };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(content)!;
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { [titleField] = parse.GetValue(title)! };
            if (parse.GetValue(countryOption) is { } code)
            {
                var existing = BuildPipeline.LoadAndValidate(new BuildOptions(root), new DiagnosticBag());
                if (existing is null) return Fail("the content has errors; run 'ge check' and fix them first");
                if (CountryProblem(existing, root, code.Trim().ToUpperInvariant()) is { } problem) return Fail(problem);
                values["country"] = code.Trim().ToUpperInvariant();
            }
            var name = parse.GetValue(slug) ?? NewDocuments.Slugify(parse.GetValue(title)!);
            if (!Patterns.Slug().IsMatch(name)) return Fail($"'{name}' is not a valid slug: use lower-case letters, digits and hyphens");
            var text = SchemaTemplate.Write(type, schema, values, Today);
            if (values.TryGetValue("country", out var iso)) text = text.Replace($"country: \"{iso}\"", $"country: {iso}", StringComparison.Ordinal);
            return Write(Path.Combine(root, folder, name + ".md"), text);
        });
        return command;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    /// <summary>
    /// Why a new document cannot name <paramref name="iso"/>, or null. A new document is a draft, so a country
    /// whose assessment is itself still a draft is fine: the note says to publish the country first.
    /// </summary>
    private static string? CountryProblem(Model.ContentSet existing, string root, string iso)
    {
        if (existing.CountriesByCode.ContainsKey(iso)) return null;
        var file = Path.Combine(root, "countries", iso.ToLowerInvariant() + ".md");
        if (!File.Exists(file)) return $"there is no assessment of '{iso}' ({file}); write one first with 'ge new country {iso}'";
        Console.Error.WriteLine($"ge new: note: the assessment of '{iso}' ({file}) is still a draft; publish it (remove 'draft: true') before this document");
        return null;
    }

    private static int Write(string file, string text)
    {
        if (File.Exists(file)) return Fail($"{file} already exists; 'ge new' never overwrites a file");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            writer.Write(text);
        Console.WriteLine($"wrote {file}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ge new: {message}");
        return 1;
    }
}
