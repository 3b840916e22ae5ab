using System.Text;
using GobiernoElectronico.Hashing;

namespace GobiernoElectronico.Site;

/// <summary>
/// The files of <c>ge build</c>'s cache beside the output (the site's manifest, the render stage's fingerprints, the
/// journal of an update): written whole or not at all, through a temporary file renamed over the old one; read as
/// nothing when missing or damaged, since a cache is never a reason for a build to fail.
/// </summary>
public static class CacheFile
{
    /// <summary>The identity of the generator a cache file is valid for: the module ids of the assemblies of
    /// <paramref name="types"/> (the tool's own, and the libraries whose output the file keeps).</summary>
    public static string Generator(params Type[] types) =>
        string.Join(",", types.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>Writes <paramref name="file"/> (making its folder) through <paramref name="write"/>, whole or not at all.</summary>
    /// <param name="beforeReplace">Called once the new file is whole and before it takes the old one's name (a reader of the old
    /// one lets go of it there: <see cref="MappedCacheFile"/>).</param>
    public static void Write(string file, Action<BinaryWriter> write, Action? beforeReplace = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temporary = file + ".tmp";
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(temporary), 1 << 16), Encoding.UTF8)) write(writer);
        beforeReplace?.Invoke();
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Writes a 128-bit key (a text's hash) as the cache files hold it: its high half, then its low half.</summary>
    public static void WriteKey(BinaryWriter writer, Hash128 key)
    {
        writer.Write(key.High);
        writer.Write(key.Low);
    }

    /// <summary>Reads a key written by <see cref="WriteKey"/>.</summary>
    public static Hash128 ReadKey(BinaryReader reader)
    {
        var high = reader.ReadUInt64();
        return new Hash128(high, reader.ReadUInt64());
    }

    /// <summary>A count written as a 32-bit integer, read back: a count the file cannot hold (negative, or more than its
    /// <paramref name="length"/>) is a <see cref="FormatException"/>, which <see cref="Read"/> takes as a damaged file.</summary>
    public static int ReadCount(BinaryReader reader, long length)
    {
        var count = reader.ReadInt32();
        return count < 0 || count > length ? throw new FormatException("not a count this file can hold") : count;
    }

    /// <summary>What <paramref name="read"/> makes of <paramref name="file"/>; null when the file is missing, cannot be read,
    /// is cut short or is not what the reader expects.</summary>
    public static T? Read<T>(string file, Func<BinaryReader, T?> read) where T : class
    {
        try
        {
            if (!File.Exists(file)) return null;
            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(file), 1 << 16), Encoding.UTF8);
            return read(reader);
        }
        catch (Exception e) when (Unreadable(e))
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="e"/> says a cache file is missing, cannot be read, is cut short or is not what its reader
    /// expects: the file is then no cache (<see cref="Read"/>, and readers that map their file: <see cref="MappedCacheFile"/>).</summary>
    public static bool Unreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException;
}
