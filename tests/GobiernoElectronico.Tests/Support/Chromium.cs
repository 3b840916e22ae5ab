using System.Diagnostics;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// Debian's chromium for browser tests, driven by Playwright — never a downloaded browser. When it is
/// missing, the tests try to install it (as root, with apt-get); failing that they say so loudly and are
/// skipped, except under CI=true, where a missing browser fails the run.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private static readonly Lazy<string?> Installed = new(() =>
    {
        if (File.Exists(Path)) return null;
        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            TestContext.Progress.WriteLine("chromium is missing: installing Debian's chromium with apt-get for the browser tests …");
            foreach (var args in new[] { "update -qq", "install -y -qq chromium" })
            {
                using var p = Process.Start(new ProcessStartInfo("apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
            }
        }
        return File.Exists(Path) ? null : $"chromium is not installed at {Path}: browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it).";
    });

    /// <summary>Makes sure chromium is there, or fails (CI) / skips loudly (elsewhere).</summary>
    public static void Require()
    {
        if (Installed.Value is not { } problem) return;
        TestContext.Progress.WriteLine("!!! " + problem);
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(problem);
        Assert.Ignore(problem);
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Require();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Headless = true, Args = Args });
        return (playwright, browser);
    }

    /// <summary>A file:// URL for a file of a built site.</summary>
    public static string FileUrl(string siteRoot, string relative) => new Uri(System.IO.Path.Combine(siteRoot, relative)).AbsoluteUri;
}
