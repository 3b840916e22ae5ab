using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

/// <summary>
/// A bounded load test of `ge serve` on loopback: 50 clients for 20 s (GE_LOAD_SECONDS to change it) asking
/// for pages, assets, search shards and /api/search, once on a quiet server and once while an editor saves a
/// practice every second. Zero 5xx, zero failed requests; the figures are printed.
/// </summary>
[Category("Load")]
public class ServeLoadTests
{
    private const int Clients = 50;

    private static readonly string[] Paths =
    [
        "", "index.html", "practices/", "practices/telecentro-rural/", "countries/bo/index.html", "en/practices/prefeitura-digital/index.html",
        "assets/style.css", "assets/search.js", "search/data/meta.js", "search/index.html?q=telecentro", "nowhere.html",
        "api/search?q=telecentros", "api/search?q=tr%C3%A1mites%20en%20l%C3%ADnea", "api/search?q=servicios&country=BO", "api/search?q=municipio&limit=5&offset=2",
    ];

    private static double Seconds => double.TryParse(Environment.GetEnvironmentVariable("GE_LOAD_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 20;

    [TestCase(false)]
    [TestCase(true)]
    public async Task Fifty_clients_get_no_error(bool editing)
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        await using var server = await ServeProcess.StartAsync(dir.Path);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds));
        var edits = 0;
        var editor = editing ? Task.Run(async () =>
        {
            var file = dir["content/practices/telecentro-rural.md"];
            var original = File.ReadAllText(file);
            while (!stop.IsCancellationRequested)
            {
                File.WriteAllText(file, original + $"\nEdición {++edits}.\n");
                try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
            }
        }) : Task.CompletedTask;

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var i = c;
            while (!stop.IsCancellationRequested)
            {
                var path = Paths[i++ % Paths.Length];
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(server.BaseUrl + path);
                    await response.Content.ReadAsByteArrayAsync();
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    var expected = path == "nowhere.html" ? 404 : 200;
                    if ((int)response.StatusCode != expected) failures.Add($"{path}: {(int)response.StatusCode}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add($"{path}: {e.GetType().Name} {e.Message}");
                }
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        })).ToList();
        await Task.WhenAll(clients.Append(editor));

        var sorted = latencies.Order().ToList();
        double P(double q) => sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)];
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve load ({(editing ? $"{edits} edits during load" : "no edits")}): {sorted.Count} requests in {Seconds:0} s by {Clients} clients = {sorted.Count / Seconds:0} req/s; " +
            $"latency p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted[^1]:0} ms; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; failures {failures.Count}"));
        Assert.That(failures.Take(20), Is.Empty, $"{failures.Count} failed requests");
        Assert.That(statuses.Keys.Where(s => s >= 500), Is.Empty);
        Assert.That(sorted, Has.Count.GreaterThan(Clients * 10));
        if (editing)
        {
            Assert.That(edits, Is.GreaterThan(3));
            Assert.That(server.Output.Count(l => l.Contains("rebuilt", StringComparison.Ordinal)), Is.GreaterThan(0), "the edits were rebuilt under load");
        }
    }
}
