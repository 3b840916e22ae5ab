using System.Collections.Concurrent;

namespace GobiernoElectronico.Diagnostics;

/// <summary>
/// Collects the problems every stage finds, so that one run reports all of them rather than the first.
/// Thread-safe; <see cref="Sorted"/> gives a stable order whatever the order they were reported in.
/// A bag that stays empty costs nothing but itself: validation makes a few per document (at 20,000 documents, their
/// queues, counts and sorts of nothing were a fifth of what the validate stage allocated).
/// </summary>
public sealed class DiagnosticBag
{
    /// <summary>Made when the first problem is added.</summary>
    private ConcurrentQueue<Diagnostic>? _items;

    private int _errors;

    public void Error(string path, SourcePosition at, string code, string message) => Add(new Diagnostic(path, at, Severity.Error, code, message));

    public void Warning(string path, SourcePosition at, string code, string message) => Add(new Diagnostic(path, at, Severity.Warning, code, message));

    public void Add(Diagnostic diagnostic)
    {
        var items = _items ?? Interlocked.CompareExchange(ref _items, new ConcurrentQueue<Diagnostic>(), null) ?? _items!;
        items.Enqueue(diagnostic);
        if (diagnostic.Severity == Severity.Error) Interlocked.Increment(ref _errors);
    }

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public int Count => _items?.Count ?? 0;

    /// <summary>All problems ordered by file, line, column and code, duplicates removed.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items is not { IsEmpty: false } items ? []
        : items.Distinct()
              .OrderBy(d => d.Path, StringComparer.Ordinal)
              .ThenBy(d => d.Position.Line).ThenBy(d => d.Position.Column)
              .ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)
              .ToList();
}
