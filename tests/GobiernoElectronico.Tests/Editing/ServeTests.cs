using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

/// <summary>`ge serve` as a separate process on a free loopback port: search API, live rebuild, broken edits.</summary>
public class ServeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, at most <paramref name="seconds"/>.</summary>
    private static async Task<bool> Eventually(Func<Task<bool>> condition, double seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<JsonElement> SearchAsync(string baseUrl, string query)
    {
        var json = await Http.GetStringAsync($"{baseUrl}api/search?q={Uri.EscapeDataString(query)}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Test]
    public async Task Serves_searches_rebuilds_on_edit_and_keeps_the_last_good_site_on_a_broken_edit()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Repo.CliDll, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            Assert.That(await Eventually(async () => (await Http.GetAsync(baseUrl)).IsSuccessStatusCode), "server up: " + string.Join('\n', output));

            // the API answers like `ge search --json`
            var first = await SearchAsync(baseUrl, "telecentros");
            Assert.That(first.GetProperty("total").GetInt32(), Is.GreaterThan(0));
            Assert.That(first.GetProperty("hits")[0].TryGetProperty("snippet", out _));
            var cli = GeProcess.Run(dir.Path, "search", "--json", "telecentros");
            Assert.That(JsonDocument.Parse(cli.Out).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()),
                Is.EqualTo(first.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString())));

            // served pages get the reload script; the built site does not
            var page = await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/");
            Assert.That(page, Does.Contain("/__ge/reload.js"));
            Assert.That(SiteSnapshot.FilesContaining(dir["site"], "__ge"), Is.Empty);

            // an edit shows up in the page and in search
            var file = dir["content/practices/telecentro-rural.md"];
            File.WriteAllText(file, File.ReadAllText(file).Replace("El telecentro ofrece cursos", "El telecentro ofrece cursos de quipucamayoc"));
            Assert.That(await Eventually(async () => (await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/")).Contains("quipucamayoc", StringComparison.Ordinal)),
                "page updated: " + string.Join('\n', output));
            var found = await SearchAsync(baseUrl, "quipucamayoc");
            Assert.That(found.GetProperty("hits")[0].GetProperty("id").GetString(), Is.EqualTo("practice/telecentro-rural"));
            Assert.That(File.ReadAllText(dir["site/practices/telecentro-rural/index.html"]), Does.Contain("quipucamayoc"), "site/ is kept up to date");

            // a broken edit: reported, and the last good site is still served
            File.WriteAllText(file, File.ReadAllText(file).Replace("status: pilot", "status: piloto"));
            Assert.That(await Eventually(() => Task.FromResult(output.Any(l => l.Contains("error GE0104", StringComparison.Ordinal)))), "error reported: " + string.Join('\n', output));
            Assert.That(await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/"), Does.Contain("quipucamayoc"));
            Assert.That((await SearchAsync(baseUrl, "quipucamayoc")).GetProperty("total").GetInt32(), Is.EqualTo(1));

            // invalid query → 400 with a message
            var bad = await Http.GetAsync(baseUrl + "api/search?q=%22telecentro");
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
