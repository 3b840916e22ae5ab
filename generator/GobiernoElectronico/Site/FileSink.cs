using System.Collections.Concurrent;

namespace GobiernoElectronico.Site;

/// <summary>
/// Where the stages of a build put the files of the site as they make them. <c>ge build</c> writes each one
/// to disk at once (<c>SiteWriter.Publish</c>), so the site is never held in memory as a whole;
/// <c>ge serve</c> collects them to compare with what it served. Thread-safe: pages arrive from both cores.
/// </summary>
public interface IFileSink
{
    void Add(OutputFile file);

    /// <summary>
    /// Keeps the file the last publish wrote at <paramref name="path"/> as this build's, without its bytes: a stage
    /// whose build cache says the file would come out the same asks this instead of making it. True when the sink
    /// has that file, unchanged since it was written (<c>ge build</c> updating a site it published); false when
    /// the caller must make the file and <see cref="Add"/> it.
    /// </summary>
    bool TryKeep(string path) => false;
}

/// <summary>A sink that keeps every file, for a build whose files are compared or served from memory.</summary>
public sealed class CollectingSink : IFileSink
{
    private readonly ConcurrentBag<OutputFile> _files = [];

    public void Add(OutputFile file) => _files.Add(file);

    /// <summary>The files in path order.</summary>
    public List<OutputFile> Files() => _files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
}
