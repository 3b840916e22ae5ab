using System.CommandLine;
using System.Text.RegularExpressions;
using GobiernoElectronico.Index;
using GobiernoElectronico.Search;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge search</c>: queries the prebuilt Lucene index of a built site.</summary>
internal static partial class SearchCommand
{
    /// <summary>Exit code for an invalid query.</summary>
    public const int InvalidQuery = 2;

    /// <summary>Exit code when there is no index to search.</summary>
    public const int NoIndex = 3;

    public static Command Create()
    {
        var query = new Argument<string[]>("query") { Description = "free text or Lucene query syntax (fields, \"phrases\", AND/OR/NOT, fuzzy~, wildcards*)", Arity = ArgumentArity.ZeroOrMore };
        var site = new Option<string>("--site") { Description = "the built site whose index to search", DefaultValueFactory = _ => "site" };
        var limit = new Option<int>("--limit", "-n") { Description = "number of results to show", DefaultValueFactory = _ => 10 };
        var offset = new Option<int>("--offset") { Description = "results to skip (paging)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print the results as JSON" };
        var facetOptions = SearchFields.Facets.ToDictionary(f => f, f => new Option<string[]>("--" + f)
        {
            Description = $"only results with this {f} (repeat for several; OR within a facet, AND across)",
            AllowMultipleArgumentsPerToken = false,
        });
        var command = new Command("search", "Search the built site's Lucene index. Exit 0 with or without hits, 2 for an invalid query, 3 when there is no index.")
        {
            query, site, limit, offset, json,
        };
        foreach (var o in facetOptions.Values) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var text = string.Join(' ', parse.GetValue(query) ?? []);
            var filters = facetOptions.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)(parse.GetValue(f.Value) ?? []));
            SearchEngine engine;
            try
            {
                engine = SearchEngine.Open(parse.GetValue(site)!);
            }
            catch (DirectoryNotFoundException e)
            {
                Console.Error.WriteLine($"ge search: {e.Message}");
                return NoIndex;
            }
            using (engine)
            {
                SearchResponse response;
                try
                {
                    response = engine.Search(new SearchRequest(text, filters, Math.Max(0, parse.GetValue(limit)), Math.Max(0, parse.GetValue(offset))));
                }
                catch (InvalidQueryException e)
                {
                    Console.Error.WriteLine($"ge search: invalid query: {e.Message}");
                    return InvalidQuery;
                }
                if (parse.GetValue(json)) Console.WriteLine(SearchJson.Serialize(response));
                else PrintText(response);
                return 0;
            }
        });
        return command;
    }

    private static void PrintText(SearchResponse r)
    {
        Console.WriteLine(r.Total switch { 0 => "No results.", 1 => "1 result.", _ => $"{r.Total} results." });
        if (r.Suggestion is { } suggestion) Console.WriteLine($"Did you mean: {suggestion}?");
        foreach (var hit in r.Hits)
        {
            var country = hit.Facets.TryGetValue("country", out var c) && c.Count > 0 ? " · " + c[0] : "";
            Console.WriteLine();
            Console.WriteLine($"{hit.Rank,3}. {hit.Title}  [{hit.Type}{country} · {hit.Score:0.000}]");
            Console.WriteLine($"     {hit.Url}");
            Console.WriteLine($"     {PlainSnippet(hit.Snippet)}");
        }
        var facets = r.Facets.Where(f => f.Value.Count > 0).ToList();
        if (r.Total > 0 && facets.Count > 0)
        {
            Console.WriteLine();
            foreach (var (facet, counts) in facets)
                Console.WriteLine($"{facet}: " + string.Join(", ", counts.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} ({x.Value})")));
        }
    }

    [GeneratedRegex("<mark>(.*?)</mark>")]
    private static partial Regex Mark();

    /// <summary>The snippet for a terminal: marked words in *stars*, entities decoded.</summary>
    private static string PlainSnippet(string html) =>
        System.Net.WebUtility.HtmlDecode(Mark().Replace(html, "*$1*")).Replace('\n', ' ');
}
