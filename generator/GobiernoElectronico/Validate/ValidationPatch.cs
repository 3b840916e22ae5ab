using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;

namespace GobiernoElectronico.Validate;

/// <summary>
/// The validation after an edit in <c>ge serve</c>, done for the edited documents only: when the last validation gave a
/// content set and the edit leaves every other input as it was — the same files, the same media, data and day, and
/// each edited document still valid with the same kind, path, slug, draft state and language (its line of the
/// namespace, which is all the checks of the other documents read of it) — then the other documents' problems are
/// those of the last validation, and the edited ones are bound and checked against the kept lookups. At 20,000
/// documents this is the difference between a pass over every document (over 100 ms of the page's time) and a
/// fraction of a millisecond. Any other edit, and any edit that brings an error, is validated whole, so that every
/// problem is reported as a full validation reports it.
/// </summary>
internal static class ValidationPatch
{
    /// <summary>More edited documents than this in one build: validated whole (a pull, a search and replace).</summary>
    private const int MostEdited = 8;

    /// <summary>The content set with the edited documents in it, their problems and the others' in
    /// <paramref name="diagnostics"/>; null (nothing reported) when the edit needs a whole validation.</summary>
    public static Model.ContentSet? Apply(IReadOnlyList<SourceDocument> documents, ValidationContext context, ValidationCache cache,
        DiagnosticBag diagnostics)
    {
        if (cache.Last is not { } last || documents.Count != last.Documents.Count || !SameContext(context, last.Context)) return null;
        if (cache.Lookups(last.Space) is not { } lookups) return null;
        var edited = new List<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (ReferenceEquals(documents[i], last.Documents[i])) continue;
            if (edited.Count == MostEdited || documents[i].Path != last.Documents[i].Path || !Patchable(documents[i].Kind)) return null;
            edited.Add(i);
        }
        if (edited.Count == 0) return null;

        var defaultLanguage = last.Content.Site.DefaultLanguage;
        var bound = (ContentValidator.Bound?[])last.Bound.Clone();
        var problems = new List<Diagnostic>();
        var checkedProblems = new List<(SourceDocument, IReadOnlyList<Diagnostic>)>();
        var replaced = new List<(object Old, object New)>();
        foreach (var i in edited)
        {
            var (now, own) = cache.Bind(documents[i], defaultLanguage, (d, l) => ContentValidator.Bind(d, l));
            if (now is null || last.Bound[i] is not { } was || own.Any(IsError)) return null;
            var (entry, before) = (Entry(now), Entry(was));
            if (now.Model.GetType() != was.Model.GetType() || ContentChecks.Line(entry) != ContentChecks.Line(before)) return null;
            problems.AddRange(own);
            bound[i] = now;
            if (now.Draft) continue; // neither published nor checked against the others (a draft checked as published has no cache)
            if (ContentValidator.CountryOf(now.Model) is { } country && !last.CountryCodes.Contains(country)) return null;
            var found = ContentChecks.CheckOne(entry, context, lookups, last.Broken);
            if (found.Any(IsError)) return null;
            problems.AddRange(found);
            checkedProblems.Add((now.Source, found));
            replaced.Add((was.Model, now.Model));
        }

        var content = last.Content.Replacing(replaced);
        foreach (var (source, found) in checkedProblems) cache.KeepChecked(source, last.Space, found);
        var editedPaths = edited.Select(i => documents[i].Path).ToHashSet(StringComparer.Ordinal);
        var all = new DiagnosticBag();
        foreach (var d in last.Problems)
            if (!editedPaths.Contains(d.Path)) all.Add(d);
        foreach (var d in problems) all.Add(d);
        var sorted = all.Sorted();
        foreach (var d in sorted) diagnostics.Add(d);
        cache.Patched(last with { Documents = documents, Bound = bound, Context = context, Problems = sorted, Content = content });
        return content;
    }

    /// <summary>The kinds whose edit changes nothing the other documents' checks read beyond their line of the namespace:
    /// not a country (its figures, the assessments the others name), an activity (the dependencies between activities)
    /// or site.yml.</summary>
    private static bool Patchable(ContentKind kind) =>
        kind is ContentKind.Practice or ContentKind.Organisation or ContentKind.Directory or ContentKind.Telecentre or ContentKind.Workshop;

    private static bool SameContext(ValidationContext now, ValidationContext was) =>
        now.Today == was.Today && ReferenceEquals(now.Series, was.Series) && now.CheckedAsPublished.Count == 0 && was.CheckedAsPublished.Count == 0
        && now.Media.SequenceEqual(was.Media, StringComparer.Ordinal);

    private static ContentChecks.Entry Entry(ContentValidator.Bound b) => new(b.Source, b.Fields, b.Model, b.Draft);

    private static bool IsError(Diagnostic d) => d.Severity == Severity.Error;
}
