using System.Text.Json;
using Jint;

namespace GobiernoElectronico.Tests.Support;

/// <summary>
/// The browser's search code (site/assets/search.js) run in-process by Jint over a built site's exported
/// shards: the same code the page runs, without a browser.
/// </summary>
public sealed class JsSearch : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private readonly Engine _js = new(o => o.TimeoutInterval(TimeSpan.FromSeconds(30)));

    public JsSearch(string siteRoot)
    {
        _js.Execute(File.ReadAllText(Path.Combine(siteRoot, "assets", "search.js")));
        foreach (var file in Directory.GetFiles(Path.Combine(siteRoot, "search", "data"), "*.js").Order(StringComparer.Ordinal))
            _js.Execute(File.ReadAllText(file));
        _js.Execute("""
            var engine = new GESearch.Engine(GESearch.shards.meta);
            function run(q, filters) {
              var r = engine.searchLoaded(q, JSON.parse(filters));
              return JSON.stringify({ total: r.total, hits: r.hits.slice(0, 10), counts: r.counts, suggestion: r.suggestion });
            }
            """);
    }

    public sealed record Hit(int Doc, double Score);

    public sealed record Result(int Total, IReadOnlyList<Hit> Hits, Dictionary<string, Dictionary<string, int>> Counts, string? Suggestion = null);

    public Result Search(string query, IReadOnlyDictionary<string, IReadOnlyList<string>>? filters = null)
    {
        var json = _js.Invoke("run", query, JsonSerializer.Serialize(filters ?? new Dictionary<string, IReadOnlyList<string>>())).AsString();
        return JsonSerializer.Deserialize<Result>(json, Options)!;
    }

    public void Dispose() => _js.Dispose();

    /// <summary>Evaluates an expression and returns it as a string.</summary>
    public string Eval(string expression) => _js.Evaluate(expression).ToString();
}
