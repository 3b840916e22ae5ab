using GobiernoElectronico.Model;
using GobiernoElectronico.Render;
using Scriban.Runtime;

namespace GobiernoElectronico.Tests.Render;

/// <summary>A page is kept from the last build when its model's hash is unchanged: every value a template can read
/// must move the hash, and the same model must always give the same one.</summary>
public class ModelHashTests
{
    private static ScriptObject Model(string title = "Ventanilla única", int year = 2004, string body = "key-1", string card = "Tarjeta",
        (string, int) pair = default, object? extra = null)
    {
        var model = new ScriptObject
        {
            ["page"] = new { Title = title, Year = year, Local = true, Score = 0.5 },
            ["practice"] = new { Body = RawHtml.Later(body, () => "<p>x</p>"), Summary = new MarkdownText("*resumen*") },
            ["cards"] = new List<object> { new { Title = card, Url = "../a/" }, new { Title = "Otra", Url = "../b/" } },
            ["tags"] = new ScriptArray { "a", "b" },
            ["pair"] = pair,
            ["labels"] = new Dictionary<string, string> { ["es"] = "Hola" },
        };
        if (extra is not null) model["extra"] = extra;
        return model;
    }

    [Test]
    public void The_same_model_gives_the_same_hash_whatever_the_order_its_keys_were_set_in()
    {
        var a = RenderCache.ModelFingerprint(Model());
        var reordered = new ScriptObject();
        foreach (var (key, value) in Model().Reverse()) reordered[key] = value;
        Assert.That(RenderCache.ModelFingerprint(Model()), Is.EqualTo(a));
        Assert.That(RenderCache.ModelFingerprint(reordered), Is.EqualTo(a));
    }

    [Test]
    public void Every_value_a_template_can_read_moves_the_hash()
    {
        var models = new Dictionary<string, ScriptObject>
        {
            ["as it was"] = Model(),
            ["a title"] = Model(title: "Ventanilla unica"),
            ["a number"] = Model(year: 2005),
            ["the key of a body rendered later"] = Model(body: "key-2"),
            ["a card inside a list"] = Model(card: "Tarjeta 2"),
            ["a tuple's item"] = Model(pair: ("a", 1)),
            ["a key added"] = Model(extra: ""),
            ["null added"] = Model(extra: new { Value = (string?)null }),
            ["an empty list added"] = Model(extra: new List<string>()),
        };
        var hashes = models.ToDictionary(m => m.Key, m => RenderCache.ModelFingerprint(m.Value));
        Assert.That(hashes.Values.Distinct().Count(), Is.EqualTo(hashes.Count), string.Join("\n", hashes.Select(h => $"{h.Key}: {h.Value}")));
    }

    [Test]
    public void Values_that_would_write_alike_as_text_hash_apart()
    {
        Assert.That(ModelHash.Of(new object[] { "ab", "c" }), Is.Not.EqualTo(ModelHash.Of(new object[] { "a", "bc" })));
        Assert.That(ModelHash.Of(new object?[] { null }), Is.Not.EqualTo(ModelHash.Of(new object[] { "" })));
        Assert.That(ModelHash.Of(1), Is.Not.EqualTo(ModelHash.Of("1")));
        Assert.That(ModelHash.Of(new RawHtml("<b>x</b>")), Is.Not.EqualTo(ModelHash.Of("<b>x</b>")));
        Assert.That(ModelHash.Of(new[] { new object[] { "a" }, [] }), Is.Not.EqualTo(ModelHash.Of(new[] { Array.Empty<object>(), ["a"] })));
        // A time that differs only below the second (which an invariant string of it leaves out) is another time.
        var noon = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.That(ModelHash.Of(noon), Is.Not.EqualTo(ModelHash.Of(noon.AddMilliseconds(1))));
        Assert.That(ModelHash.Of(new DateOnly(2024, 5, 1)), Is.Not.EqualTo(ModelHash.Of(new DateOnly(2024, 5, 2))));
    }

    [Test]
    public void A_model_that_holds_itself_is_refused_rather_than_walked_for_ever()
    {
        var model = new ScriptObject();
        model["self"] = model;
        Assert.Throws<InvalidOperationException>(() => RenderCache.ModelFingerprint(model));
    }
}
