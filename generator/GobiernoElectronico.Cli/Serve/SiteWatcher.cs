using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Cli.Serve;

/// <summary>
/// Watches content/ and templates/ and calls back once things have been quiet for a moment, so that an
/// editor's save (often several file operations) triggers one rebuild. Changes during a rebuild cause
/// one more.
/// </summary>
internal sealed class SiteWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(120);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly Action<IReadOnlyCollection<string>?> _rebuild;
    private int _pending;

    /// <summary>The paths seen changing since the last callback; null once the watcher lost track (its buffer overflowed).</summary>
    private HashSet<string>? _changed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <param name="rebuild">Called with the full paths that changed, or null when they are not known.</param>
    public SiteWatcher(BuildOptions options, Action<IReadOnlyCollection<string>?> rebuild)
    {
        _rebuild = rebuild;
        _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var folder in new[] { options.ContentRoot, options.TemplatesRoot }.Where(Directory.Exists))
        {
            var w = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            w.Changed += Changed;
            w.Created += Changed;
            w.Deleted += Changed;
            w.Renamed += Changed;
            w.Error += (_, _) => Lost();
            w.EnableRaisingEvents = true;
            _watchers.Add(w);
        }
    }

    private void Changed(object sender, FileSystemEventArgs e)
    {
        // The loader's own rule: an editor's swap or backup file, a hidden folder, a README is not content.
        var relative = Path.GetRelativePath(((FileSystemWatcher)sender).Path, e.FullPath).Replace('\\', '/');
        if (ContentLoader.IsIgnored(relative)) return;
        lock (_lock)
        {
            _changed?.Add(e.FullPath);
            if (e is RenamedEventArgs renamed) _changed?.Add(renamed.OldFullPath);
        }
        Interlocked.Exchange(ref _pending, 1);
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Events were dropped: the next rebuild looks at every file.</summary>
    private void Lost()
    {
        lock (_lock) _changed = null;
        Interlocked.Exchange(ref _pending, 1);
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        while (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            HashSet<string>? changed;
            lock (_lock)
            {
                changed = _changed;
                _changed = new HashSet<string>(StringComparer.Ordinal);
            }
            _rebuild(changed);
        }
    }

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
        _timer.Dispose();
    }
}
