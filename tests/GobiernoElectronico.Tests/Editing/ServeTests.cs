using System.Globalization;
using System.Net;
using System.Text.Json;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Editing;

/// <summary>`ge serve` as a separate process on a free loopback port (<see cref="ServeProcess"/>): the first requests, search API, live rebuild, broken edits.</summary>
public class ServeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>For requests that wait for a first build (ge serve holds them up to 30 s).</summary>
    private static readonly HttpClient FirstBuildHttp = new() { Timeout = TimeSpan.FromSeconds(40) };

    private static async Task<JsonElement> SearchAsync(string baseUrl, string query)
    {
        var json = await Http.GetStringAsync($"{baseUrl}api/search?q={Uri.EscapeDataString(query)}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Category("Process")]
    [Test]
    public async Task A_browser_opened_as_soon_as_serve_listens_gets_the_site_not_an_error()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        await using var server = ServeProcess.Launch(dir.Path);
        Assert.That(await server.WaitForOutputAsync("listening on"), string.Join('\n', server.Output));
        // The first build is still running: each request waits for it instead of answering 503.
        var requests = new[] { ("index.html", "text/html"), ("assets/style.css", "text/css"), ("search/data/meta.js", "text/javascript"), ("api/search?q=telecentros", "application/json") }
            .Select(async r => (r.Item1, r.Item2, await FirstBuildHttp.GetAsync(server.BaseUrl + r.Item1))).ToList();
        foreach (var (path, type, response) in await Task.WhenAll(requests))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(type), path);
        }
    }

    [Category("Process")]
    [Test]
    public async Task Content_that_does_not_build_yet_shows_its_located_errors_in_the_browser()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        dir.Write("content/practices/broken.md", "---\ntitle: [broken\n---\n");
        await using var server = ServeProcess.Launch(dir.Path);
        Assert.That(await server.WaitForOutputAsync("listening on"), string.Join('\n', server.Output));
        var response = await Http.GetAsync(server.BaseUrl + "index.html");
        var page = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(503));
        Assert.That(page, Does.Contain("content/practices/broken.md(3,1): error GE0001"));
        Assert.That(page, Does.Contain("/__ge/reload.js"), "the page reloads itself once the content builds");
    }

    [Category("Process")]
    [Test]
    public async Task Serves_searches_rebuilds_on_edit_and_keeps_the_last_good_site_on_a_broken_edit()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        dir.CopyFrom(Repo.Templates, "templates");
        await using var server = await ServeProcess.StartAsync(dir.Path);
        var baseUrl = server.BaseUrl;
        var output = server.Output;

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

        // the committee's survey page: drafts named, served only, never written into the site
        var committee = await Http.GetStringAsync(baseUrl + "_committee/survey");
        Assert.That(committee, Does.Contain("of 33</strong> countries").And.Contain("All drafts ("));
        Assert.That(SiteSnapshot.FilesContaining(dir["site"], "answers by country"), Is.Empty);

        // an edit shows up in the page and in search
        var file = dir["content/practices/telecentro-rural.md"];
        File.WriteAllText(file, File.ReadAllText(file).Replace("El telecentro ofrece cursos", "El telecentro ofrece cursos de quipucamayoc"));
        Assert.That(await ServeProcess.Eventually(async () => (await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/")).Contains("quipucamayoc", StringComparison.Ordinal)),
            "page updated: " + string.Join('\n', output));
        // the page is up after the quick build; the search after the settling build that follows it
        Assert.That(await ServeProcess.Eventually(async () => (await SearchAsync(baseUrl, "quipucamayoc")).GetProperty("total").GetInt32() > 0),
            "search updated: " + string.Join('\n', output));
        var found = await SearchAsync(baseUrl, "quipucamayoc");
        Assert.That(found.GetProperty("hits")[0].GetProperty("id").GetString(), Is.EqualTo("practice/telecentro-rural"));
        Assert.That(File.ReadAllText(dir["site/practices/telecentro-rural/index.html"]), Does.Contain("quipucamayoc"), "site/ is kept up to date");

        // a page served before that rebuild whose reload stream connects only now (a save just after it loaded) reloads
        // at once; a page served after it does not (checked once the settling build after the quick one is done too,
        // which reloads the pages served before it)
        var servedBefore = Generation(page);
        Assert.That(await ServeProcess.Eventually(async () =>
        {
            var servedNow = Generation(await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/"));
            return servedNow > servedBefore && await FirstEventAsync(baseUrl + "__ge/events?since=" + servedNow, TimeSpan.FromSeconds(1)) is null;
        }), "a page served after the last rebuild is not reloaded");
        Assert.That(await FirstEventAsync(baseUrl + "__ge/events?since=" + servedBefore, TimeSpan.FromSeconds(2)), Is.EqualTo("event: reload"));

        // a broken edit: reported, and the last good site is still served
        File.WriteAllText(file, File.ReadAllText(file).Replace("status: pilot", "status: piloto"));
        Assert.That(await ServeProcess.Eventually(() => Task.FromResult(output.Any(l => l.Contains("error GE0104", StringComparison.Ordinal)))), "error reported: " + string.Join('\n', output));
        Assert.That(await Http.GetStringAsync(baseUrl + "practices/telecentro-rural/"), Does.Contain("quipucamayoc"));
        Assert.That((await SearchAsync(baseUrl, "quipucamayoc")).GetProperty("total").GetInt32(), Is.EqualTo(1));

        // invalid query → 400 with a message
        var bad = await Http.GetAsync(baseUrl + "api/search?q=%22telecentro");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>The build a served page came from, as its reload script says.</summary>
    private static int Generation(string page) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(page, "data-generation=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The first event line of a live-reload stream, or null when none comes within <paramref name="wait"/>.</summary>
    private static async Task<string?> FirstEventAsync(string url, TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource(wait);
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
                if (line.StartsWith("event:", StringComparison.Ordinal)) return line;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
