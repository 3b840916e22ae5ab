using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace GobiernoElectronico.Cli.Serve;

/// <summary>
/// Server-sent events that tell open pages to reload after a rebuild, or to show the build's problems.
/// The script that listens is injected into pages as they are served, never written into the site.
/// </summary>
internal sealed class LiveReload
{
    public const string EventsPath = "/__ge/events";
    public const string ScriptPath = "/__ge/reload.js";

    private readonly List<Channel<string>> _clients = [];
    private string? _problems;
    private int _reloaded;

    /// <summary>A successful rebuild: every page reloads.</summary>
    public void Reloaded(int generation)
    {
        _problems = null;
        Volatile.Write(ref _reloaded, generation);
        Broadcast($"event: reload\ndata: {generation}\n\n");
    }

    /// <summary>A failed rebuild: every page shows the problems over the last good page.</summary>
    public void Failed(string problems)
    {
        _problems = problems;
        Broadcast(Event("problems", problems));
    }

    /// <summary>The server stops: every event stream ends, so that shutdown does not wait on open pages.</summary>
    public void Close()
    {
        lock (_clients)
            foreach (var c in _clients) c.Writer.TryComplete();
    }

    private static string Event(string name, string text) =>
        $"event: {name}\n" + string.Concat(text.Split('\n').Select(l => $"data: {l}\n")) + "\n";

    private void Broadcast(string message)
    {
        lock (_clients)
            foreach (var c in _clients) c.Writer.TryWrite(message);
    }

    public async Task Handle(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>();
        lock (_clients) _clients.Add(channel);
        try
        {
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
            // A page served before a rebuild whose stream connects after it (a save just after the page loaded, on a
            // fast rebuild) would miss the reload: it says which build it was served from, and reloads now.
            if (int.TryParse(context.Request.Query["since"], out var since) && since < Volatile.Read(ref _reloaded))
                await context.Response.WriteAsync($"event: reload\ndata: {Volatile.Read(ref _reloaded)}\n\n", context.RequestAborted);
            if (_problems is { } p) await context.Response.WriteAsync(Event("problems", p), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var message in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(message, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        finally
        {
            lock (_clients) _clients.Remove(channel);
        }
    }

    public const string Script = """
        (function () {
          'use strict';
          var box = null;
          var script = document.currentScript;
          var since = (script && script.getAttribute('data-generation')) || '0';
          var source = new EventSource('/__ge/events?since=' + encodeURIComponent(since));
          source.addEventListener('reload', function () { location.reload(); });
          source.addEventListener('problems', function (e) {
            if (!box) {
              box = document.createElement('pre');
              box.setAttribute('role', 'alert');
              box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;' +
                'background:#300;color:#fff;font:13px/1.4 monospace;z-index:99999;white-space:pre-wrap';
              document.body.appendChild(box);
            }
            box.textContent = 'ge serve: the last edit did not build; showing the last good version.\n\n' + e.data;
          });
        })();
        """;

    /// <summary>Inserts the reload script before &lt;/body&gt; of a page served from build <paramref name="generation"/>.</summary>
    public static byte[] Inject(byte[] html, int generation)
    {
        var text = Encoding.UTF8.GetString(html);
        var tag = $"<script src=\"{ScriptPath}\" data-generation=\"{generation}\"></script>";
        var at = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return Encoding.UTF8.GetBytes(at < 0 ? text + tag : text[..at] + tag + "\n" + text[at..]);
    }
}
