using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Survey;

/// <summary>
/// <c>ge import</c>: checks returned questionnaires (the .zip files the questionnaire page saves) and places their
/// content files under <c>content/</c> as drafts. A file is untrusted: only entries named like a country assessment
/// or a practice are read, each bounded in size and decoded as strict UTF-8, every one must be a draft, and each is
/// validated with the rest of the content exactly as <c>ge check</c> would. Nothing is written unless every file is
/// clean, and nothing existing is ever overwritten: a country that already has an assessment gets its answer beside it
/// (<c>countries/br.answer-2026-12-01.md</c>), a practice whose name is taken gets a number (<c>…-2.md</c>).
/// </summary>
public static partial class QuestionnaireImport
{
    public const long MaxFileBytes = 16 * 1024 * 1024;
    public const int MaxEntries = 201;
    /// <summary>An entry is a content file: no larger than the loader reads one.</summary>
    public const int MaxEntryBytes = (int)TextFile.MaxBytes;

    [GeneratedRegex(@"^(countries/[a-z]{2}|practices/[a-z0-9]+(-[a-z0-9]+)*)\.md$")]
    private static partial Regex EntryName();

    /// <summary>One content file of a questionnaire and where it goes (relative to the content folder).</summary>
    public sealed record Placement(string Source, string Target, string Text);

    /// <summary>Checks <paramref name="files"/> and, when all are clean, writes their content files into
    /// <paramref name="contentRoot"/>. Returns what was placed, or null with every problem in <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<Placement>? Import(IReadOnlyList<string> files, string contentRoot, DateOnly today, DiagnosticBag diagnostics)
    {
        var planned = Plan(files, contentRoot, today, diagnostics);
        if (planned is null) return null;
        var written = new List<string>();
        string? temporary = null;
        try
        {
            foreach (var p in planned)
            {
                var target = Path.Combine(contentRoot, p.Target);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                // Written whole under a temporary name, then moved without overwriting: no editor or build sees half
                // a file, and a file that appeared under that name since the plan is not replaced.
                // (Hidden: the loader and serve's watcher ignore it.)
                temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".ge-import");
                File.WriteAllBytes(temporary, new UTF8Encoding(false).GetBytes(p.Text));
                File.Move(temporary, target, overwrite: false);
                temporary = null;
                written.Add(target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Take back what this import wrote, so that a second attempt starts from the same state.
            if (temporary is not null) File.Delete(temporary);
            foreach (var w in written) File.Delete(w);
            diagnostics.Error(ContentLoader.DisplayPath(contentRoot), SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot write the imported files: {e.Message}; nothing was imported");
            return null;
        }
        return planned;
    }

    /// <summary>What <see cref="Import"/> would write, checked; null with the problems when a file is not clean.</summary>
    public static IReadOnlyList<Placement>? Plan(IReadOnlyList<string> files, string contentRoot, DateOnly today, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(contentRoot))
        {
            diagnostics.Error(ContentLoader.DisplayPath(contentRoot), SourcePosition.FileStart, ErrorCodes.UnreadableFile, "the content folder does not exist");
            return null;
        }
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var placements = new List<Placement>();
        var documents = new List<SourceDocument>();
        var problems = new DiagnosticBag();
        foreach (var file in files)
        {
            var shown = ContentLoader.DisplayPath(file);
            var entries = ReadEntries(file, shown, problems);
            if (entries is null) continue;
            foreach (var (name, text) in entries)
            {
                var source = $"{shown}/{name}";
                var kind = name.StartsWith("countries/", StringComparison.Ordinal) ? ContentKind.Country : ContentKind.Practice;
                var stem = Path.GetFileNameWithoutExtension(name);
                var target = FreeName(contentRoot, kind, stem, today, taken);
                taken.Add(target);
                var document = ContentLoader.Parse(text, source, kind, Path.GetFileNameWithoutExtension(target), problems);
                if (document is null) continue;
                if (document.FrontMatter is { } front && !IsDraft(front))
                    problems.Error(source, front["draft"]?.Position ?? SourcePosition.FileStart, ErrorCodes.NotADraft,
                        "a questionnaire's files must be drafts ('draft: true'): the committee publishes them after review");
                documents.Add(document);
                placements.Add(new Placement(source, target, text));
            }
        }
        if (placements.Count > 0)
        {
            // Validated with the content as it is, so that references, slugs and links are checked as ge check will.
            var existing = ContentLoader.Load(contentRoot, new DiagnosticBag());
            var context = new ValidationContext(ContentLoader.MediaFiles(contentRoot), today)
            {
                Series = IndicatorData.Load(contentRoot, new DiagnosticBag()) ?? [],
                CheckedAsPublished = placements.Select(p => p.Target).ToHashSet(StringComparer.Ordinal),
            };
            var all = new DiagnosticBag();
            ContentValidator.Validate([.. existing, .. documents], all, context);
            var ours = placements.Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
            foreach (var d in all.Sorted().Where(d => ours.Contains(d.Path))) problems.Add(d);
        }
        foreach (var d in problems.Sorted()) diagnostics.Add(d);
        return problems.HasErrors ? null : placements;
    }

    private static bool IsDraft(YamlMapping front) => front["draft"] is YamlScalar { IsTrue: true };

    /// <summary>The first name under which nothing exists yet: the entry's own, or beside it.</summary>
    private static string FreeName(string contentRoot, ContentKind kind, string stem, DateOnly today, HashSet<string> taken)
    {
        var folder = ContentLoader.FolderOf(kind);
        bool Free(string candidate) => !taken.Contains(candidate) && !File.Exists(Path.Combine(contentRoot, candidate)) && !Directory.Exists(Path.Combine(contentRoot, candidate));
        var first = $"{folder}/{stem}.md";
        if (Free(first)) return first;
        var label = kind == ContentKind.Country ? $"{stem}.answer-{today:yyyy-MM-dd}" : stem;
        if (kind == ContentKind.Country && Free($"{folder}/{label}.md")) return $"{folder}/{label}.md";
        for (var n = 2; ; n++)
        {
            var candidate = $"{folder}/{label}-{n}.md";
            if (Free(candidate)) return candidate;
        }
    }

    /// <summary>The content files of one questionnaire, or null with the problem reported at the file.</summary>
    private static List<(string Name, string Text)>? ReadEntries(string file, string shown, DiagnosticBag problems)
    {
        void Fail(string message) => problems.Error(shown, SourcePosition.FileStart, ErrorCodes.NotAQuestionnaire, message + "; nothing was imported");
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists) { Fail("the file does not exist"); return null; }
            if (info.Length > MaxFileBytes) { Fail($"the file is {info.Length:N0} bytes; a questionnaire is at most {MaxFileBytes:N0}"); return null; }
            using var zip = ZipFile.OpenRead(file);
            if (zip.Entries.Count > MaxEntries) { Fail($"the file holds {zip.Entries.Count:N0} entries; a questionnaire holds at most {MaxEntries} (one assessment and its practices)"); return null; }
            var result = new List<(string, string)>();
            var countries = 0;
            foreach (var entry in zip.Entries)
            {
                if (!EntryName().IsMatch(entry.FullName))
                {
                    Fail($"'{Shown.Value(entry.FullName)}' is not a country assessment (countries/xx.md) or a practice (practices/name.md)");
                    return null;
                }
                if (entry.FullName.StartsWith("countries/", StringComparison.Ordinal)) countries++;
                if (entry.Length > MaxEntryBytes) { Fail($"'{entry.FullName}' is {entry.Length:N0} bytes; the limit is {MaxEntryBytes:N0}"); return null; }
                var bytes = ReadBounded(entry);
                if (bytes is null) { Fail($"'{entry.FullName}' is larger than it says, or larger than {MaxEntryBytes:N0} bytes"); return null; }
                // As the loader reads a content file: strict UTF-8, no NUL, a BOM dropped; a problem located in the entry.
                if (TextFile.Decode(bytes, $"{shown}/{entry.FullName}", problems) is not { } text) { Fail($"'{entry.FullName}' is not UTF-8 text"); return null; }
                result.Add((entry.FullName, text));
            }
            if (countries != 1) { Fail(countries == 0 ? "the file holds no country assessment (countries/xx.md)" : "the file holds more than one country assessment"); return null; }
            return result;
        }
        catch (InvalidDataException) { Fail("the file is not a questionnaire saved by the survey page (not a .zip file)"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Fail($"cannot read the file: {e.Message}"); }
        return null;
    }

    /// <summary>The entry's bytes, read no further than the limit (a compressed entry may claim less than it holds).</summary>
    private static byte[]? ReadBounded(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxEntryBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
