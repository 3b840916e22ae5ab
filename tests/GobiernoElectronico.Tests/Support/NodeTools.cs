using System.Diagnostics;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// axe-core and vnu-jar from the npm registry, pinned by tests/GobiernoElectronico.Tests/package-lock.json.
/// Installed on first use with <c>npm ci</c> when missing; a machine without npm or Java makes the tests that
/// need them say so loudly and skip — except under CI=true, where they fail.
/// </summary>
public static class NodeTools
{
    private static string Folder => Path.Combine(Repo.Root, "tests", "GobiernoElectronico.Tests");

    public static string AxeScript => Path.Combine(Folder, "node_modules", "axe-core", "axe.min.js");

    public static string VnuJar => Path.Combine(Folder, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private static readonly Lazy<string?> Installed = new(() =>
    {
        if (File.Exists(AxeScript) && File.Exists(VnuJar)) return null;
        TestContext.Progress.WriteLine("axe-core / vnu-jar missing: running 'npm ci' in tests/GobiernoElectronico.Tests …");
        var (code, output) = Run("npm", "ci --no-audit --no-fund", Folder);
        return File.Exists(AxeScript) && File.Exists(VnuJar) ? null : $"axe-core and vnu-jar are not installed and 'npm ci' failed ({code}): {output}";
    });

    public static void Require(bool java = false)
    {
        var problem = Installed.Value;
        if (problem is null && java && Run("java", "-version", Folder).Code != 0) problem = "Java is not installed: the HTML checker (vnu-jar) needs it";
        if (problem is null) return;
        TestContext.Progress.WriteLine("!!! " + problem);
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(problem);
        Assert.Ignore(problem);
    }

    public static (int Code, string Output) Run(string program, string arguments, string folder)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
