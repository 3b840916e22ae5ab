using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Pipeline.Stages;

/// <summary>
/// Stage 2, validate: the documents checked against their schemas and each other (references, links, dates,
/// figures), bound into the typed <see cref="ContentSet"/>. Every problem is reported at once.
/// </summary>
public static class ValidateStage
{
    /// <summary>The content set, or null with the problems in <paramref name="diagnostics"/>.</summary>
    /// <param name="cache">Kept by a builder that lives on: per-document results reused while the document is unchanged.</param>
    /// <param name="checkedBodies">For a one-shot build with the build cache: the bodies the last build found within the
    /// Markdown limits.</param>
    public static ContentSet? Run(LoadedContent loaded, BuildOptions options, DiagnosticBag diagnostics, ValidationCache? cache = null,
        CheckedMarkdown? checkedBodies = null)
    {
        var context = new ValidationContext(loaded.Media, options.Today ?? DateOnly.FromDateTime(DateTime.Today))
        {
            Series = loaded.Series ?? [], CheckedBodies = checkedBodies ?? CheckedMarkdown.Empty(),
        };
        var content = ContentValidator.Validate(loaded.Documents, diagnostics, context, cache);
        if (content is null || loaded.Thesaurus is null) return null;
        content.Thesaurus = loaded.Thesaurus;
        return content;
    }
}
