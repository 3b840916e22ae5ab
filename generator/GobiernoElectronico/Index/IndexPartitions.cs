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

    /// <summary>The index of the run of <paramref name="key"/> as an earlier build kept it, in memory; null when none was
    /// kept, or its file cannot be read whole (a cache is never a reason for a build to fail).</summary>
    public LuceneDirectory? Find(string key)
    {
        var directory = CacheFile.Read(FileOf(key), reader =>
        {
            if (reader.ReadString() != Format || reader.ReadString() != Generator || reader.ReadString() != key) return null;
            var length = reader.BaseStream.Length;
            var ram = new RAMDirectory();
            var count = reader.ReadInt32();
            if (count < 1 || count > 64) return null;
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var size = reader.ReadInt32();
                if (size < 0 || size > length || name.Length == 0 || name.Contains('/') || name.Contains('\\')) return null;
                var bytes = reader.ReadBytes(size);
                if (bytes.Length != size) return null;
                using var output = ram.CreateOutput(name, IOContext.DEFAULT);
                output.WriteBytes(bytes, bytes.Length);
            }
            return reader.ReadString() == "end" ? ram : null;
        });
        if (directory is not null) Interlocked.Increment(ref _reused);
        return directory;
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
