using System.Runtime.CompilerServices;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;

namespace GobiernoElectronico.Validate;

/// <summary>
/// What validation keeps between the builds of a builder that lives on (<c>ge serve</c>), by document: its own
/// checks and model (for as long as the load stage hands back the same, unchanged <see cref="SourceDocument"/>),
/// and its checks against the other documents (links, references, dates), valid while the set of documents they
/// look at — paths, slugs, drafts, languages, files with errors, media, today — is the same. A one-shot build has
/// none; both give the same diagnostics and the same content set.
/// </summary>
public sealed class ValidationCache
{
    private sealed record BindEntry(string DefaultLanguage, ContentValidator.Bound? Bound, IReadOnlyList<Diagnostic> Problems);

    private sealed record CheckEntry(string Namespace, IReadOnlyList<Diagnostic> Problems);

    private readonly ConditionalWeakTable<SourceDocument, BindEntry> _binds = [];
    private readonly ConditionalWeakTable<SourceDocument, CheckEntry> _checks = [];

    internal (ContentValidator.Bound? Bound, IReadOnlyList<Diagnostic> Problems) Bind(SourceDocument doc, string defaultLanguage,
        Func<SourceDocument, string, (ContentValidator.Bound?, IReadOnlyList<Diagnostic>)> bind)
    {
        if (_binds.TryGetValue(doc, out var kept) && kept.DefaultLanguage == defaultLanguage) return (kept.Bound, kept.Problems);
        var (bound, problems) = bind(doc, defaultLanguage);
        _binds.AddOrUpdate(doc, new BindEntry(defaultLanguage, bound, problems));
        return (bound, problems);
    }

    /// <summary>The document's cross-document problems, when checked before against the same <paramref name="space"/>.</summary>
    internal IReadOnlyList<Diagnostic>? Checked(SourceDocument doc, string space) =>
        _checks.TryGetValue(doc, out var kept) && kept.Namespace == space ? kept.Problems : null;

    internal void KeepChecked(SourceDocument doc, string space, IReadOnlyList<Diagnostic> problems) =>
        _checks.AddOrUpdate(doc, new CheckEntry(space, problems));
}
