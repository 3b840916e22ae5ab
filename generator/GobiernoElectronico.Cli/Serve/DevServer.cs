using System.Collections.Frozen;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Search;
using GobiernoElectronico.Write;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace GobiernoElectronico.Cli.Serve;

/// <summary>
/// <c>ge serve</c>: builds, serves the site from memory on loopback, answers <c>/api/search</c> over the
/// Lucene index, and — with watching on — rebuilds incrementally after every change under content/ and
/// templates/, writes the changes to the output folder and reloads open pages. A build that fails leaves
/// the last good site served, and its problems shown in the terminal and in the pages.
/// </summary>
internal sealed class DevServer(IncrementalBuilder builder, bool watch, TextWriter log) : IDisposable
{
    private readonly LiveReload _reload = new();
    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile State _state = new(FrozenDictionary<string, byte[]>.Empty, null, 0);
    private int _generation;

    /// <summary>The site being served: files by path, and a search engine over its index.</summary>
    private sealed record State(FrozenDictionary<string, byte[]> Files, SearchEngine? Search, int Generation);

    public async Task<int> RunAsync(string host, int port, CancellationToken cancel)
    {
        if (!Rebuild(first: true)) log.WriteLine("ge serve: serving nothing until the content builds; fix the problems above and save.");
        using var watcher = watch ? new SiteWatcher(builder.Options, () => Rebuild(first: false)) : null;

        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.WebHost.UseUrls($"http://{host}:{port}");
        var app = web.Build();
        app.MapGet(LiveReload.EventsPath, _reload.Handle);
        app.MapGet(LiveReload.ScriptPath, () => Results.Text(LiveReload.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/api/search", Search);
        app.MapFallback(ServeFile);
        await app.StartAsync(cancel);
        log.WriteLine($"ge serve: http://{host}:{port}/ ({(watch ? "watching content/ and templates/ for changes" : "not watching")}; Ctrl+C to stop)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>Builds (incrementally), then swaps the served site and tells pages. Serialised: one build at a time.</summary>
    public bool Rebuild(bool first) => Rebuild(first, settle: first);

    private bool Rebuild(bool first, bool settle)
    {
        _building.Wait();
        var settleNext = false;
        try
        {
            var outcome = builder.Build(settle);
            settleNext = !outcome.Settled && outcome.Files is not null;
            foreach (var d in outcome.Result.Diagnostics) log.WriteLine(d);
            if (outcome.Files is null)
            {
                var errors = string.Join('\n', outcome.Result.Diagnostics.Where(d => d.Severity == Severity.Error));
                log.WriteLine($"ge serve: build failed; still serving the last good site.");
                _reload.Failed(errors);
                return false;
            }
            var bag = new DiagnosticBag();
            if (!builder.Write(outcome.Files, bag))
                foreach (var d in bag.Sorted()) log.WriteLine(d);
            var generation = Interlocked.Increment(ref _generation);
            var search = builder.Index is { } index ? SearchEngine.Open(index.Directory) : null;
            var old = _state;
            _state = new State(outcome.Files.ToFrozenDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal), search, generation);
            if (old.Search is { } oldSearch) _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => oldSearch.Dispose(), TaskScheduler.Default);
            log.WriteLine($"ge serve: {(first ? "built" : settle ? "settled related practices" : "rebuilt")} in {outcome.Result.Elapsed.TotalMilliseconds:0} ms: " +
                $"{outcome.PagesRendered} page(s) rendered{(outcome.Reindexed ? ", search index rebuilt" : "")}.");
            if (!first && (outcome.PagesRendered > 0 || outcome.Reindexed)) _reload.Reloaded(generation);
            return true;
        }
        finally
        {
            _building.Release();
            // Related practices of unchanged practices were reused: recompute them all now that the edit is up.
            if (settleNext) _ = Task.Run(() => Rebuild(first: false, settle: true));
        }
    }

    private IResult Search(HttpRequest request)
    {
        var state = _state;
        if (state.Search is null) return Results.Problem("no search index yet: the content has not built", statusCode: 503);
        var query = request.Query["q"].ToString();
        var filters = Index.SearchFields.Facets.ToDictionary(f => f, f => (IReadOnlyList<string>)request.Query[f].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList());
        var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 0, 1000) : 10;
        var offset = int.TryParse(request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        try
        {
            var response = state.Search.Search(new SearchRequest(query, filters, limit, offset));
            return Results.Text(SearchJson.Serialize(response), "application/json; charset=utf-8");
        }
        catch (InvalidQueryException e)
        {
            return Results.Json(new { error = "invalid query", message = e.Message }, statusCode: 400);
        }
    }

    private async Task ServeFile(HttpContext context)
    {
        var state = _state;
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        if (!state.Files.TryGetValue(path, out var bytes) && state.Files.TryGetValue(path + "/index.html", out var folderIndex))
        {
            context.Response.Redirect("/" + path + "/");
            _ = folderIndex;
            return;
        }
        var status = 200;
        if (bytes is null)
        {
            status = 404;
            path = "404.html";
            bytes = state.Files.GetValueOrDefault(path) ?? "<!DOCTYPE html><title>404</title><p>Not found.</p>"u8.ToArray();
        }
        if (!_types.TryGetContentType(path, out var type)) type = "application/octet-stream";
        if (path.EndsWith(".html", StringComparison.Ordinal))
        {
            type = "text/html; charset=utf-8";
            if (watch) bytes = LiveReload.Inject(bytes);
        }
        else if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal)) type += "; charset=utf-8";
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(bytes);
    }

    public void Dispose()
    {
        _state.Search?.Dispose();
        _building.Dispose();
    }
}
