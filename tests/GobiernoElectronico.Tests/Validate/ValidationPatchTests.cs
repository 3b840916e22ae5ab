using System.Text.Json;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Pipeline.Stages;
using GobiernoElectronico.Tests.Support;
using GobiernoElectronico.Validate;

namespace GobiernoElectronico.Tests.Validate;

/// <summary>
/// The validation of <c>ge serve</c> after an edit, which looks only at the edited documents when it can
/// (<see cref="ValidationPatch"/>): after every edit, its problems and its content set are those of a fresh validation
/// of the same files, whether the edit was patched in or validated whole; and the edits that only the edited document's
/// own checks can see are patched in.
/// </summary>
public class ValidationPatchTests
{
    private sealed class Editor : IDisposable
    {
        private readonly TempDir _dir = new();
        private readonly LoadStage _load;
        private readonly ValidationCache _cache = new();
        public BuildOptions Options { get; }

        public Editor()
        {
            Options = new BuildOptions(_dir.CopyFrom(Repo.Content, "content"), Repo.Templates, _dir["site"], new DateOnly(2026, 11, 25));
            _load = new LoadStage(Options, remember: true);
        }

        public string this[string relative] => _dir["content/" + relative];

        public void Edit(string relative, string from, string to)
        {
            var text = File.ReadAllText(this[relative]);
            Assert.That(text, Does.Contain(from), relative);
            File.WriteAllText(this[relative], text.Replace(from, to));
        }

        /// <summary>Validates through the serve builder's stages (load with its cache of unchanged files, told which file
        /// changed as serve's watcher tells it; validate with its cache), checks the result against a fresh validation of
        /// the same files, and says whether the edit was patched in.</summary>
        public (ContentSet? Content, IReadOnlyList<Diagnostic> Problems, bool Patched) Validate(string? changed = null)
        {
            var bag = new DiagnosticBag();
            var patches = _cache.Patches;
            var loaded = _load.Run(bag, changed is null ? null : [this[changed]]);
            var content = loaded is null ? null : ValidateStage.Run(loaded, Options, bag, _cache);
            var problems = bag.Sorted();

            var freshBag = new DiagnosticBag();
            var fresh = BuildPipeline.LoadAndValidate(Options, freshBag);
            Assert.That(problems.Select(d => d.ToString()), Is.EqualTo(freshBag.Sorted().Select(d => d.ToString())), "the problems of a fresh validation");
            Assert.That(Shape(content), Is.EqualTo(Shape(fresh)), "the content set of a fresh validation");
            return (content, problems, _cache.Patches > patches);
        }

        public void Dispose() => _dir.Dispose();
    }

    /// <summary>Everything a page can read of the content set, as JSON (the lookups as key → items).</summary>
    private static string Shape(ContentSet? content)
    {
        if (content is null) return "null";
        static object Groups<T>(ILookup<string, T> lookup) => lookup.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new { g.Key, Items = g.ToList() }).ToList();
        return JsonSerializer.Serialize(new
        {
            content.Site, content.Countries, content.Practices, content.Activities, content.Organisations, content.Directory, content.Telecentres,
            content.Workshops, content.Media,
            PracticesBySlug = content.PracticesBySlug.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            OrganisationsBySlug = content.OrganisationsBySlug.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            TranslationsOf = content.TranslationsOf.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            PracticesByCountry = Groups(content.PracticesByCountry), DirectoryByCountry = Groups(content.DirectoryByCountry),
            DirectoryByOrganisation = Groups(content.DirectoryByOrganisation), LeadersOf = Groups(content.LeadersOf),
            OrganisationsByCountry = Groups(content.OrganisationsByCountry), SupportersOf = Groups(content.SupportersOf),
            TelecentresByCountry = Groups(content.TelecentresByCountry), TelecentresOfPractice = Groups(content.TelecentresOfPractice),
            WorkshopsByCountry = Groups(content.WorkshopsByCountry), WorkshopsOfActivity = Groups(content.WorkshopsOfActivity),
            ActivitiesByCountry = Groups(content.ActivitiesByCountry),
            Pages = content.PageOfDocument.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            content.DocumentCount,
        });
    }

    [Test]
    public void Each_edit_gives_the_problems_and_content_of_a_fresh_validation_and_a_text_edit_is_patched_in()
    {
        using var editor = new Editor();
        Assert.That(editor.Validate().Content, Is.Not.Null);
        const string boti = "practices/boti-buenos-aires.md";

        // A text edit: patched in, and the page reads the new text.
        editor.Edit(boti, "informa, da turnos", "informa, reserva turnos");
        var (content, _, patched) = editor.Validate(boti);
        Assert.That(patched, Is.True, "a text edit looks only at the edited practice");
        Assert.That(content!.PracticesBySlug["boti-buenos-aires"].Summary, Does.Contain("reserva turnos"));
        Assert.That(content.PracticesByCountry["AR"].Single(p => p.Slug == "boti-buenos-aires").Summary, Does.Contain("reserva turnos"));

        // A warning of the edited document's own cross-document checks comes and goes with the edit.
        editor.Edit(boti, "see_also: [conecta-recife]", "see_also: [conecta-recife]\nupdated: 2031-01-01");
        var (_, problems, patchedWarning) = editor.Validate(boti);
        Assert.That(patchedWarning, Is.True);
        editor.Edit(boti, "updated: 2031-01-01", "");
        Assert.That(editor.Validate(boti).Patched, Is.True);
        editor.Edit(boti, "## Qué es\n", "## Qué es\n\n[ver](/absoluto)\n");
        (_, problems, patchedWarning) = editor.Validate(boti);
        Assert.That(patchedWarning, Is.True);
        Assert.That(problems.Select(d => d.Code), Does.Contain(ErrorCodes.AbsoluteLink));
        editor.Edit(boti, "\n[ver](/absoluto)\n", "");
        (_, problems, _) = editor.Validate(boti);
        Assert.That(problems.Select(d => d.Code), Does.Not.Contain(ErrorCodes.AbsoluteLink));

        // A reference that breaks: an error, reported as a whole validation reports it; then mended.
        editor.Edit(boti, "see_also: [conecta-recife]", "see_also: [conecta-recife, no-such-practice]");
        var broken = editor.Validate(boti);
        Assert.That(broken.Content, Is.Null);
        Assert.That(broken.Problems.Select(d => d.Code), Does.Contain(ErrorCodes.UnknownReference));
        editor.Edit(boti, "see_also: [conecta-recife, no-such-practice]", "see_also: [conecta-recife]");
        Assert.That(editor.Validate(boti).Content, Is.Not.Null);

        // Another country (published): the country lookups change; to one with no assessment: an error.
        editor.Edit(boti, "country: AR", "country: UY");
        var moved = editor.Validate(boti);
        Assert.That(moved.Content!.PracticesByCountry["UY"].Select(p => p.Slug), Does.Contain("boti-buenos-aires"));
        editor.Edit(boti, "country: UY", "country: AQ");
        Assert.That(editor.Validate(boti).Problems.Select(d => d.Code), Does.Contain(ErrorCodes.CountryWithoutAssessment));
        editor.Edit(boti, "country: AQ", "country: AR");
        Assert.That(editor.Validate(boti).Content, Is.Not.Null);

        // A new slug or language changes what the other documents' checks read: validated whole.
        editor.Edit(boti, "language: es", "language: pt");
        Assert.That(editor.Validate(boti).Patched, Is.False);
        editor.Edit(boti, "language: pt", "language: es");
        editor.Validate(boti);
        editor.Edit(boti, "country: AR", "country: AR\nslug: boti-caba");
        var renamed = editor.Validate(boti);
        Assert.That(renamed.Patched, Is.False);
        Assert.That(renamed.Problems.Select(d => d.Code), Does.Contain(ErrorCodes.UnknownReference), "conecta-recife's see_also names it");

        editor.Edit(boti, "country: AR\nslug: boti-caba", "country: AR");
        Assert.That(editor.Validate(boti).Content, Is.Not.Null);

        // A practice nobody names becomes a draft (validated whole), then is edited as a draft (patched in, and still
        // absent from the content set).
        const string ezpay = "practices/ezpay-barbados.md";
        editor.Edit(ezpay, "country: BB", "country: BB\ndraft: true");
        Assert.That(editor.Validate(ezpay).Patched, Is.False);
        editor.Edit(ezpay, "year_started: 2019", "year_started: 2099");
        var draft = editor.Validate(ezpay);
        Assert.That(draft.Patched, Is.True);
        Assert.That(draft.Content!.PracticesBySlug.ContainsKey("ezpay-barbados"), Is.False);
    }

    [Test]
    public void Edits_of_the_other_kinds_give_what_a_fresh_validation_gives()
    {
        using var editor = new Editor();
        Assert.That(editor.Validate().Content, Is.Not.Null);

        editor.Edit("telecentres/joven-club.md", "sites: 600", "sites: 601");
        var telecentre = editor.Validate("telecentres/joven-club.md");
        Assert.That(telecentre.Patched, Is.True);
        Assert.That(telecentre.Content!.TelecentresByCountry["CU"].Single().Sites, Is.EqualTo(601));

        editor.Edit("directory/sercop-ecuador.md", "Administrador del sistema", "Administradora del sistema");
        Assert.That(editor.Validate("directory/sercop-ecuador.md").Patched, Is.True);
        editor.Edit("directory/sercop-ecuador.md", "initiatives: [compras-publicas-ecuador]", "initiatives: [compras-publicas-ecuador, no-such-practice]");
        Assert.That(editor.Validate("directory/sercop-ecuador.md").Content, Is.Null);

        // An activity (dependencies between activities) and a country are always validated whole.
        File.AppendAllText(editor["activities/taller-regional.md"], "\nUna frase más.\n");
        Assert.That(editor.Validate("activities/taller-regional.md").Patched, Is.False);
        File.AppendAllText(editor["countries/bo.md"], "\nUna frase más.\n");
        Assert.That(editor.Validate("countries/bo.md").Patched, Is.False);
    }
}
