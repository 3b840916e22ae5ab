namespace GobiernoElectronico.Diagnostics;

/// <summary>How bad a problem is. Errors stop the build; warnings do not.</summary>
public enum Severity { Warning, Error }

/// <summary>A 1-based line and column in a source file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The start of a file, used when a problem concerns the file as a whole.</summary>
    public static readonly SourcePosition FileStart = new(1, 1);
}

/// <summary>
/// One problem found in the content, reported in the MSBuild format that editors understand:
/// <c>path(line,col): error CODE: message</c>.
/// </summary>
public sealed record Diagnostic(string Path, SourcePosition Position, Severity Severity, string Code, string Message)
{
    public override string ToString() =>
        $"{Path}({Position.Line},{Position.Column}): {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
