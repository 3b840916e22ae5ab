using System.Text.Json;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Search;

/// <summary>`ge search` as people and scripts use it.</summary>
public class SearchCliTests
{
    [Category("Process")]
    [Test]
    public void Fielded_query_in_text_output()
    {
        var r = GeProcess.Run(Repo.Root, "search", "--site", SearchSite.Root, "title:biblioteca");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        Assert.That(r.Out, Does.StartWith("1 result.").And.Contain("Un telecentro rural en la biblioteca").And.Contain("practices/telecentro-rural/index.html"));
    }

    [Category("Process")]
    [Test]
    public void Facet_filter_option()
    {
        var r = GeProcess.Run(Repo.Root, "search", "--site", SearchSite.Root, "--json", "--country", "JM", "telecentres");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.That(hits, Is.Not.Empty);
        Assert.That(hits.All(h => h.GetProperty("facets").GetProperty("country")[0].GetString() == "JM"));
    }

    [Category("Process")]
    [Test]
    public void Json_shape()
    {
        var r = GeProcess.Run(Repo.Root, "search", "--site", SearchSite.Root, "--json", "--limit", "2", "telecentros");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("query").GetString(), Is.EqualTo("telecentros"));
        Assert.That(root.GetProperty("total").GetInt32(), Is.GreaterThan(2));
        Assert.That(root.GetProperty("parsedQuery").GetString(), Does.Contain("body_es:telecentr"));
        var hits = root.GetProperty("hits").EnumerateArray().ToList();
        Assert.That(hits, Has.Count.EqualTo(2));
        foreach (var name in new[] { "rank", "docId", "id", "type", "title", "url", "language", "score", "snippet", "facets" })
            Assert.That(hits[0].TryGetProperty(name, out _), name);
        Assert.That(hits[0].GetProperty("rank").GetInt32(), Is.EqualTo(1));
        Assert.That(hits[0].GetProperty("score").GetDouble(), Is.GreaterThanOrEqualTo(hits[1].GetProperty("score").GetDouble()));
        Assert.That(root.GetProperty("facets").GetProperty("country").EnumerateObject().Select(p => p.Name), Does.Contain("BR"));
    }

    [Category("Process")]
    [Test]
    public void No_hits_is_not_an_error()
    {
        var r = GeProcess.Run(Repo.Root, "search", "--site", SearchSite.Root, "xylophone");
        Assert.That(r.ExitCode, Is.Zero, r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo("No results."));
    }

    [Category("Process")]
    [Test]
    public void Invalid_query_is_a_clear_error_with_exit_code_2()
    {
        var r = GeProcess.Run(Repo.Root, "search", "--site", SearchSite.Root, "\"telecentro");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.StartWith("ge search: invalid query: "));
        Assert.That(r.Err + r.Out, Does.Not.Contain("   at "));
    }

    [Category("Process")]
    [Test]
    public void Missing_index_is_a_clear_error_with_exit_code_3()
    {
        using var dir = new TempDir();
        var r = GeProcess.Run(dir.Path, "search", "anything");
        Assert.That(r.ExitCode, Is.EqualTo(3));
        Assert.That(r.Err, Does.Contain("no search index").And.Contain("ge build"));
    }
}
