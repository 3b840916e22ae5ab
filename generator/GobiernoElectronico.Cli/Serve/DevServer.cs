using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;
using GobiernoElectronico.Survey;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GobiernoElectronico.Cli.Serve;

/// <summary>
/// <c>ge serve</c>: builds into the output folder (<see cref="LiveSite"/>), serves that folder on loopback, answers
/// <c>/api/search</c> over the Lucene index, and — with watching on — rebuilds incrementally after every change under
/// content/ and templates/, writes the changes to the folder and reloads open pages. A build that fails leaves the last
/// good site served, and its problems shown in the terminal and in the pages. Memory holds no file of the site.
/// </summary>
internal sealed class DevServer(IncrementalBuilder builder, bool watch, TextWriter log) : IDisposable
{
    private readonly LiveReload _reload = new();
    private readonly LiveSite _site = new(builder);
    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile State _state = new(null, 0);
    private int _generation;

    /// <summary>The settling build running or waiting to run, which a new edit stops.</summary>
    private CancellationTokenSource? _settling;

    /// <summary>Done when the first build has ended, built or not: until then requests wait for it.</summary>
    private readonly TaskCompletionSource _firstBuild = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a request waits for the first build before it gets the "building" page.</summary>
    private static readonly TimeSpan FirstBuildWait = TimeSpan.FromSeconds(30);

    /// <summary>The errors of the last failed build, shown on the page served while no build has succeeded.</summary>
    private volatile string _errors = "";

    /// <summary>The site being served: a search engine over its index (<paramref name="Searched"/>: the builder's index the
    /// engine was opened on), and the count of builds published (0: none yet; the files are the output folder's).</summary>
    private sealed record State(SharedResource<SearchEngine>? Search, int Generation, object? Searched = null);

    /// <summary>An engine over the builder's index, holding a lease on the index until the engine itself is retired; the
    /// engine of <paramref name="old"/> when it was opened on the same index (a quick build leaves the index as it was:
    /// at 20,000 documents, opening an engine again would delay the edited page).</summary>
    private (SharedResource<SearchEngine>? Engine, object? Index) OpenSearch(State old)
    {
        if (builder.Index is not { } index) return (null, null);
        if (old.Search is { Disposed: false } kept && ReferenceEquals(old.Searched, index.Value)) return (kept, old.Searched);
        if (!index.TryAcquire()) return (null, null);
        return (new SharedResource<SearchEngine>(SearchEngine.Open(index.Value), index.Release), index.Value);
    }

    /// <summary>Makes <paramref name="next"/> the state served, retiring the engine of <paramref name="old"/> unless it goes on.</summary>
    private void Swap(State old, State next)
    {
        _state = next;
        if (!ReferenceEquals(old.Search, next.Search)) old.Search?.Retire(); // disposed when the last request reading it ends
    }

    /// <summary>A build's new index is searched as soon as it is built (the rest of the build goes on): runs on the
    /// building thread, inside <see cref="Rebuild(bool, bool, IReadOnlyCollection{string}, CancellationToken)"/>, so no other swap of the state can interleave.</summary>
    private void SearchUpdated()
    {
        var old = _state;
        var (search, searched) = OpenSearch(old);
        Swap(old, old with { Search = search, Searched = searched });
        if (Volatile.Read(ref _generation) > 0) log.WriteLine("ge serve: search updated; the rest of the site follows.");
    }

    public async Task<int> RunAsync(string host, int port, CancellationToken cancel)
    {
        builder.SearchUpdated += SearchUpdated;
        // The web host would otherwise watch its content root — the current folder, with every folder under it, the site
        // and .git included — for changes to appsettings.json, which ge serve does not read: run from a folder of 20,000
        // practices' site that is 70,000 inotify watches, and the system's limit can leave content/ unwatched.
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        web.Logging.ClearProviders();
        web.WebHost.UseUrls($"http://{host}:{port}");
        web.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        web.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(500));
        var app = web.Build();
        app.MapGet(LiveReload.EventsPath, _reload.Handle);
        app.MapGet(LiveReload.ScriptPath, () => Results.Text(LiveReload.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/api/search", Search);
        app.MapGet(SurveyStatus.PagePath, () => Results.Content(
            SurveyStatusPage.Html(builder.Documents()), "text/html; charset=utf-8"));
        // "{**path}" rather than MapFallback's default "{*path:nonfile}", which leaves out every URL whose
        // last segment has an extension: index.html, style.css, the search shards.
        app.MapFallback("{**path}", ServeFile);

        // Listen first: a taken port is said at once, before a build that may take a while.
        await app.StartAsync(cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, app.Lifetime.ApplicationStopping);
        log.WriteLine($"ge serve: listening on http://{host}:{port}/; building…");
        // Ctrl+C during the first build (minutes at 20,000 documents) stops it instead of waiting for its end.
        if (!Rebuild(first: true, settle: true, shutdown: stop.Token) && !stop.IsCancellationRequested)
            log.WriteLine("ge serve: serving nothing until the content builds; fix the problems above and save.");
        var stopping = stop.IsCancellationRequested;
        using var watcher = watch && !stopping ? new SiteWatcher(builder.Options, changed => Rebuild(first: false, settle: false, changed)) : null;
        if (!stopping)
        {
            log.WriteLine($"ge serve: the committee's survey page (drafts included, never published): http://{host}:{port}{SurveyStatus.PagePath}");
            log.WriteLine($"ge serve: http://{host}:{port}/ ({(watch ? "watching content/ and templates/ for changes" : "not watching")}; Ctrl+C to stop)");
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM (the host's console lifetime turns both into ApplicationStopping)
        }
        _reload.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // open event streams are cut at the deadline
        }
        log.WriteLine("ge serve: stopped.");
        return 0;
    }

    /// <summary>Builds (incrementally), then swaps the served site and tells pages. Serialised: one build at a time.</summary>
    public bool Rebuild(bool first) => Rebuild(first, settle: first);

    /// <param name="changed">The paths the watcher saw change (null: not known).</param>
    /// <param name="shutdown">The server stopping, which stops the first build.</param>
    private bool Rebuild(bool first, bool settle, IReadOnlyCollection<string>? changed = null, CancellationToken shutdown = default)
    {
        // A new edit outranks the settling build of the last one: it is stopped, so that the page of this edit does not
        // wait for a whole build of the site (at 20,000 documents, about a minute); the quick build that follows
        // schedules another settling build.
        // Not disposed: another thread may cancel it at any moment, and without a timer it holds nothing to release.
        var stop = settle && !first ? new CancellationTokenSource() : null;
        if (stop is not null) Interlocked.Exchange(ref _settling, stop);
        else if (!first) Volatile.Read(ref _settling)?.Cancel();
        _building.Wait(CancellationToken.None); // the first build holds it alone; later builds wait their turn
        var settleNext = false;
        try
        {
            var outcome = _site.Build(settle, changed, cancel: stop?.Token ?? shutdown);
            if (outcome.Cancelled && first)
            {
                log.WriteLine("ge serve: stopping; the first build was stopped.");
                return false;
            }
            if (outcome.Cancelled)
            {
                log.WriteLine("ge serve: settling stopped for a newer edit.");
                return true;
            }
            settleNext = !outcome.Settled && outcome.Result.Succeeded;
            foreach (var d in outcome.Result.Diagnostics) log.WriteLine(d);
            if (!outcome.Result.Succeeded)
            {
                var errors = string.Join('\n', outcome.Result.Diagnostics.Where(d => d.Severity == Severity.Error));
                log.WriteLine($"ge serve: build failed; still serving the last good site.");
                _errors = errors;
                _reload.Failed(errors);
                return false;
            }
            var generation = Interlocked.Increment(ref _generation);
            var old = _state;
            var (search, searched) = OpenSearch(old);
            Swap(old, new State(search, generation, searched));
            if (outcome.NothingChanged) log.WriteLine("ge serve: nothing to rebuild: the content and templates are as the last build read them.");
            else
                log.WriteLine($"ge serve: {(first ? "built" : settle ? "settled (lists, related practices, search, data)" : "rebuilt")} in {outcome.Result.Elapsed.TotalMilliseconds:0} ms: " +
                    $"{outcome.PagesRendered} page(s) rendered{(outcome.Reindexed ? ", search index rebuilt" : "")}.");
            if (first || outcome.PagesRendered > 0 || outcome.Reindexed) _reload.Reloaded(generation);
            return true;
        }
        finally
        {
            if (stop is not null) Interlocked.CompareExchange(ref _settling, null, stop);
            _building.Release();
            if (first) _firstBuild.TrySetResult();
            // A quick build showed the edited pages and kept every other file: bring the whole site up to date now that the edit is up.
            if (settleNext) _ = Task.Run(() => Rebuild(first: false, settle: true));
        }
    }

    /// <summary>
    /// The site to answer from. A browser opened on the address printed at start-up asks while the first
    /// build runs: it waits for that build (at most <see cref="FirstBuildWait"/>) rather than getting an error.
    /// </summary>
    private async Task<State> ReadyState(CancellationToken aborted)
    {
        if (_state.Generation == 0)
        {
            try
            {
                await _firstBuild.Task.WaitAsync(FirstBuildWait, aborted);
            }
            catch (TimeoutException)
            {
                // a long first build: the "building" page reloads itself when it is done
            }
        }
        return _state;
    }

    private async Task<IResult> Search(HttpRequest request, CancellationToken aborted)
    {
        var state = await ReadyState(aborted);
        // A rebuild may retire the engine between reading the state and using it: then read the new one.
        while (state.Search is { } shared && !shared.TryAcquire()) state = _state;
        if (state.Search is not { } search) return Results.Problem("no search index yet: the content has not built", statusCode: 503);
        try
        {
            return SearchWith(search.Value, request);
        }
        finally
        {
            search.Release();
        }
    }

    private static IResult SearchWith(SearchEngine engine, HttpRequest request)
    {
        var query = request.Query["q"].ToString();
        var filters = Index.SearchFields.Facets.ToDictionary(f => f, f => (IReadOnlyList<string>)request.Query[f].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList());
        var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 0, 1000) : 10;
        var offset = int.TryParse(request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        try
        {
            var response = engine.Search(new SearchRequest(query, filters, limit, offset));
            return Results.Text(SearchJson.Serialize(response), "application/json; charset=utf-8");
        }
        catch (InvalidQueryException e)
        {
            return Results.Json(new { error = "invalid query", message = e.Message }, statusCode: 400);
        }
    }

    private async Task ServeFile(HttpContext context)
    {
        var state = await ReadyState(context.RequestAborted);
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }
        var path = SitePath(request.Path.Value);
        if (path is null)
        {
            await Send(context, 400, "text/plain; charset=utf-8", "Bad request: the path leaves the site or holds characters no site file has.\n"u8.ToArray());
            return;
        }
        if (state.Generation == 0)
        {
            context.Response.Headers.RetryAfter = "1";
            var errors = _errors;
            var page = errors.Length == 0
                ? "<p>The site is still being built. This page reloads when it is ready.</p>"
                : "<p>The content does not build yet. Fix these problems and save: this page reloads when it builds.</p><pre>" + System.Net.WebUtility.HtmlEncode(errors) + "</pre>";
            await Send(context, 503, "text/html; charset=utf-8", LiveReload.Inject(System.Text.Encoding.UTF8.GetBytes(
                "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>" + (errors.Length == 0 ? "Building…" : "Content errors") + "</title>" + page), 0));
            return;
        }
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        var bytes = Read(path);
        if (bytes is null && SiteFile(path + "/index.html") is { } index && File.Exists(index))
        {
            context.Response.Redirect(request.PathBase + "/" + Uri.EscapeDataString(path).Replace("%2F", "/") + "/" + request.QueryString);
            return;
        }
        var status = 200;
        if (bytes is null)
        {
            status = 404;
            path = "404.html";
            bytes = Read(path) ?? "<!DOCTYPE html><title>404</title><p>Not found.</p>"u8.ToArray();
        }
        if (!_types.TryGetContentType(path, out var type)) type = "application/octet-stream";
        if (path.EndsWith(".html", StringComparison.Ordinal))
        {
            type = "text/html; charset=utf-8";
            if (watch) bytes = LiveReload.Inject(bytes, state.Generation);
        }
        else if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal)
                 || type.EndsWith("json", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal)) type += "; charset=utf-8";
        await Send(context, status, type, bytes);
    }

    /// <summary>
    /// Where the site file at <paramref name="path"/> (a <see cref="SitePath"/>) would be in the output folder, or null for a
    /// name no build gives a site file (the folder's marker and other names starting with a dot, a file being written in
    /// place) or a path that would resolve outside the folder.
    /// </summary>
    private string? SiteFile(string path)
    {
        if (path.Split('/').Any(s => s.StartsWith('.')) || path.EndsWith(".ge-tmp", StringComparison.Ordinal)) return null;
        var file = Path.GetFullPath(Path.Combine(_site.Root, path));
        return file.StartsWith(_root, StringComparison.Ordinal) ? file : null;
    }

    /// <summary>The output folder with a separator after it: every file served starts with it.</summary>
    private readonly string _root = Path.GetFullPath(builder.Options.OutputRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

    /// <summary>The bytes of the site file at <paramref name="path"/> (<see cref="SiteFile"/>), or null when there is none:
    /// a folder, a name no build gives a site file, or a file gone between two builds.</summary>
    private byte[]? Read(string path)
    {
        if (SiteFile(path) is not { } file) return null;
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not found, a folder, or replaced while read: the caller answers as for a file that is not there
        }
    }

    /// <summary>
    /// The site path a request path names, or null when it cannot name a site file: a '..' or '.' segment,
    /// a backslash, a NUL or other control character, a ':' (drive letters, streams), once decoded. Files are read
    /// from the output folder by this path, so these are refused: nothing outside the folder can be reached.
    /// </summary>
    internal static string? SitePath(string? rawPath)
    {
        string path;
        try
        {
            path = Uri.UnescapeDataString(rawPath ?? "/");
        }
        catch (UriFormatException)
        {
            return null;
        }
        if (!path.StartsWith('/')) return null;
        path = path[1..];
        if (path.Any(c => char.IsControl(c) || c is '\\' or ':')) return null;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s is "." or ".." || (s.Length == 0 && i < segments.Length - 1)) return null;
        }
        return path;
    }

    private static async Task Send(HttpContext context, int status, string type, byte[] bytes)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(bytes);
    }

    public void Dispose()
    {
        _state.Search?.Retire();
        _building.Dispose();
    }
}
