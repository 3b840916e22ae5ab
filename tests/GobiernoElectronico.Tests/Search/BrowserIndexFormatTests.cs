using System.Text.Json;
using System.Text.RegularExpressions;
using GobiernoElectronico.Index;
using GobiernoElectronico.Tests.Support;
using Jint;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The browser index format is written down and versioned, and search.js's engine is given its data.</summary>
public partial class BrowserIndexFormatTests
{
    [GeneratedRegex(@"var FORMAT = (\d+);")]
    private static partial Regex Format();

    private static Engine Load(string site, bool ownStore)
    {
        var js = new Engine(o => o.TimeoutInterval(TimeSpan.FromSeconds(30)));
        js.Execute(File.ReadAllText(Path.Combine(site, "assets", "search.js")));
        // With ownStore, the data files fill an object of the test's, not search.js's module: the engine gets it as an argument.
        if (ownStore) js.Execute("var store = {}; GESearch.add = function (name, data) { store[name] = data; };");
        foreach (var file in Directory.GetFiles(Path.Combine(site, "search", "data"), "*.js").Order(StringComparer.Ordinal))
            js.Execute(File.ReadAllText(file));
        return js;
    }

    [Test]
    public void The_page_reads_the_format_the_build_writes_and_the_document_describes()
    {
        var script = File.ReadAllText(Path.Combine(Repo.Templates, "assets", "search.js"));
        Assert.That(int.Parse(Format().Match(script).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(BrowserIndexExport.FormatVersion));
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "search-index-format.md"));
        Assert.That(doc, Does.StartWith($"# The browser's search index, format {BrowserIndexExport.FormatVersion}"));
        var meta = File.ReadAllText(Path.Combine(SearchSite.Root, "search", "data", "meta.js"));
        using var json = JsonDocument.Parse(meta[(meta.IndexOf(',', StringComparison.Ordinal) + 1)..meta.LastIndexOf(')')]);
        Assert.That(json.RootElement.GetProperty("version").GetInt32(), Is.EqualTo(BrowserIndexExport.FormatVersion));
        foreach (var key in json.RootElement.EnumerateObject().Select(p => p.Name))
            Assert.That(doc, Does.Contain($"`{key}`"), $"meta.{key} is described");
    }

    [Test]
    public void The_engine_searches_the_data_it_is_given()
    {
        using var own = Load(SearchSite.Root, ownStore: true);
        using var module = Load(SearchSite.Root, ownStore: false);
        const string Run = "JSON.stringify(new GESearch.Engine({0}.meta, {0}).searchLoaded('telecentros rurales', {{}}).hits.slice(0, 10))";
        var given = own.Evaluate(string.Format(System.Globalization.CultureInfo.InvariantCulture, Run, "store")).AsString();
        var loaded = module.Evaluate(string.Format(System.Globalization.CultureInfo.InvariantCulture, Run, "GESearch.shards")).AsString();
        Assert.That(JsonDocument.Parse(given).RootElement.GetArrayLength(), Is.GreaterThan(0));
        Assert.That(given, Is.EqualTo(loaded));
        Assert.That(own.Evaluate("Object.keys(GESearch.shards).length").AsNumber(), Is.Zero, "search.js's own store stayed empty");
    }

    [Test]
    public void An_index_of_another_format_is_refused_with_a_message()
    {
        using var js = Load(SearchSite.Root, ownStore: false);
        var message = js.Evaluate("(function () { var m = JSON.parse(JSON.stringify(GESearch.shards.meta)); m.version = 99; try { new GESearch.Engine(m); return 'accepted'; } catch (e) { return e.message; } })()").AsString();
        Assert.That(message, Does.Contain("format 99").And.Contain($"format {BrowserIndexExport.FormatVersion}").And.Contain("build the site again"));
    }
}
