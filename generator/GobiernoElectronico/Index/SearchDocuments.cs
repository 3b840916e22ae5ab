using GobiernoElectronico.Hashing;
using GobiernoElectronico.Model;
using GobiernoElectronico.Site;
using Markdig;

namespace GobiernoElectronico.Index;

/// <summary>Turns the published content into search documents, in a fixed order (countries, then practices, by slug).</summary>
public static class SearchDocuments
{
    /// <param name="only">The content paths of the documents wanted (a quick build's edited documents); null for all.</param>
    /// <param name="bodiesOnRead">Each body made when it is first read (<see cref="SearchDocument.WithBodyMadeOnRead"/>)
    /// rather than now: <c>ge build</c> with its cache, which reads few of them.</param>
    /// <param name="cancel">Checked between documents (the plain text of 20,000 bodies takes seconds).</param>
    public static IReadOnlyList<SearchDocument> From(ContentSet content, IReadOnlySet<string>? only = null, bool bodiesOnRead = false,
        CancellationToken cancel = default)
    {
        var language = content.Site.DefaultLanguage;
        // The documents of an edit are looked up, not picked out of every document (tens of milliseconds at 20,000).
        var documents = (only is null ? content.Documents() : only.Order(StringComparer.Ordinal).Select(content.DocumentAt).OfType<IDocument>()).ToList();
        // On both cores, each into its place: the plain text of a body is a Markdown parse (at 20,000 documents, a second
        // and a half on one core).
        var made = new SearchDocument[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancel }, i => made[i] = Of(documents[i], language, bodiesOnRead));
        return made;
    }

    /// <summary>One published document as the index sees it (<paramref name="language"/>: the site's default, in which a
    /// country is named), its body made now or, with <paramref name="bodyOnRead"/>, when first read.</summary>
    public static SearchDocument Of(IDocument document, string language, bool bodyOnRead = false)
    {
        var (entry, body) = Entry(document, language);
        return bodyOnRead ? entry.WithBodyMadeOnRead(body.Make, body.Key()) : entry with { Body = body.Make() };
    }

    /// <summary>How a body is made, and what from: <see cref="Inputs"/> are everything <see cref="Make"/> reads (strings,
    /// Markdown, and the counts of lists, so that two lists cannot pass for one), after the document's type.</summary>
    private sealed record BodyRecipe(string Type, object[] Inputs, Func<string> Make)
    {
        /// <summary>A key of the type and inputs, a Markdown text by its own key (<see cref="MarkdownText.Key"/>: worked out once
        /// per build for every use of the text): equal keys, equal bodies (for one generator: the caches that keep it are
        /// keyed by the generator too).</summary>
        public Hash128 Key()
        {
            var text = new Hashing.KeyText().Add(Type);
            foreach (var input in Inputs)
                _ = input switch
                {
                    string s => text.Add(s),
                    MarkdownText m => text.Add(m.Key),
                    int count => text.Count(count),
                    _ => throw new ArgumentException($"not an input of a body: {input.GetType().Name}"),
                };
            return Hashing.ContentHash.Key(text.ToString());
        }
    }

    /// <summary>A document's entry with an empty body, and the recipe of its body.</summary>
    private static (SearchDocument Entry, BodyRecipe Body) Entry(IDocument document, string language) => document switch
    {
        CountryAssessment c => (new SearchDocument(
            $"country/{c.Slug}", "country", SitePaths.Country(c.Slug), c.Name(language),
            string.Join(" ", c.Names.Values.Distinct(StringComparer.Ordinal)), c.Summary, "", c.Language,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["country"],
                ["country"] = [c.Code],
                ["pillar"] = Schema.Vocabulary.Pillars,
                ["language"] = [c.Language],
            }),
            new BodyRecipe("country", [c.Body, c.Pillars.Count, .. c.Pillars.Select(p => p.Narrative)],
                () => string.Join("\n\n", new[] { PlainText(c.Body.Text) }.Concat(c.Pillars.Select(p => PlainText(p.Narrative))).Where(t => t.Length > 0)))),
        Practice p => (new SearchDocument(
            $"practice/{p.Slug}", "practice", SitePaths.Practice(p.Slug), p.Title, p.Title, p.Summary, "", p.Language,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["practice"],
                ["country"] = [p.Country],
                ["pillar"] = p.Pillars,
                ["relation"] = p.Relations,
                ["level"] = [p.GovernmentLevel],
                ["sector"] = p.Sectors,
                ["status"] = [p.Status],
                ["year"] = [p.YearStarted.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["language"] = [p.Language],
            })
        { SummaryTranslations = p.SummaryTranslations, Translations = p.Translations ?? [] },
            new BodyRecipe("practice", [p.Body, p.ReplicationConditions.Count, .. p.ReplicationConditions],
                () => PlainText(p.Body.Text) + (p.ReplicationConditions.Count > 0 ? "\n\n" + string.Join("\n", p.ReplicationConditions) : ""))),
        Activity a => (new SearchDocument(
            $"activity/{a.Slug}", "activity", SitePaths.Activity(a.Slug), a.Title, a.Title, a.Summary, "", a.Language,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["activity"],
                ["country"] = a.Countries,
                ["status"] = [a.Status],
                ["year"] = [a.Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["language"] = [a.Language],
            }),
            new BodyRecipe("activity", [a.Scope, a.Infrastructure, a.Financing, a.Responsible, a.Body],
                () => string.Join("\n", new[] { a.Scope, a.Infrastructure, a.Financing, a.Responsible, PlainText(a.Body.Text) }.Where(t => t.Length > 0)))),
        Organisation o => (new SearchDocument($"organisation/{o.Slug}", "organisation", SitePaths.Organisation(o.Slug), o.Name,
            string.Join(" ", new[] { o.Name, o.Acronym }.OfType<string>()), o.Summary, "", o.Language,
            new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["organisation"], ["country"] = o.Countries, ["language"] = [o.Language] }),
            new BodyRecipe("organisation", [o.Body], () => PlainText(o.Body.Text))),
        // Directory entries are indexed from the model, which never holds their private contact details.
        DirectoryEntry d => (new SearchDocument($"directory/{d.Slug}", "directory", SitePaths.DirectoryEntry(d.Slug), d.Name,
            string.Join(" ", new[] { d.Name, d.Position }.OfType<string>()), d.Summary, "", d.Language,
            new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["directory"], ["country"] = [d.Country], ["sector"] = [d.Sector], ["language"] = [d.Language] }),
            new BodyRecipe("directory", [d.Body], () => PlainText(d.Body.Text))),
        Telecentre t => (new SearchDocument($"telecentre/{t.Slug}", "telecentre", SitePaths.Telecentre(t.Slug), t.Name,
            string.Join(" ", new[] { t.Name, t.Place }.OfType<string>()), t.Summary, "", t.Language,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["telecentre"], ["country"] = [t.Country], ["language"] = [t.Language],
                ["year"] = [t.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            }),
            new BodyRecipe("telecentre", [t.Services.Count, .. t.Services, t.Body], () => string.Join("\n", t.Services.Append(PlainText(t.Body.Text))))),
        Workshop w => (new SearchDocument($"workshop/{w.Slug}", "workshop", SitePaths.Workshop(w.Slug), w.Title, w.Title, w.Summary, "", w.Language,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["workshop"], ["country"] = [w.Country], ["language"] = [w.Language],
                ["year"] = [w.Date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            }),
            new BodyRecipe("workshop", [w.Outcomes.Count, .. w.Outcomes, w.Place, w.Body],
                () => string.Join("\n", w.Outcomes.Append(w.Place).Append(PlainText(w.Body.Text))))),
        _ => throw new ArgumentException($"not indexed: {document.GetType().Name}", nameof(document)),
    };

    private static readonly MarkdownPipeline PlainPipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>Markdown as plain text: no markup, no raw HTML, whitespace collapsed per paragraph.</summary>
    public static string PlainText(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        return Paragraphs(Markdown.ToPlainText(markdown, PlainPipeline));
    }

    /// <summary>
    /// Plain text as the index keeps it: paragraphs (split at each blank line, <c>\n\n</c>, left to right) with their
    /// words (split at spaces, tabs and line ends) joined by one space, the paragraphs that have words joined by one line
    /// end. Written in one pass: splitting and joining made five strings of every text (at 20,000 documents, most of the
    /// 1.5 GB the search documents allocated).
    /// </summary>
    internal static string Paragraphs(string text)
    {
        var made = new System.Text.StringBuilder(text.Length);
        var paragraphs = 0;
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            var words = 0;
            for (var i = start; i < end;)
            {
                while (i < end && text[i] is ' ' or '\n' or '\r' or '\t') i++;
                var word = i;
                while (i < end && text[i] is not (' ' or '\n' or '\r' or '\t')) i++;
                if (i == word) continue;
                if (words++ > 0) made.Append(' ');
                else if (paragraphs++ > 0) made.Append('\n');
                made.Append(text, word, i - word);
            }
            start = end + 2;
        }
        return made.ToString();
    }
}
