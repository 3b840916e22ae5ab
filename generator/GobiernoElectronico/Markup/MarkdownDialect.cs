using Markdig;

namespace GobiernoElectronico.Markup;

/// <summary>The Markdown dialect of the content, one definition for every part that reads Markdown: the pages
/// (render), the checks of links and limits (validate) and the plain text of the search (index).</summary>
public static class MarkdownDialect
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseGridTables().UseFootnotes().UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.Default)
        .UseEmphasisExtras().UseListExtras().UseTaskLists().UseAutoLinks().UseFigures()
        .Build();
}
