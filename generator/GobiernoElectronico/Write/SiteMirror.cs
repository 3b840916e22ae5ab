using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Site;

namespace GobiernoElectronico.Write;

/// <summary>
/// The output folder of <c>ge serve</c>, kept in line with its successive builds: the first replaces the folder
/// atomically (<see cref="SiteWriter.Write"/>), the next ones write only the files that changed and remove the ones
/// that are gone. The one other writer of the site beside <see cref="SiteWriter"/>, with the same rule: nothing is
/// written outside the folder.
/// </summary>
public sealed class SiteMirror(string outputRoot)
{
    private Dictionary<string, byte[]>? _written;

    /// <summary>
    /// Brings the output folder in line with <paramref name="files"/>, writing only what
    /// changed since the last call (each file through a temporary name, so no reader sees half a file) and
    /// removing what is gone. The first call replaces the folder atomically, as <c>ge build</c> does.
    /// </summary>
    /// <param name="changed">When the caller knows them (a quick build): the only files that may differ from the last
    /// call's, every other file being the same and none gone; only these are compared and written.</param>
    public bool Update(IReadOnlyList<OutputFile> files, DiagnosticBag diagnostics, IReadOnlyList<OutputFile>? changed = null)
    {
        var output = Path.GetFullPath(outputRoot);
        if (_written is null || !Directory.Exists(output))
        {
            if (!SiteWriter.Write(output, files, diagnostics)) return false;
            _written = files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
            return true;
        }
        try
        {
            var next = changed is null ? files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal) : _written;
            foreach (var file in changed ?? files)
            {
                if (!SitePaths.IsSafe(file.Path))
                {
                    diagnostics.Error(ContentLoader.DisplayPath(output), SourcePosition.FileStart, ErrorCodes.OutputError, $"refusing to write '{file.Path}': it would leave the site folder");
                    return false;
                }
                if (_written.TryGetValue(file.Path, out var old) && (ReferenceEquals(old, file.Content) || old.AsSpan().SequenceEqual(file.Content))) continue;
                var target = Path.Combine(output, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = target + ".ge-tmp";
                File.WriteAllBytes(temporary, file.Content);
                File.Move(temporary, target, overwrite: true);
                if (changed is not null) next[file.Path] = file.Content;
            }
            foreach (var gone in changed is null ? _written.Keys.Where(p => !next.ContainsKey(p)) : []) PublishJournal.Remove(output, gone);
            _written = next;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(ContentLoader.DisplayPath(output), SourcePosition.FileStart, ErrorCodes.OutputError, $"cannot update the site: {e.Message}");
            _written = null; // the next write starts over with an atomic replacement
            return false;
        }
    }
}
