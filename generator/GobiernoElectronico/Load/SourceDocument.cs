using GobiernoElectronico.Model;

namespace GobiernoElectronico.Load;

/// <summary>The content types, each with the folder of <c>content/</c> its files live in.</summary>
public enum ContentKind { Site, Country, Practice, Activity, Organisation, Directory, Telecentre, Workshop }

/// <summary>A content file as read from disk: parsed front matter with positions, and the raw Markdown body.</summary>
/// <param name="Kind">What the file is, from the folder it is in.</param>
/// <param name="Path">The path used in diagnostics (relative to the working directory when inside it).</param>
/// <param name="Key">The file name without extension (country code, practice slug).</param>
/// <param name="FrontMatter">The parsed YAML; null when it was malformed (already reported).</param>
/// <param name="Body">The Markdown body (empty for YAML files), as UTF-8: the model made of the document holds this same
/// body, so that a builder that keeps its documents (<c>ge serve</c>) holds each body once.</param>
/// <param name="BodyFirstLine">The file line the body starts on.</param>
/// <param name="Head">The file up to its body (the front matter with its fences; the whole file for a YAML file), for
/// diagnostics that need the exact column of text inside a YAML block and for the key of a build's structure (by its
/// <see cref="MarkdownText.Key"/>). Not the whole file: the body is <paramref name="Body"/> (<c>ge serve</c> keeps every
/// document, and a copy of each body was 150 MB at 20,107 documents). Kept as UTF-8 like the body, and like it read only
/// when asked for in a document the build cache knows unchanged (<see cref="DocumentStamps"/>).</param>
/// <param name="ContentPath">The path relative to content/ (<c>practices/x.md</c>), to resolve links.</param>
public sealed record SourceDocument(ContentKind Kind, string Path, string Key, YamlMapping? FrontMatter, MarkdownText Body, int BodyFirstLine,
    MarkdownText? Head = null, string ContentPath = "")
{
    /// <summary>The file up to its body (empty when not given).</summary>
    public MarkdownText Head { get; init; } = Head ?? MarkdownText.Empty;

    /// <summary>Whether a line of the body may be a placeholder <c>ge new</c> writes (<see cref="Schema.Placeholders.MayHoldBodyLine"/>):
    /// worked out from the body when asked, or known from the build cache for a body not read.</summary>
    public bool BodyMayHoldPlaceholder => KnownPlaceholders ?? Schema.Placeholders.MayHoldBodyLine(Body.Utf8);

    /// <summary>Reads the body's bytes again from the file, for a body held as read (with the build cache: the record of the
    /// document says where it is, <c>DocumentStamps</c>); null when not known (<see cref="MarkdownText.LetGo"/>).</summary>
    public Func<byte[]>? ReadBodyAgain { get; init; }

    /// <summary>What <see cref="BodyMayHoldPlaceholder"/> says, when known without reading the body.</summary>
    private bool? KnownPlaceholders { get; init; }

    /// <summary>The same document, with what <see cref="BodyMayHoldPlaceholder"/> says known without reading its body.</summary>
    public SourceDocument KnowingPlaceholders(bool mayHold) => this with { KnownPlaceholders = mayHold };
}
