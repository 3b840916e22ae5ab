using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace GobiernoElectronico.Site;

/// <summary>
/// A file of the build cache mapped into memory, read-only, for a reader that takes tables of numbers and characters
/// from it as they are laid out (<c>Index.WordAnalyses</c>): its pages are read when first touched, and nothing of it is on
/// the collector's heap. Read into arrays and a string, the 116 MB of words' analyses at 20,104 documents were a
/// quarter-second of CPU and two full collections in every build after an edit.
/// <para>The file is never changed in place: the cache's files are replaced whole, through a temporary file renamed over
/// the old one (<see cref="CacheFile.Write"/>), which leaves a mapping of the old one as it was where the system allows it
/// (Linux, macOS); a reader that writes the file's next version lets go of the old one before the rename
/// (<c>beforeReplace</c>), as Windows requires.</para>
/// </summary>
internal sealed unsafe class MappedCacheFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _start;

    private MappedCacheFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Maps <paramref name="stream"/>'s file, whole; the mapping holds the file, not the stream.</summary>
    public static MappedCacheFile Map(FileStream stream)
    {
        var length = stream.Length;
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        try
        {
            return new MappedCacheFile(file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="count"/> values of <typeparamref name="T"/> from byte <paramref name="offset"/> of the file,
    /// which must lie within it, at a multiple of the value's size.</summary>
    public ReadOnlySpan<T> Span<T>(long offset, int count) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_start == null, this);
        var size = Unsafe.SizeOf<T>();
        if (offset < 0 || count < 0 || offset % size != 0 || offset + (long)count * size > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{count} values of {size} bytes at {offset} are not within the file's {Length} bytes");
        return new ReadOnlySpan<T>(_start + offset, count);
    }

    /// <summary>Unmaps the file: no span taken from it may be used after this.</summary>
    public void Dispose()
    {
        if (_start == null) return;
        _start = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
