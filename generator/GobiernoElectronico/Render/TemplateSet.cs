using System.Collections.Concurrent;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GobiernoElectronico.Render;

/// <summary>
/// The Scriban templates of <c>templates/</c>, parsed once. Pages are rendered into <c>layout.html</c>;
/// <c>{{ partial 'name' value }}</c> renders <c>partials/name.html</c> with <c>it</c> bound to the value.
/// </summary>
public sealed class TemplateSet : ITemplateLoader
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, Template?> _cache = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;

    /// <summary>The functions templates may call (<c>partial</c>), made once: importing a delegate is reflection.</summary>
    private readonly ScriptObject _functions = new();

    public TemplateSet(string templatesRoot, DiagnosticBag diagnostics)
    {
        _functions.SetValue("partial", new PartialFunction(this), true);
        _root = Path.GetFullPath(templatesRoot);
        _diagnostics = diagnostics;
    }

    /// <summary>The folder the templates come from.</summary>
    public string Root => _root;

    /// <summary>Parses a template (once), reporting syntax errors with their positions. Null if it does not parse.</summary>
    public Template? Get(string name) => _cache.GetOrAdd(name, Parse);

    private Template? Parse(string name)
    {
        var file = Path.Combine(_root, name);
        var display = ContentLoader.DisplayPath(file);
        if (!File.Exists(file))
        {
            _diagnostics.Error(display, SourcePosition.FileStart, ErrorCodes.TemplateError, "template not found");
            return null;
        }
        var template = Template.Parse(File.ReadAllText(file), file);
        if (!template.HasErrors) return template;
        foreach (var m in template.Messages)
            _diagnostics.Error(display, new SourcePosition(m.Span.Start.Line + 1, m.Span.Start.Column + 1), ErrorCodes.TemplateError, m.Message);
        return null;
    }

    /// <summary>
    /// Renders <paramref name="page"/> with <paramref name="model"/> as its globals, then the layout around it.
    /// Returns null (and reports) on a template error.
    /// </summary>
    public string? RenderPage(string page, ScriptObject model) => RenderPage(page, model, out _);

    /// <summary>As <see cref="RenderPage(string, ScriptObject)"/>, also saying which partials the page used.</summary>
    public string? RenderPage(string page, ScriptObject model, out IReadOnlyList<string> partials) =>
        RenderPage(page, model, out partials, static (template, context) => template.Render(context));

    /// <summary>
    /// As <see cref="RenderPage(string, ScriptObject, out IReadOnlyList{string})"/>, the page as UTF-8 (what the site
    /// writes): encoded from the text Scriban wrote, without first making it a string as long as the page (a sixth of
    /// what rendering allocated). The same bytes as the string's UTF-8.
    /// </summary>
    public byte[]? RenderPageUtf8(string page, ScriptObject model, out IReadOnlyList<string> partials) =>
        RenderPage(page, model, out partials, static (template, context) =>
        {
            // Template.Render, but the text is taken from the output's builder as it stands.
            if (template.SourceFilePath is not null) context.PushSourceFile(template.SourceFilePath);
            try
            {
                var result = template.Page is null ? null : context.Evaluate(template.Page);
                if (context.EnableOutput && result is not null) context.Write(template.Page!.Span, result);
            }
            finally
            {
                if (template.SourceFilePath is not null) context.PopSourceFile();
            }
            var builder = ((StringBuilderOutput)context.Output).Builder;
            var bytes = Utf8(builder);
            builder.Length = 0; // as Template.Render leaves it: the next page writes into the same memory
            return bytes;
        });

    /// <summary>The UTF-8 of a builder's text; from its one chunk (a builder emptied after a page keeps one chunk as large
    /// as that page), else through a string, so that a character split between chunks is encoded whole.</summary>
    private static byte[] Utf8(System.Text.StringBuilder builder)
    {
        var chunks = builder.GetChunks();
        ReadOnlyMemory<char> only = default;
        var count = 0;
        foreach (var chunk in chunks)
        {
            if (++count > 1) return System.Text.Encoding.UTF8.GetBytes(builder.ToString());
            only = chunk;
        }
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(only.Span)];
        System.Text.Encoding.UTF8.GetBytes(only.Span, bytes);
        return bytes;
    }

    private T? RenderPage<T>(string page, ScriptObject model, out IReadOnlyList<string> partials, Func<Template, TemplateContext, T> layout)
        where T : class
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        t_partialsUsed = used;
        try
        {
            T? html = null;
            if (Get(page) is { } body)
            {
                model.SetValue("content", new PageBody(body), true);
                html = Render("layout.html", model, layout);
            }
            partials = used.ToList();
            return html;
        }
        finally
        {
            t_partialsUsed = null;
        }
    }

    /// <summary>
    /// The page's own template, as the layout's <c>content</c>: rendered where the layout writes <c>{{ content }}</c>,
    /// straight into the layout's output, with the page's model and the layout's context. Rendered first into a string
    /// of its own and then copied into the layout, the page body was a fifth of what rendering allocated.
    /// </summary>
    private sealed class PageBody(Template template) : WritingFunction([])
    {
        protected override void Write(TemplateContext context, ScriptArray arguments) => WriteInPlace(template, context);
    }

    /// <summary>
    /// A template function that writes HTML: called as a statement of its own (<c>{{ f a }}</c>) it writes straight into
    /// the output of the template that calls it; used as a value (assigned, piped, passed on, compared) it is that HTML,
    /// written into a builder of its own. Made as a function object rather than imported from a delegate: importing is
    /// reflection.
    /// </summary>
    private abstract class WritingFunction(ScriptParameterInfo[] parameters) : IScriptCustomFunction
    {
        /// <summary>Writes into the context's current output.</summary>
        protected abstract void Write(TemplateContext context, ScriptArray arguments);

        /// <summary>The HTML as a value, when the function is not a statement of its own: written into a builder of its own,
        /// one per depth of values within values, kept with the context (emptied once its text is taken).</summary>
        private static RawHtml Value(WritingFunction function, TemplateContext context, ScriptArray arguments)
        {
            var own = context as HtmlEncodingTemplateContext;
            var output = own?.PartialOutput() ?? new StringBuilderOutput();
            context.PushOutput(output);
            try
            {
                function.Write(context, arguments);
                return new RawHtml(output.Builder.ToString());
            }
            finally
            {
                output.Builder.Length = 0;
                context.PopOutput();
                own?.PartialEnded();
            }
        }

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            if (callerContext?.Parent is not ScriptExpressionStatement) return Value(this, context, arguments);
            Write(context, arguments);
            return null;
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

        public int RequiredParameterCount => parameters.Length;

        public int ParameterCount => parameters.Length;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(RawHtml);

        public ScriptParameterInfo GetParameterInfo(int index) => parameters[index];
    }

    /// <summary>The partials used by the page being rendered on this thread (rendering is synchronous).</summary>
    [ThreadStatic]
    private static SortedSet<string>? t_partialsUsed;

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The SHA-256 of a template file (relative name), for page fingerprints; read once per template set.</summary>
    public string Hash(string name) => _hashes.GetOrAdd(name, n =>
    {
        var file = Path.Combine(_root, n);
        return File.Exists(file) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))) : "missing";
    });

    private T? Render<T>(string name, ScriptObject model, Func<Template, TemplateContext, T> render) where T : class
    {
        var template = Get(name);
        if (template is null) return null;
        var context = Rent();
        context.PushGlobal(_functions);
        context.PushGlobal(model);
        try
        {
            var html = render(template, context);
            context.PopGlobal();
            context.PopGlobal();
            Return(context);
            return html;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            var file = e.Span.FileName is { Length: > 0 } f ? f : Path.Combine(_root, name);
            _diagnostics.Error(ContentLoader.DisplayPath(file), new SourcePosition(e.Span.Start.Line + 1, e.Span.Start.Column + 1),
                ErrorCodes.TemplateError, e.OriginalMessage);
            return null;
        }
    }

    /// <summary>
    /// This thread's context for this template set, ready for a template: a page is rendered in two (its template, then
    /// the layout around it), and making one allocates Scriban's stacks and argument arrays (about 20 KB each time:
    /// a ninth of everything the render stage allocated). A context is given back only when the template it rendered
    /// ended without error, its stacks as they were; one that failed is dropped. The output keeps its builder, which
    /// Scriban empties after each template, so the next page writes into the memory the last one grew.
    /// </summary>
    private HtmlEncodingTemplateContext Rent()
    {
        if (t_context is { } kept && kept.Owner == this)
        {
            t_context = null;
            return kept.Context;
        }
        return new HtmlEncodingTemplateContext(this);
    }

    private void Return(HtmlEncodingTemplateContext context) => t_context = (this, context);

    [ThreadStatic]
    private static (TemplateSet Owner, HtmlEncodingTemplateContext Context)? t_context;

    /// <summary>Renders <paramref name="template"/> into the context's current output, as <c>Template.Render</c> does before
    /// it takes the output's text as a string.</summary>
    private static void WriteInPlace(Template template, TemplateContext context)
    {
        if (template.SourceFilePath is not null) context.PushSourceFile(template.SourceFilePath);
        try
        {
            var result = template.Page is null ? null : context.Evaluate(template.Page);
            if (context.EnableOutput && result is not null) context.Write(template.Page!.Span, result);
        }
        finally
        {
            if (template.SourceFilePath is not null) context.PopSourceFile();
        }
    }

    /// <summary><c>{{ partial 'name' value }}</c>, with <c>it</c> bound to the value: standing alone, the partial is written
    /// where it stands; used as a value, it is its HTML.</summary>
    private sealed class PartialFunction(TemplateSet owner)
        : WritingFunction([new ScriptParameterInfo(typeof(string), "name"), new ScriptParameterInfo(typeof(object), "value")])
    {
        protected override void Write(TemplateContext context, ScriptArray arguments)
        {
            var template = owner.PartialTemplate(context, Name(context, arguments));
            context.PushGlobal(new ScriptObject { ["it"] = arguments[1] });
            try
            {
                WriteInPlace(template, context);
            }
            finally
            {
                context.PopGlobal();
            }
        }

        private static string Name(TemplateContext context, ScriptArray arguments) => context.ObjectToString(arguments[0]) ?? "";
    }

    /// <summary>The partial of that name, noted as used by the page being rendered; a template error when it cannot be loaded.</summary>
    private Template PartialTemplate(TemplateContext context, string name)
    {
        var path = _partialPaths.GetOrAdd(name, n => Path.Combine("partials", n + ".html"));
        t_partialsUsed?.Add(path);
        return Get(path) ?? throw new Scriban.Syntax.ScriptRuntimeException(context.CurrentSpan, $"partial '{name}' could not be loaded");
    }

    /// <summary>A partial's name → its path among the templates, made once (pages call partials hundreds of thousands of times).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _partialPaths = new(StringComparer.Ordinal);

    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        Path.Combine(_root, "partials", templateName);

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(File.ReadAllText(templatePath));
}
