using System.Collections.Concurrent;

namespace GobiernoElectronico.Diagnostics;

/// <summary>
/// Collects the problems every stage finds, so that one run reports all of them rather than the first.
/// Thread-safe; <see cref="Sorted"/> gives a stable order whatever the order they were reported in.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    public void Error(string path, SourcePosition at, string code, string message) =>
        _items.Enqueue(new Diagnostic(path, at, Severity.Error, code, message));

    public void Warning(string path, SourcePosition at, string code, string message) =>
        _items.Enqueue(new Diagnostic(path, at, Severity.Warning, code, message));

    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public int Count => _items.Count;

    /// <summary>All problems ordered by file, line, column and code, duplicates removed.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Distinct()
              .OrderBy(d => d.Path, StringComparer.Ordinal)
              .ThenBy(d => d.Position.Line).ThenBy(d => d.Position.Column)
              .ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)
              .ToList();
}
