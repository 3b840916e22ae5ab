using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GobiernoElectronico.Tests.Support;

/// <summary>`ge serve` as a separate process on a free loopback port, with its output collected.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    public ConcurrentQueue<string> Output { get; } = new();
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/";
    public Process Process => _process;

    private ServeProcess(string workingDirectory, int port, string[] extra)
    {
        Port = port;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Repo.CliDll, "serve", "--port", port.ToString(CultureInfo.InvariantCulture) }.Concat(extra)) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts `ge serve` in <paramref name="workingDirectory"/> and waits until the site is served.</summary>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, params string[] extra)
    {
        var server = new ServeProcess(workingDirectory, FreePort(), extra);
        var up = await Eventually(async () => (await Http.GetAsync(server.BaseUrl)).IsSuccessStatusCode, 60);
        if (!up)
        {
            await server.DisposeAsync();
            Assert.Fail("ge serve did not come up: " + string.Join('\n', server.Output));
        }
        return server;
    }

    /// <summary>Starts `ge serve` and returns at once, while it may still be building: what an editor's browser meets first.</summary>
    public static ServeProcess Launch(string workingDirectory, params string[] extra) => new(workingDirectory, FreePort(), extra);

    /// <summary>Waits until the server has printed a line containing <paramref name="text"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text, double seconds = 60) =>
        await Eventually(() => Task.FromResult(Output.Any(l => l.Contains(text, StringComparison.Ordinal))), seconds);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, at most <paramref name="seconds"/>.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, double seconds = 20)
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
            catch (TaskCanceledException)
            {
                // slow answer
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>Sends a GET of <paramref name="target"/> byte for byte (no client-side normalisation) and returns the status code.</summary>
    public async Task<(int Status, string Response)> RawGetAsync(string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await using var stream = client.GetStream();
        var request = System.Text.Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        var response = await reader.ReadToEndAsync();
        var status = response.Length >= 12 && int.TryParse(response.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return (status, response);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
