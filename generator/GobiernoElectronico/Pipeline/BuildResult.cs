using GobiernoElectronico.Diagnostics;

namespace GobiernoElectronico.Pipeline;

/// <summary>What a build did: its problems, and when it succeeded, what it wrote.</summary>
/// <param name="Rendered">When the build updated a site from its build cache: the pages it rendered (the others were
/// kept as the last build wrote them); null for a build that rendered every page.</param>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, int Documents, int Pages, int Files, TimeSpan Elapsed, int? Rendered = null)
{
    /// <summary>When the build exported a search index: how many of the browser's term shards it made, of how many (an update
    /// of a site from its build cache keeps the shards of the terms its edits did not change).</summary>
    public (int Made, int Count)? TermShards { get; init; }

    /// <summary>When the build exported a search index with its build cache: whether it kept the lexicon's files (<c>lexicon.json</c>,
    /// the browser's vocabulary shards) as the site held them, its lexicon being the last build's.</summary>
    public bool? LexiconKept { get; init; }

    /// <summary>With <see cref="LexiconKept"/>: whether the lexicon was made only as the outline of the last build's
    /// (<see cref="Index.QueryLexicon.IsOutline"/>), its input being the last one's.</summary>
    public bool? LexiconOutlined { get; init; }

    public bool Succeeded => Diagnostics.All(d => d.Severity != Severity.Error);

    /// <summary>The one-line summary printed at the end of a build.</summary>
    public string Summary =>
        Succeeded
            ? $"Built {Documents} documents into {Pages} pages ({Files} files) in {Elapsed.TotalSeconds:0.00} s."
                + (Rendered is { } rendered && rendered < Pages ? $" {rendered} page(s) rendered, the others kept from the build cache." : "")
            : $"Build failed: {Diagnostics.Count(d => d.Severity == Severity.Error)} error(s), {Diagnostics.Count(d => d.Severity == Severity.Warning)} warning(s); the site was not changed.";
}
