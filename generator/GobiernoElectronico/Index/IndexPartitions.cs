using GobiernoElectronico.Site;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GobiernoElectronico.Index;

/// <summary>
/// The search index's part of the build cache (<c>ge build</c>): each run of documents the index was made of
/// (<see cref="SearchIndex.PartitionsOf"/>), indexed, by a key of its documents' whole input to the index, as one file
/// holding the run's index files. A build after an edit takes every run but the edited document's from here instead of
/// indexing it again. A run's index depends on its documents alone (and on the generator, whose identity is in the key),
/// so keeping it is right whatever the rest of the build does; deleting the folder changes nothing but the time.
/// </summary>
/// <param name="folder">The folder of the runs' files (made when the first is kept).</param>
public sealed class IndexPartitions(string folder)
{
    private const string Format = "ge-index-run 1";

    private static string Generator { get; } =
        CacheFile.Generator(typeof(IndexPartitions), typeof(Lucene.Net.Index.IndexWriter), typeof(Lucene.Net.Analysis.Standard.StandardTokenizer));

    /// <summary>How many runs this build took from the cache.</summary>
    public int Reused => _reused;

    private int _reused;

    /// <summary>The key of a run: the generator's identity and its documents' keys, in order.</summary>
    public static string KeyOf(IEnumerable<string> documentKeys) =>
        Hashing.ContentHash.Of(Generator + "\n" + string.Join("\n", documentKeys))[..32].ToLowerInvariant();

    private string FileOf(string key) => Path.Combine(folder, key);

    /// <summary>The index of the run of <paramref name="key"/> as an earlier build kept it, read from its file in the cache as
    /// Lucene asks for its parts (<see cref="KeptRun"/>); null when none was kept, or its file is not whole (a cache is never a
    /// reason for a build to fail). The caller disposes it, which closes the file.</summary>
    /// <param name="reusing">False to read a run for another purpose than taking it (it is not counted in <see cref="Reused"/>).</param>
    public LuceneDirectory? Find(string key, bool reusing = true)
    {
        var file = FileOf(key);
        var parts = CacheFile.Read(file, reader =>
        {
            if (reader.ReadString() != Format || reader.ReadString() != Generator || reader.ReadString() != key) return null;
            var stream = reader.BaseStream;
            var length = stream.Length;
            var count = reader.ReadInt32();
            if (count < 1 || count > 64) return null;
            var found = new Dictionary<string, (long Offset, long Length)>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var size = reader.ReadInt32();
                if (size < 0 || size > length || name.Length == 0 || name.Contains('/') || name.Contains('\\')) return null;
                // The file's bytes are where the record says; only whether they are all there is checked now.
                var offset = stream.Position;
                if (offset + size > length || !found.TryAdd(name, (offset, size))) return null;
                stream.Seek(size, SeekOrigin.Current);
            }
            return reader.ReadString() == "end" && stream.Position == length ? found : null;
        });
        if (parts is null) return null;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (reusing) Interlocked.Increment(ref _reused);
        return new KeptRun(handle, parts, file);
    }

    /// <summary>
    /// A run's index files as its file in the cache holds them, one after another: each read where it lies when Lucene asks
    /// for it, never written. At 20,107 documents, copying the kept runs into memory (29 MB through Lucene's checksum of
    /// what it writes) was half of the index stage after an edit; joining the runs reads them once anyway.
    /// </summary>
    private sealed class KeptRun : BaseDirectory
    {
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _file;
        private readonly Dictionary<string, (long Offset, long Length)> _parts;
        private readonly string _path;

        public KeptRun(Microsoft.Win32.SafeHandles.SafeFileHandle file, Dictionary<string, (long Offset, long Length)> parts, string path)
        {
            _file = file;
            _parts = parts;
            _path = path;
            SetLockFactory(NoLockFactory.GetNoLockFactory());
        }

        public override string[] ListAll()
        {
            EnsureOpen();
            return [.. _parts.Keys.Order(StringComparer.Ordinal)];
        }

        [Obsolete("as Lucene's Directory.FileExists, which it overrides")]
        public override bool FileExists(string name) => _parts.ContainsKey(name);

        public override long FileLength(string name) => Part(name).Length;

        public override IndexInput OpenInput(string name, IOContext context)
        {
            EnsureOpen();
            var (offset, length) = Part(name);
            return new Slice($"{_path}:{name}", _file, offset, length);
        }

        private (long Offset, long Length) Part(string name) =>
            _parts.TryGetValue(name, out var part) ? part : throw new FileNotFoundException($"{name} is not in the kept run {_path}");

        public override void DeleteFile(string name) => throw new NotSupportedException("a kept run is only read");

        public override IndexOutput CreateOutput(string name, IOContext context) => throw new NotSupportedException("a kept run is only read");

        public override void Sync(ICollection<string> names)
        {
            // nothing is written
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing || !IsOpen) return;
            IsOpen = false;
            _file.Dispose();
        }

        /// <summary>One index file: its bytes read from their place in the run's file (clones share the file, each reading
        /// at its own position).</summary>
        private sealed class Slice(string description, Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, long length)
            : BufferedIndexInput(description, 1 << 16)
        {
            public override long Length => length;

            protected override void ReadInternal(byte[] b, int offset1, int count)
            {
                var at = Position;
                if (at + count > length) throw new EndOfStreamException($"read past the end of {this}");
                var done = 0;
                while (done < count)
                {
                    var read = RandomAccess.Read(file, b.AsSpan(offset1 + done, count - done), offset + at + done);
                    if (read == 0) throw new EndOfStreamException($"{this} is shorter than its record says");
                    done += read;
                }
            }

            protected override void SeekInternal(long pos)
            {
                // every read says where it reads
            }

            protected override void Dispose(bool disposing)
            {
                // the run's file is the directory's to close
            }
        }
    }

    /// <summary>Keeps the index of the run of <paramref name="key"/> for the next build (whole or not at all; one that cannot
    /// be written is not kept).</summary>
    public void Keep(string key, LuceneDirectory run)
    {
        try
        {
            CacheFile.Write(FileOf(key), writer =>
            {
                writer.Write(Format);
                writer.Write(Generator);
                writer.Write(key);
                var names = run.ListAll().Where(n => n != "write.lock").Order(StringComparer.Ordinal).ToList();
                writer.Write(names.Count);
                foreach (var name in names)
                {
                    using var input = run.OpenInput(name, IOContext.READ_ONCE);
                    var bytes = new byte[input.Length];
                    input.ReadBytes(bytes, 0, bytes.Length);
                    writer.Write(name);
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }
                writer.Write("end");
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not kept: the next build indexes this run again
        }
    }

    /// <summary>Removes the runs this build did not use (those of documents gone or changed): the folder holds the last
    /// index's runs and no more.</summary>
    public void Used(IEnumerable<string> keys)
    {
        var used = keys.ToHashSet(StringComparer.Ordinal);
        try
        {
            if (!System.IO.Directory.Exists(folder)) return;
            foreach (var file in System.IO.Directory.EnumerateFiles(folder))
                if (!used.Contains(Path.GetFileName(file))) File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left for the next build to remove
        }
    }
}
