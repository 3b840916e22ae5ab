using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace GobiernoElectronico.Render;

/// <summary>
/// A Scriban context that HTML-encodes every value a template writes, unless it is <see cref="RawHtml"/>.
/// Templates therefore cannot forget to escape a front-matter value: escaping is the default, and raw
/// output needs a value the generator produced itself. Literal template text is written as is.
/// </summary>
public sealed class HtmlEncodingTemplateContext : TemplateContext
{
    /// <summary>
    /// Scriban's built-in functions, made once: a context made without them builds its own set by reflection
    /// (hundreds of delegates), which at one context per page was a large part of rendering. They are read only.
    /// </summary>
    private static readonly ScriptObject Builtins = GetDefaultBuiltinObject();

    public HtmlEncodingTemplateContext(ITemplateLoader loader) : base(Builtins)
    {
        TemplateLoader = loader;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = 0;
        // Scriban truncates any string over 1 MiB characters by default (with "..."): a long list cut in the
        // middle of a tag. Pages are bounded by the generator (lists are paged), not by a silent cut.
        LimitToString = 0;
        RecursiveLimit = 50;
    }

    /// <summary>
    /// How templates read each .NET type, made once per type for all contexts: Scriban keeps its accessors per
    /// context, and building one reflects over the type's members and attributes, which at one context per page
    /// was reflection for every page. The accessors are read only once made; the context's member filter and
    /// renamer, which they depend on, are Scriban's defaults here and never changed.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IObjectAccessor?> Accessors = new();

    protected override IObjectAccessor GetMemberAccessorImpl(object target) =>
        Accessors.GetOrAdd(target.GetType(), static (_, state) => state.Context.BaseAccessor(state.Target), (Context: this, Target: target))!; // Scriban reads a null as "no accessor"

    private IObjectAccessor? BaseAccessor(object target) => base.GetMemberAccessorImpl(target);

    /// <summary>The outputs partials write into, one per depth of partials within partials: kept with the context, whose
    /// pages are rendered one after another on one thread (<see cref="TemplateSet"/>), so that each keeps the memory it grew.</summary>
    private readonly List<StringBuilderOutput> _partialOutputs = [];

    private int _partialDepth;

    /// <summary>The output for a partial that starts now, or any template function's HTML taken as a value (emptied once
    /// its text is taken).</summary>
    internal StringBuilderOutput PartialOutput()
    {
        if (_partialOutputs.Count == _partialDepth) _partialOutputs.Add(new StringBuilderOutput());
        return _partialOutputs[_partialDepth++];
    }

    /// <summary>Called when the partial that took the last <see cref="PartialOutput"/> ended, rendered or failed.</summary>
    internal void PartialEnded() => _partialDepth--;

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        RawHtml raw => base.Write(span, raw.Html),
        _ => base.Write(span, Html.Encode(ObjectToString(textAsObject))),
    };

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));
}
