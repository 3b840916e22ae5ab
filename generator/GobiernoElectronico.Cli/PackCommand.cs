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
            var outputDir = parse.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(outputDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"ge pack: --output-dir {outputDir} cannot be used as a folder: {e.Message}");
                return 1;
            }
            if (parse.GetValue(site) is { } built)
            {
                if (!File.Exists(Path.Combine(built, "index.html")))
                {
                    Console.Error.WriteLine($"ge pack: {built} is not a built site (no index.html); run 'ge build' or leave out --site");
                    return 1;
                }
                return Written(() => OfflineCopy.Write(built, outputDir, day), day);
            }
            // Built into a folder of its own beside the zip, never site/, and packed from there: the pages go to disk as they
            // are made and are read back one at a time, not held (the site at 20,000 documents is 1.7 GB).
            var scratch = Path.Combine(outputDir, $".ge-pack-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(scratch);
                var folder = Path.Combine(scratch, "site");
                var result = BuildPipeline.Build(new BuildOptions(parse.GetValue(content)!, parse.GetValue(templates)!, folder, Cache: false));
                foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine("ge pack: the content does not build; nothing was written.");
                    return 1;
                }
                return Written(() => OfflineCopy.Write(folder, outputDir, day), day);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"ge pack: could not build the site to pack beside the zip: {e.Message}");
                return 1;
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    /// <summary>Writes the zip and says where, or why it could not (a file of the site it cannot read, a full disk, a folder it
    /// may not write): the zip is then not there, not half there.</summary>
    private static int Written(Func<(string Zip, int Files)> write, DateOnly day)
    {
        try
        {
            var (zip, files) = write();
            Console.WriteLine($"wrote {zip} ({new FileInfo(zip).Length / 1024.0:0} KiB, {files} files); unzip it and open {OfflineCopy.Name(day)}/index.html");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ge pack: could not write the offline copy: {e.Message}");
            return 1;
        }
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
