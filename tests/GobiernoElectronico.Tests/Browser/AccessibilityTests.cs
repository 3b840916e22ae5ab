using System.Text.Json;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>axe-core, injected into pages in chromium, reports no WCAG 2.1 A/AA violation.</summary>
[Category("Browser")]
public class AccessibilityTests : BrowserFixture
{
    protected override bool NeedsNodeTools => true;

    [TestCase("index.html")]
    [TestCase("countries/index.html")]
    [TestCase("countries/bo/index.html")]
    [TestCase("practices/index.html")]
    [TestCase("practices/siaf-peru/index.html")]
    [TestCase("search/index.html?q=telecentros")]
    [TestCase("404.html")]
    [TestCase("overview/index.html")]
    [TestCase("compare/bo-pe/index.html")]
    [TestCase("compare/index.html?c=bo,pe,br")]
    [TestCase("pt/countries/br/index.html")]
    [TestCase("en/search/index.html?q=procurement")]
    [TestCase("pt/survey/index.html")]
    public async Task No_wcag_violations(string page)
    {
        var tab = await Browser.NewPageAsync();
        await tab.GotoAsync(Chromium.FileUrl(BuiltSite.Root, page.Split('?')[0]) + (page.Contains('?', StringComparison.Ordinal) ? "?" + page.Split('?')[1] : ""));
        if (page.StartsWith("search", StringComparison.Ordinal))
        {
            await tab.WaitForSelectorAsync("#search-results li.result");
            await tab.WaitForSelectorAsync("#search-facets fieldset");
        }
        if (page.StartsWith("compare/index.html", StringComparison.Ordinal)) await tab.WaitForSelectorAsync("#compare-result table");
        if (page.Contains("survey/", StringComparison.Ordinal)) await tab.WaitForSelectorAsync("#survey .survey-save");
        await tab.AddScriptTagAsync(new PageAddScriptTagOptions { Path = NodeTools.AxeScript });
        var result = await tab.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); " +
            "return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')); }");
        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.That(violations, Is.Empty);
        await tab.CloseAsync();
    }
}
