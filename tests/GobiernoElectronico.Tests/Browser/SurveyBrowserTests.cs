using System.IO.Compression;
using System.Text.Json;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Survey;
using GobiernoElectronico.Tests.Support;
using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Browser;

/// <summary>
/// A focal point at a workshop: the questionnaire opened from a USB stick (<c>file://</c>, network blocked), filled in
/// Portuguese at a phone's width, the page reloaded, the file saved; then the committee imports it, checks it, publishes it.
/// </summary>
[Category("Browser")]
public class SurveyBrowserTests : BrowserFixture
{
    protected override bool NeedsNodeTools => true;
    /// <summary>Typed into every free field: it must stay text, in the page, in the file and in the built site.</summary>
    private const string Hostile = "<script>window.pwned=1</script>\"Zq9\" & {{ x }} 'a': b # c";

    [Test]
    public async Task A_questionnaire_filled_in_portuguese_offline_is_kept_saved_imported_and_published_escaped()
    {
        using var dir = new TempDir();
        dir.CopyFrom(Repo.Content, "content");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 900 }, AcceptDownloads = true });
        var requests = new List<string>();
        await context.RouteAsync(url => !url.StartsWith("file:", StringComparison.Ordinal), async route =>
        {
            requests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        var url = Chromium.FileUrl(BuiltSite.Root, "pt/survey/index.html");
        await page.GotoAsync(url);
        await page.EvaluateAsync("() => localStorage.clear()");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#survey .survey-save");

        await page.SelectOptionAsync("#survey-country", "BR");
        Assert.That(await page.GetByLabel("Português", new() { Exact = true }).InputValueAsync(), Is.EqualTo("Brasil"), "the name comes from the published assessment");
        Assert.That(await page.Locator(".survey-figures").First.InnerTextAsync(), Does.Contain("internet").IgnoreCase);
        await page.GetByLabel("Resumo da avaliação (obrigatório)").FillAsync("Resumo " + Hostile);
        var pillars = page.Locator(".survey-scale");
        await pillars.Nth(0).GetByLabel("3. Em expansão", new() { Exact = false }).CheckAsync();
        await pillars.Nth(1).GetByLabel("4. Interoperáveis", new() { Exact = false }).CheckAsync();
        await pillars.Nth(2).GetByLabel("4. Transacional", new() { Exact = false }).CheckAsync();
        var narratives = page.GetByLabel("Avaliação do pilar (obrigatório)");
        for (var i = 0; i < 3; i++) await narratives.Nth(i).FillAsync($"Narrativa {i}\n\n" + Hostile + "\n---\ndraft: false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adicionar: Evidências" }).First.ClickAsync();
        await page.Locator(".survey-record").First.GetByLabel("Título (obrigatório)").FillAsync("Plano " + Hostile);
        await page.Locator(".survey-record").First.GetByLabel("Endereço web").FillAsync("javascript:alert(1)");
        await page.GetByLabel("Seu nome (obrigatório)").FillAsync("Respondente " + Hostile);

        await page.GetByRole(AriaRole.Button, new() { Name = "Adicionar uma prática" }).ClickAsync();
        var practice = page.Locator(".survey-practice").First;
        await practice.GetByLabel("Nome da prática (obrigatório)").FillAsync("Prática " + Hostile);
        await practice.GetByLabel("Nível de governo (obrigatório)").SelectOptionAsync("local");
        await practice.GetByLabel("G2C: governo para cidadãos").CheckAsync();
        await practice.GetByLabel("Serviços telemáticos ao cidadão").CheckAsync();
        await practice.GetByLabel("Administração local").CheckAsync();
        await practice.GetByLabel("Ano de início (obrigatório)").FillAsync("2019");
        await practice.GetByLabel("Situação (obrigatório)").SelectOptionAsync("operating");
        await practice.GetByLabel("Facilidade de replicá-la (obrigatório)").SelectOptionAsync("high");
        await practice.GetByLabel("O que é preciso para replicá-la (obrigatório)").FillAsync("Equipe " + Hostile);
        await practice.GetByLabel("Resumo (obrigatório)").FillAsync("Resumo da prática " + Hostile);
        await practice.Locator(".survey-record").First.GetByLabel("Título (obrigatório)").FillAsync("Fonte " + Hostile);
        await practice.Locator(".survey-record").First.GetByLabel("Endereço web").FillAsync("https://example.org/fonte");
        await practice.GetByLabel("Descrição (opcional)").FillAsync("Descrição " + Hostile + "\n\n<img src=x onerror=\"window.pwned=2\">");

        // Checked as it is typed: the unsafe address is named with the validator's code.
        var evidenceUrl = page.Locator(".survey-record").First.Locator("[data-path$='.url']");
        Assert.That(await evidenceUrl.Locator(".survey-error").InnerTextAsync(), Does.Contain("GE0107"));
        await page.Locator(".survey-record").First.GetByLabel("Endereço web").FillAsync("https://www.gov.br/plano");

        // Kept between visits.
        await page.WaitForTimeoutAsync(300);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#survey .survey-save");
        Assert.That(await page.InputValueAsync("#survey-country"), Is.EqualTo("BR"));
        Assert.That(await page.GetByLabel("Resumo da avaliação (obrigatório)").InputValueAsync(), Is.EqualTo("Resumo " + Hostile));
        Assert.That(await page.Locator(".survey-practice").First.GetByLabel("Nome da prática (obrigatório)").InputValueAsync(), Is.EqualTo("Prática " + Hostile));
        Assert.That(await page.Locator(".survey-record").First.GetByLabel("Endereço web").InputValueAsync(), Is.EqualTo("https://www.gov.br/plano"));

        // The page is accessible with the whole form open (a practice, its records, messages).
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = NodeTools.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))");
        Assert.That(violations.EnumerateArray().Select(v => v.GetString()), Is.Empty);
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "usable at 390 px");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Verificar e salvar o arquivo" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match(@"^questionnaire-br-\d{4}-\d{2}-\d{2}\.zip$"));
        var saved = dir[download.SuggestedFilename];
        await download.SaveAsAsync(saved);
        Assert.That(await page.Locator("#survey-status").InnerTextAsync(), Does.Contain(download.SuggestedFilename));
        Assert.That(await page.EvaluateAsync<bool>("() => window.pwned === undefined"), Is.True, "nothing typed ran");
        Assert.That(requests, Is.Empty, "no request left file://");

        // The committee imports it: ge check is clean, and nothing of it is published while it is a draft.
        var bag = new DiagnosticBag();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var placed = QuestionnaireImport.Import([saved], dir["content"], today, bag);
        Assert.That(placed, Is.Not.Null, string.Join('\n', bag.Sorted()));
        Assert.That(bag.Sorted(), Is.Empty);
        var check = new DiagnosticBag();
        Assert.That(BuildPipeline.LoadAndValidate(new BuildOptions(dir["content"]), check), Is.Not.Null);
        Assert.That(check.Sorted(), Is.Empty, "ge check is clean");
        using (var zip = ZipFile.OpenRead(saved))
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = await reader.ReadToEndAsync();
                var document = ContentLoader.Parse(text, entry.FullName, entry.FullName.StartsWith("countries", StringComparison.Ordinal) ? ContentKind.Country : ContentKind.Practice, "x", new DiagnosticBag())!;
                Assert.That(((YamlScalar)document.FrontMatter!["draft"]!).Value, Is.EqualTo("true"), entry.FullName);
                Assert.That(text, Does.Contain("Zq9"));
            }

        // Published by the committee: every hostile text is shown as text; who answered is not shown at all.
        var practiceFile = dir["content/" + placed!.Single(p => p.Target.StartsWith("practices/", StringComparison.Ordinal)).Target];
        File.WriteAllText(practiceFile, File.ReadAllText(practiceFile).Replace("draft: true", "draft: false", StringComparison.Ordinal));
        var answer = dir["content/" + placed!.Single(p => p.Target.StartsWith("countries/", StringComparison.Ordinal)).Target];
        File.WriteAllText(dir["content/countries/br.md"], File.ReadAllText(answer).Replace("draft: true", "draft: false", StringComparison.Ordinal));
        File.Delete(answer);
        var site = dir["site"];
        var built = BuildPipeline.Build(new BuildOptions(dir["content"], Repo.Templates, site));
        Assert.That(built.Succeeded, string.Join('\n', built.Diagnostics));
        var pages = SiteSnapshot.FilesContaining(site, "Zq9");
        Assert.That(pages, Is.Not.Empty);
        foreach (var file in pages.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var html = File.ReadAllText(Path.Combine(site, file));
            Assert.That(html, Does.Not.Contain("<script>window.pwned").And.Not.Contain("onerror=\"window.pwned"), file);
        }
        Assert.That(SiteSnapshot.FilesContaining(site, "Respondente"), Is.Empty, "who answered is private");
        var country = await context.NewPageAsync();
        await country.GotoAsync(Chromium.FileUrl(site, "pt/countries/br/index.html"));
        Assert.That(await country.Locator("main").InnerTextAsync(), Does.Contain("Resumo " + Hostile), "the summary, as typed, shown as text");
        Assert.That(await country.EvaluateAsync<bool>("() => window.pwned === undefined"), Is.True);
        await context.CloseAsync();
    }
}
