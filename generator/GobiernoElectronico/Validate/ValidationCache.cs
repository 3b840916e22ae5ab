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

    private ContentChecks.Entry[]? _entries;
    private string? _rest, _space;
    private (string Space, ContentChecks.Lookups Lookups)? _lookups;

    /// <summary>
    /// The namespace of <paramref name="entries"/>: the last one when every document is the one bound then (same model)
    /// or has the same <paramref name="line"/> as then, and the rest is the same — a comparison, where hashing it anew
    /// reads every document's line (tens of milliseconds at 20,000 documents); else <paramref name="make"/>'s.
    /// </summary>
    internal string Namespace(IReadOnlyList<ContentChecks.Entry> entries, string rest, Func<ContentChecks.Entry, string> line, Func<string> make)
    {
        var same = _entries is { } last && last.Length == entries.Count && _rest == rest;
        for (var i = 0; same && i < entries.Count; i++)
        {
            var (now, was) = (entries[i], _entries![i]);
            same = ReferenceEquals(now.Model, was.Model) && now.Draft == was.Draft || line(now) == line(was);
        }
        if (!same) (_rest, _space) = (rest, make());
        _entries = [.. entries];
        return _space!;
    }

    /// <summary>The lookups made for <paramref name="space"/>, if it is the namespace they were kept for.</summary>
    internal ContentChecks.Lookups? Lookups(string space) => _lookups is { } kept && kept.Space == space ? kept.Lookups : null;

    internal void KeepLookups(string space, ContentChecks.Lookups lookups) => _lookups = (space, lookups);

    /// <summary>A validation that gave a content set: its documents (by reference), each one's binding by index, the
    /// context, its own problems (sorted), the set, the published countries, the files with errors and the namespace.</summary>
    internal sealed record Validated(IReadOnlyList<SourceDocument> Documents, ContentValidator.Bound?[] Bound, ValidationContext Context,
        IReadOnlyList<Diagnostic> Problems, Model.ContentSet Content, IReadOnlySet<string> CountryCodes, IReadOnlySet<string> Broken, string Space);

    /// <summary>The last validation, when it gave a content set: the one an edit's validation starts from.</summary>
    internal Validated? Last { get; private set; }

    internal void Remember(Validated? last) => Last = last;

    /// <summary>How many validations were patches of the last one (<see cref="ValidationPatch"/>), for tests and timings.</summary>
    internal int Patches { get; private set; }

    internal void Patched(Validated last)
    {
        Last = last;
        Patches++;
    }
}
