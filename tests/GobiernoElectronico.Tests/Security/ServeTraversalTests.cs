using System.Diagnostics;
using System.Runtime.InteropServices;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Security;

/// <summary>
/// `ge serve` answers like a static server: every file of the site with its type, folders by their
/// index.html, the 404 page for misses; nothing outside the site, however the path is spelt; it stops on
/// SIGINT and SIGTERM within a second, and says at once when the port is taken.
/// </summary>
[Category("Process")]
public sealed class ServeTraversalTests : IDisposable
{
    private TempDir? _dir;
    private ServeProcess? _server;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = new TempDir();
        _dir.CopyFrom(Path.Combine(Repo.Fixture("search"), "content"), "content");
        _dir.CopyFrom(Repo.Templates, "templates");
        _dir.Write("secret.txt", "CANARY-SERVE-OUTSIDE");
        _server = await ServeProcess.StartAsync(_dir.Path);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }

    public void Dispose() => _dir?.Dispose();

    [TestCase("/", 200, "text/html")]
    [TestCase("/index.html", 200, "text/html")]
    [TestCase("/assets/style.css", 200, "text/css")]
    [TestCase("/assets/search.js", 200, "javascript")]
    [TestCase("/search/data/meta.js", 200, "javascript")]
    [TestCase("/countries/bo/index.html", 200, "text/html")]
    [TestCase("/en/countries/bo/", 200, "text/html")]
    [TestCase("/countries/bo", 302, "")]
    [TestCase("/sitemap.xml", 404, "text/html")]
    [TestCase("/nowhere.css", 404, "text/html")]
    [TestCase("/.gobierno-electronico-site", 404, "text/html")]
    [TestCase("/index.html.ge-tmp", 404, "text/html")]
    public async Task Serves_every_file_like_a_static_server(string path, int status, string type)
    {
        var (code, response) = await _server!.RawGetAsync(path);
        Assert.That(code, Is.EqualTo(status), response[..Math.Min(400, response.Length)]);
        if (type.Length > 0) Assert.That(response, Does.Match("(?i)content-type: [^\r\n]*" + type));
    }

    [TestCase("/../secret.txt")]
    [TestCase("/..%2fsecret.txt")]
    [TestCase("/%2e%2e/secret.txt")]
    [TestCase("/%2e%2e%2fsecret.txt")]
    [TestCase("/assets/..%2f..%2fsecret.txt")]
    [TestCase("/..\\secret.txt")]
    [TestCase("/%5c..%5csecret.txt")]
    [TestCase("/assets%5c..%5c..%5csecret.txt")]
    [TestCase("/index.html%00.txt")]
    [TestCase("/%00")]
    [TestCase("/....//secret.txt")]
    [TestCase("//etc/passwd")]
    [TestCase("/%2fetc%2fpasswd")]
    [TestCase("/C:/Windows/win.ini")]
    [TestCase("/%c0%ae%c0%ae/secret.txt")]
    [TestCase("/assets/style.css/../../../secret.txt")]
    public async Task Never_serves_a_file_outside_the_site(string path)
    {
        var (code, response) = await _server!.RawGetAsync(path);
        Assert.That(code, Is.AnyOf(400, 404), response[..Math.Min(400, response.Length)]);
        Assert.That(response, Does.Not.Contain("CANARY-SERVE-OUTSIDE").And.Not.Contain("root:x:0:0"));
    }

    /// <summary>Serve watches content/ and templates/, and nothing else: the web host's own watcher of its content root (the
    /// current folder and every folder under it, for an appsettings.json serve does not read) once took every inotify
    /// watch the system allows (192,530 here) when serve ran from a folder with many subfolders.</summary>
    [Test]
    public void Watches_only_the_content_and_the_templates()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("counts the process's inotify watches in /proc (Linux)");
        int Folders(string root) => Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Length + 1;
        var watched = Folders(_dir!["content"]) + Folders(_dir["templates"]);
        var pid = _server!.Process.Id;
        var watches = Directory.GetFiles($"/proc/{pid}/fd")
            .Where(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify")
            .Sum(fd => File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}").Count(l => l.StartsWith("inotify", StringComparison.Ordinal)));
        Assert.That(Folders(_dir["site"]), Is.GreaterThan(watched * 2), "the site under the current folder has many more folders than content and templates");
        Assert.That(watches, Is.InRange(2, watched), "one watch per folder of content/ and templates/");
    }

    [Test]
    public async Task A_taken_port_is_said_at_once_before_building()
    {
        var clock = Stopwatch.StartNew();
        var r = await Task.Run(() => GeProcess.Run(_dir!.Path, "serve", "--port", _server!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "other-site"));
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain($"cannot listen on 127.0.0.1:{_server!.Port}").And.Contain("choose another --port"));
        Assert.That(r.Out, Does.Not.Contain("built in"), "it built before saying the port was taken");
        Assert.That(Directory.Exists(_dir!["other-site"]), Is.False);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [TestCase(2, "SIGINT")]
    [TestCase(15, "SIGTERM")]
    public async Task Stops_within_a_second_on_a_signal(int signal, string name)
    {
        // A shell's background job (`cmd &` without job control) ignores SIGINT, and ge serve inherits that: it then
        // cannot be stopped by a SIGINT, as no Ctrl+C from a terminal would reach it either. Said plainly instead of
        // a timeout.
        var ignored = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
            && (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << (signal - 1))) != 0;
        if (ignored)
        {
            const string why = "this test process ignores the signal (started as a shell's background job), and ge serve would inherit that; run the tests in the foreground";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(why);
            Assert.Ignore(why);
        }
        await using var server = await ServeProcess.StartAsync(_dir!.Path, "--output", "site-" + name);
        // an open live-reload stream must not hold the shutdown
        using var http = new HttpClient();
        using var events = await http.GetAsync(server.BaseUrl + "__ge/events", HttpCompletionOption.ResponseHeadersRead);
        var clock = Stopwatch.StartNew();
        Assert.That(kill(server.Process.Id, signal), Is.Zero);
        var exited = await Task.Run(() => server.Process.WaitForExit(5000));
        Assert.That(exited, $"still running 5 s after {name}");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)), $"{name} took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.That(server.Process.ExitCode, Is.Zero);
    }
}
