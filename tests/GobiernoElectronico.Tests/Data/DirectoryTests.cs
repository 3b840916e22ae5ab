using System.IO.Compression;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Search;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Data;

/// <summary>Organisations and the regional directory, and the privacy of the directory's contact details.</summary>
public class DirectoryTests
{
    private const string Canary = "PRIVCANARY93f1";

    private static TempDir ContentWithDirectory()
    {
        var dir = new TempDir();
        dir.CopyFrom(Path.Combine(Repo.Fixture("mini"), "content"), "content");
        dir.Write("content/organisations/idb.md", "---\nname: Inter-American Development Bank\nacronym: IDB\nkind: multilateral-bank\nroles: [financing]\nsupports: [telecentros-municipales]\nsummary: A development bank.\n---\n");
        dir.Write("content/directory/ana.md", $"""
            ---
            name: Ana Quispe
            kind: person
            country: BO
            sector: education
            position: Coordinator of municipal telecentres
            organisation: idb
            initiatives: [telecentros-municipales]
            contact:
              email: ana.{Canary}@example.org
              phone: "+591 {Canary} 555"
              address: Calle {Canary}
              notes: {Canary} prefers calls in the morning
            summary: Leads the municipal telecentre pilot.
            ---
            Public biography.
            """);
        return dir;
    }

    [Category("Process")]
    [Test]
    public void Private_contact_fields_appear_in_no_output_byte()
    {
        using var dir = ContentWithDirectory();
        Assert.That(SiteSnapshot.FilesContaining(dir["content"], Canary), Is.Not.Empty, "the canary is really in the content");
        var build = GeProcess.Run(dir.Path, "build", "--content", "content", "--templates", Repo.Templates, "--output", "site");
        Assert.That(build.ExitCode, Is.Zero, build.Err);
        Assert.That(File.ReadAllText(dir["site/directory/ana/index.html"]), Does.Contain("Ana Quispe"), "the public part is published");
        foreach (var marker in new[] { Canary, Canary.ToLowerInvariant() })
            Assert.That(SiteSnapshot.FilesContaining(dir["site"], marker), Is.Empty, "pages, data files, search shards and the Lucene index");

        var pack = GeProcess.Run(dir.Path, "pack", "--site", "site", "--output-dir", "zip", "--date", "2026-11-24");
        Assert.That(pack.ExitCode, Is.Zero, pack.Err);
        ZipFile.ExtractToDirectory(dir["zip/gobierno-electronico-2026-11-24.zip"], dir["unpacked"]);
        Assert.That(SiteSnapshot.FilesContaining(dir["unpacked"], Canary), Is.Empty, "the offline copy");

        var search = GeProcess.Run(dir.Path, "search", "--site", "site", "--json", Canary.ToLowerInvariant());
        Assert.That(JsonDocument.Parse(search.Out).RootElement.GetProperty("total").GetInt32(), Is.Zero);
    }

    [Test]
    public void The_json_schema_marks_the_contact_as_private()
    {
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Content, ".schemas", "directory.schema.json"))).RootElement;
        Assert.That(schema.GetProperty("properties").GetProperty("contact").GetProperty("x-private").GetBoolean(), Is.True);
    }

    [Test]
    public void References_are_checked_with_positions()
    {
        using var dir = ContentWithDirectory();
        var original = File.ReadAllText(dir["content/directory/ana.md"]);
        List<string> Problems(string text)
        {
            File.WriteAllText(dir["content/directory/ana.md"], text);
            var bag = new DiagnosticBag();
            global::GobiernoElectronico.Pipeline.BuildPipeline.LoadAndValidate(new global::GobiernoElectronico.Pipeline.BuildOptions(dir["content"]), bag);
            return bag.Sorted().Select(d => $"{Path.GetFileName(d.Path)}({d.Position.Line},{d.Position.Column}) {d.Code}: {d.Message}").ToList();
        }
        var references = Problems(original.Replace("organisation: idb", "organisation: idbb").Replace("country: BO", "country: AR").Replace("initiatives: [telecentros-municipales]", "initiatives: [telecentro]"));
        Assert.That(references.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]), Is.EquivalentTo(new[] { "ana.md(4,10) GE0203", "ana.md(7,15) GE0208", "ana.md(8,15) GE0208" }), string.Join('\n', references));
        Assert.That(references.Single(l => l.StartsWith("ana.md(7", StringComparison.Ordinal)), Does.Contain("no organisation 'idbb'").And.Contain("did you mean 'idb'"));
        var contact = Problems(original.Replace("contact:\n  email:", "contact:\n  mail:"));
        Assert.That(contact, Is.EqualTo(new[] { "ana.md(10,3) GE0101: unknown field 'mail' in 'contact'; did you mean 'email'?" }));
    }

    [Test]
    public void Organisations_link_both_ways_carry_json_ld_and_are_searchable()
    {
        var parser = new HtmlParser();
        using var org = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "organisations", "sercop", "index.html")));
        var ld = JsonDocument.Parse(org.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.That(ld.GetProperty("@type").GetString(), Is.EqualTo("GovernmentOrganization"));
        Assert.That(ld.GetProperty("alternateName").GetString(), Is.EqualTo("SERCOP"));
        Assert.That(org.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Does.Contain("../../practices/compras-publicas-ecuador/index.html"));

        using var practice = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "practices", "compras-publicas-ecuador", "index.html")));
        Assert.That(practice.QuerySelectorAll("section[aria-labelledby=supporters] a").Select(a => a.GetAttribute("href")),
            Does.Contain("../../organisations/sercop/index.html").And.Contain("../../directory/sercop-ecuador/index.html"));

        using var ecuador = parser.ParseDocument(File.ReadAllText(Path.Combine(BuiltSite.Root, "countries", "ec", "index.html")));
        Assert.That(ecuador.QuerySelectorAll("section[aria-labelledby=country-directory] a").Length, Is.GreaterThanOrEqualTo(2));

        using var engine = SearchEngine.Open(BuiltSite.Root);
        Assert.That(engine.Search(new SearchRequest("CAF", new Dictionary<string, IReadOnlyList<string>>())).Hits.Select(h => h.Id), Does.Contain("organisation/caf"));
        Assert.That(engine.Search(new SearchRequest("contratación", new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["directory"] })).Hits.Select(h => h.Id),
            Does.Contain("directory/sercop-ecuador"));
    }
}
