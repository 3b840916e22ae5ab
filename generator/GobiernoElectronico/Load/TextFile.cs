using System.Text;
using GobiernoElectronico.Diagnostics;

namespace GobiernoElectronico.Load;

/// <summary>
/// Reads a content file as text, strictly: at most <see cref="MaxBytes"/>, valid UTF-8, no NUL character.
/// A UTF-8 byte-order mark is dropped, so that positions count from the first real character. Every
/// problem is reported at its line and column.
/// </summary>
public static class TextFile
{
    /// <summary>The largest document or site.yml read (a 9,000-word case study is about 60 KB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The largest data file (indicators.csv) read.</summary>
    public const long MaxDataBytes = 64 * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="file"/>, or null (reported).</summary>
    public static string? Read(string file, string path, DiagnosticBag diagnostics, long maxBytes = MaxBytes) =>
        ReadBytes(file, path, diagnostics, maxBytes) is { } bytes ? Decode(bytes, path, diagnostics) : null;

    /// <summary>The bytes of <paramref name="file"/>, not yet checked as text (<see cref="IsText"/>, <see cref="Decode"/>), or
    /// null (reported: too large, or unreadable).</summary>
    /// <param name="known">The file's status when the caller has just asked for it (the loader, which records its time and
    /// length with the build cache): not asked for again.</param>
    public static byte[]? ReadBytes(string file, string path, DiagnosticBag diagnostics, long maxBytes = MaxBytes, FileInfo? known = null)
    {
        try
        {
            var info = known ?? new FileInfo(file);
            if (info.Length > maxBytes)
            {
                diagnostics.Error(path, SourcePosition.FileStart, ErrorCodes.LimitExceeded,
                    $"the file is {info.Length:N0} bytes; the limit is {maxBytes:N0} (is it really text? split a long document)");
                return null;
            }
            // A pipe or device reports length 0 and would block or never end: an empty file needs no reading.
            return info.Length == 0 ? [] : File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(path, SourcePosition.FileStart, ErrorCodes.UnreadableFile, $"cannot read the file: {e.Message}");
            return null;
        }
    }

    /// <summary>The UTF-8 byte-order mark, which <see cref="Decode"/> drops.</summary>
    public static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Whether <see cref="Decode"/> takes <paramref name="bytes"/> without a problem: strict UTF-8 without a NUL
    /// character. Checked without decoding (the loader decodes only a document's front matter); the bytes it refuses go
    /// through <see cref="Decode"/>, which says where the problem is.</summary>
    public static bool IsText(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0);

    /// <summary>Decodes <paramref name="bytes"/> as strict UTF-8 without NUL characters, or null (reported).</summary>
    public static string? Decode(byte[] bytes, string path, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, bytes.Length);
            var bad = e.BytesUnknown is { Length: > 0 } b ? $"0x{b[0]:X2}" : "a byte";
            diagnostics.Error(path, PositionOf(Encoding.UTF8.GetString(bytes, 0, offset), offset), ErrorCodes.UnreadableFile,
                $"the file is not valid UTF-8 ({bad} here); save it with UTF-8 encoding");
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            diagnostics.Error(path, PositionOf(text, nul), ErrorCodes.UnreadableFile,
                "the file holds a NUL character here: it is binary, or was saved in UTF-16; save it as UTF-8 text");
            return null;
        }
        return text;
    }

    /// <summary>The line and column of character <paramref name="index"/> of <paramref name="text"/>.</summary>
    private static SourcePosition PositionOf(string text, int index)
    {
        index = Math.Min(index, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return new SourcePosition(line, index - lineStart + 1);
    }
}
