using System.CommandLine;
using System.Globalization;
using GobiernoElectronico.Pack;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge pack</c> and <c>ge verify</c>: offline copies for workshops.</summary>
internal static class PackCommand
{
    public static Command Pack()
    {
        var content = new Option<string>("--content") { Description = "content folder to build", DefaultValueFactory = _ => "content" };
        var templates = new Option<string>("--templates") { Description = "templates folder", DefaultValueFactory = _ => "templates" };
        var site = new Option<string>("--site") { Description = "pack this already built site instead of building" };
        var output = new Option<string>("--output-dir") { Description = "folder to write the zip to", DefaultValueFactory = _ => "." };
        var date = new Option<string>("--date") { Description = "date in the zip's name and time stamps (YYYY-MM-DD; default today)" };
        var command = new Command("pack", "Write gobierno-electronico-<date>.zip: the site for offline use, with a MANIFEST of SHA-256 sums.")
        {
            content, templates, site, output, date,
        };
        command.SetAction(parse =>
        {
            var day = DateOnly.FromDateTime(DateTime.Today);
            if (parse.GetValue(date) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                Console.Error.WriteLine($"ge pack: --date must be YYYY-MM-DD, not '{text}'");
                return 1;
            }
            IReadOnlyList<Site.OutputFile> files;
            if (parse.GetValue(site) is { } built)
            {
                if (!File.Exists(Path.Combine(built, "index.html")))
                {
                    Console.Error.WriteLine($"ge pack: {built} is not a built site (no index.html); run 'ge build' or leave out --site");
                    return 1;
                }
                files = OfflineCopy.ReadSite(built);
            }
            else
            {
                using var builder = new IncrementalBuilder(new BuildOptions(parse.GetValue(content)!, parse.GetValue(templates)!, "site"));
                var outcome = builder.Build();
                foreach (var d in outcome.Result.Diagnostics) Console.Error.WriteLine(d);
                if (outcome.Files is null)
                {
                    Console.Error.WriteLine("ge pack: the content does not build; nothing was written.");
                    return 1;
                }
                files = outcome.Files;
            }
            Directory.CreateDirectory(parse.GetValue(output)!);
            var zip = OfflineCopy.Write(files, parse.GetValue(output)!, day);
            Console.WriteLine($"wrote {zip} ({new FileInfo(zip).Length / 1024.0:0} KiB, {OfflineCopy.Select(files).Count} files); unzip it and open {OfflineCopy.Name(day)}/index.html");
            return 0;
        });
        return command;
    }

    public static Command Verify()
    {
        var folder = new Argument<string>("folder") { Description = "an unpacked offline copy (the folder with MANIFEST)" };
        var command = new Command("verify", "Check an unpacked offline copy against its MANIFEST; name every missing or altered file.") { folder };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!;
            var result = OfflineCopy.Verify(path);
            if (result is null)
            {
                Console.Error.WriteLine($"ge verify: no {OfflineCopy.ManifestName} in {path}");
                return 1;
            }
            foreach (var m in result.Missing) Console.WriteLine($"missing: {m}");
            foreach (var a in result.Altered) Console.WriteLine($"altered: {a}");
            foreach (var u in result.Unexpected) Console.WriteLine($"not in manifest: {u}");
            Console.WriteLine(result.Intact
                ? $"OK: every file matches the manifest (content version {result.ContentVersion})."
                : $"DAMAGED: {result.Missing.Count} missing, {result.Altered.Count} altered.");
            return result.Intact ? 0 : 1;
        });
        return command;
    }
}
