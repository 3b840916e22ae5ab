using GobiernoElectronico.Markup;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GobiernoElectronico.Validate;

/// <summary>A link or image of a Markdown text, where its syntax tree puts it: <paramref name="Line"/> counted from the
/// text's first line (0), <paramref name="Column"/> as Markdig gives it; <paramref name="Url"/> empty when it has none.</summary>
public readonly record struct MarkdownLink(int Line, int Column, string Url, bool IsImage)
{
    /// <summary>The links and images of a text, in the order of its syntax tree.</summary>
    public static MarkdownLink[] Of(string markdown) =>
        markdown.IndexOf('[', StringComparison.Ordinal) < 0 ? [] : In(Markdown.Parse(markdown, MarkdownDialect.Pipeline));

    /// <summary>The links and images of a syntax tree already parsed.</summary>
    public static MarkdownLink[] In(MarkdownDocument document) =>
        [.. document.Descendants<LinkInline>().Select(link => new MarkdownLink(link.Line, link.Column, link.Url ?? "", link.IsImage))];
}
