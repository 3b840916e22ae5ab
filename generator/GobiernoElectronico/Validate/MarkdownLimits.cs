using GobiernoElectronico.Markup;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GobiernoElectronico.Validate;

/// <summary>
/// Bounds on one piece of Markdown, so that a hostile or broken document is refused with a clear message
/// rather than crashing or stalling the build: Markdig refuses nesting past its depth limit (by throwing),
/// and some unclosed constructs (thousands of <c>[a](</c> or nested tags) make it slower than linear. The
/// counts below are far above what a real case study holds (a 9,000-word evaluation has a few hundred).
/// </summary>
public static class MarkdownLimits
{
    public const int MaxCharacters = 2 * 1024 * 1024;
    public const int MaxBrackets = 10_000;
    public const int MaxTags = 20_000;

    /// <summary>Deepest nesting of blocks and inlines rendered (the renderer recurses once per level).</summary>
    public const int MaxDepth = 64;

    /// <summary>The depth of the syntax tree, walked without recursion.</summary>
    private static int Depth(MarkdownDocument document)
    {
        var deepest = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > deepest) deepest = depth;
            if (deepest > MaxDepth) return deepest;
            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container) pending.Push((child, depth + 1));
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth + 1));
                    break;
                case ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling) pending.Push((child, depth + 1));
                    break;
            }
        }
        return deepest;
    }

    /// <summary>Why <paramref name="markdown"/> cannot be rendered, or null.</summary>
    public static string? Problem(string markdown) => Check(markdown).Problem;

    /// <summary>Why <paramref name="markdown"/> cannot be rendered (or null), and, when it can, its links and images as the
    /// syntax tree the check parsed gives them (the link check reads them without parsing the text again).</summary>
    public static (string? Problem, MarkdownLink[] Links) Check(string markdown)
    {
        if (markdown.Length > MaxCharacters) return ($"the Markdown is {markdown.Length:N0} characters long; the limit is {MaxCharacters:N0}", []);
        int brackets = 0, tags = 0;
        foreach (var c in markdown)
        {
            if (c == '[') brackets++;
            else if (c == '<') tags++;
        }
        if (brackets > MaxBrackets) return ($"the Markdown opens {brackets:N0} links or brackets ('['); the limit is {MaxBrackets:N0}", []);
        if (tags > MaxTags) return ($"the Markdown holds {tags:N0} '<' characters (HTML tags); the limit is {MaxTags:N0}", []);
        try
        {
            var document = Markdown.Parse(markdown, MarkdownDialect.Pipeline);
            if (Depth(document) > MaxDepth)
                return ($"the Markdown is nested more than {MaxDepth} levels deep (quotes, lists, links or emphasis inside one another); flatten it", []);
            return (null, brackets == 0 ? [] : MarkdownLink.In(document));
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            return ("the Markdown is nested too deeply (quotes, lists or emphasis inside one another, hundreds of levels); flatten it", []);
        }
    }
}
