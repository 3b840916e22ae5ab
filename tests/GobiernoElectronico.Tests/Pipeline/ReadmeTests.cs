using System.Text.RegularExpressions;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Pipeline;

/// <summary>The README tells the truth about codes and verbs.</summary>
public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [GeneratedRegex(@"^\| (GE\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex CodeRow();

    [Category("Process")]
    [Test]
    public void The_error_code_table_lists_exactly_the_codes_the_generator_emits() =>
        Assert.That(CodeRow().Matches(Readme).Select(m => m.Groups[1].Value), Is.EquivalentTo(ErrorCodes.Descriptions.Keys));

    [Test]
    public void Every_cli_verb_has_a_section()
    {
        var help = GeProcess.Run(Repo.Root, "--help");
        var verbs = help.Out.Split('\n').SkipWhile(l => !l.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim().Split(' ')[0]).Where(v => v.Length > 0).ToList();
        Assert.That(verbs, Is.SupersetOf(new[] { "build", "search", "bench" }));
        foreach (var verb in verbs) Assert.That(Readme, Does.Contain($"### `ge {verb}`"), verb);
    }

    [Test]
    public void The_first_two_commands_are_build_and_test()
    {
        var commands = Regex.Matches(Readme, @"^(dotnet [^\n#]+?)\s*(#|$)", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).Take(2).ToList();
        Assert.That(commands, Is.EqualTo(new[] { "dotnet run --project generator/GobiernoElectronico.Cli -- build", "dotnet test" }));
        Assert.That(File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run")), Does.Contain("\ndotnet test\n"));
    }
}
