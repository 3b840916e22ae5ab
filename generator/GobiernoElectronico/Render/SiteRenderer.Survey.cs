using System.Text.Json;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Site;
using GobiernoElectronico.Survey;

namespace GobiernoElectronico.Render;

/// <summary>
/// The survey questionnaire (<c>survey/index.html</c>): country focal points answer it in a browser, offline from
/// a copy, and save a file the committee imports with <c>ge import</c>. The page is a frame; <c>survey.js</c>
/// builds the form from <c>survey/data.js</c> — the questions and rules of <see cref="QuestionnaireForm"/> (the
/// content schemas themselves), their labels in the page's language, and each country's reference figures —
/// loaded by a script element, so it works from <c>file://</c>.
/// </summary>
public sealed partial class SiteRenderer
{
    /// <summary>As the comparison's, leaving out false, zero and null (the page is loaded on slow links with its data).</summary>
    private static readonly JsonSerializerOptions SurveyJson = new(CompareJson) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault };

    private PageSpec SurveyPage() =>
        new(SitePaths.Survey, "pages/survey.html", _labels.Get("survey.title"), _labels.Get("survey.description"), _labels.Language, _ => { });

    /// <summary>The questionnaire's data, as a script that sets <c>window.GESurveyData</c>.</summary>
    public OutputFile SurveyData()
    {
        var lang = _labels.Language;
        var data = new
        {
            Language = lang,
            Languages = Vocabulary.Languages,
            Pillars = Vocabulary.Pillars.Select(p => new { Key = p, Label = _labels.Vocab("pillar", p) }).ToList(),
            Country = SurveyQuestions(QuestionnaireForm.Country),
            Practice = SurveyQuestions(QuestionnaireForm.Practice),
            Ui = Sorted(_labels.Section("survey.ui")),
            Messages = Sorted(_labels.Section("survey.msg")),
            // Every country of the region; the names and committee role of those with a published assessment.
            Countries = Vocabulary.Region.Select(code => (Code: code, Published: _content.CountriesByCode.GetValueOrDefault(code)))
                .Select(c => new
                {
                    c.Code,
                    Label = c.Published?.Name(lang) ?? c.Code,
                    Names = c.Published is { } p ? Vocabulary.Languages.Where(p.Names.ContainsKey).ToDictionary(l => l, l => p.Names[l]) : [],
                    Committee = c.Published?.CommitteeRole ?? "none",
                    Figures = SurveyFigures(c.Code),
                })
                .OrderBy(c => c.Label, StringComparer.Create(_labels.Culture, false)).ToList(),
        };
        // The default encoder escapes <, >, & and every non-ASCII character: the file is plain ASCII JavaScript.
        var json = JsonSerializer.Serialize(data, SurveyJson);
        return OutputFile.Text(_prefix + SitePaths.SurveyData, "window.GESurveyData = " + json + ";\n");
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> strings) => new(strings.ToDictionary(), StringComparer.Ordinal);

    /// <summary>The latest value of each key indicator of a country, by the pillar it measures.</summary>
    private Dictionary<string, List<object>> SurveyFigures(string code) =>
        Vocabulary.Pillars.ToDictionary(p => p, p => Vocabulary.Indicators.Where(i => i.Pillar == p)
            .Select(i => _content.SeriesByCountry[code].FirstOrDefault(s => s.Id == i.Id))
            .OfType<Model.IndicatorSeries>()
            .Select(s => (object)new { Name = IndicatorName(s.Id), Value = _labels.Number(s.Latest.Value), Unit = IndicatorUnit(s.Id), s.Latest.Year, s.Source })
            .ToList());

    /// <summary>The questions with their labels and choices in the page's language.</summary>
    private List<object> SurveyQuestions(IReadOnlyList<QuestionnaireForm.Question> questions) =>
        questions.Select(q => (object)new
        {
            q.Path,
            q.Name,
            q.Kind,
            q.Required,
            Label = _labels.Get(q.Label),
            Help = _labels.Find(q.Label + "_help"),
            q.MaxLength,
            q.Min,
            q.Max,
            q.MinItems,
            q.Unique,
            q.AllowRelative,
            Choices = q.Values?.Select(v => new
            {
                Value = v,
                Label = q.Vocabulary is { } group ? _labels.Get($"vocab.{group}.{v}") : v,
                // A maturity level is explained on the scale of its pillar.
                Description = q.Vocabulary is { } g && g.StartsWith("level.", StringComparison.Ordinal) ? _labels.Find($"scale.{g[6..]}.{v}") : null,
            }).ToList(),
            Fields = q.Fields is { } fields ? SurveyQuestions(fields) : null,
        }).ToList();
}
