using System.Globalization;
using System.Net;
using System.Text;
using GobiernoElectronico.Load;

namespace GobiernoElectronico.Survey;

/// <summary>
/// The committee's page of <c>ge serve</c> (<see cref="SurveyStatus.PagePath"/>): the 33 countries of the region, each
/// with its published assessment and the questionnaire answers waiting for review. Drafts are named on it, so it is
/// served by the preview only and never written into the site.
/// </summary>
public static class SurveyStatusPage
{
    public static string Html(IReadOnlyList<SourceDocument> documents)
    {
        var countries = SurveyStatus.Countries(documents);
        var drafts = SurveyStatus.Drafts(documents);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var b = new StringBuilder();
        b.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append("<title>Survey: answers by country</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}")
         .Append("table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}")
         .Append(".none{color:#8a1c1c}.answered{color:#0b5d1e;font-weight:600}code{overflow-wrap:anywhere}</style></head><body><main>")
         .Append("<h1>Survey: answers by country</h1>")
         .Append("<p>For the committee, from <code>content/</code> as it is now (drafts included); this page is shown by <code>ge serve</code> only and is not part of the site. ")
         .Append("Import returned questionnaires with <code>ge import FILE.zip</code>; review each draft, then remove <code>draft: true</code> (an answer beside a published assessment replaces it by hand).</p>");
        var answered = countries.Count(c => c.Answers.Count > 0);
        b.Append(CultureInfo.InvariantCulture, $"<p><strong>{answered} of {countries.Count}</strong> countries have answers to review; {countries.Count(c => c.Published is not null)} have a published assessment, ")
         .Append(CultureInfo.InvariantCulture, $"{countries.Count(c => c.Published is not null && !c.Illustrative)} of them not illustrative.</p>");
        b.Append("<table><caption>The 33 countries of the region</caption><thead><tr><th scope=\"col\">Country</th><th scope=\"col\">Published assessment</th><th scope=\"col\">Answers to review</th></tr></thead><tbody>");
        foreach (var c in countries)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(c.Name)} ({c.Code})</th><td>");
            b.Append(c.Published is null ? "<span class=\"none\">none</span>" : $"<code>{E(c.Published)}</code>{(c.AssessmentDate is { } d ? ", " + E(d) : "")}{(c.Illustrative ? " (illustrative)" : "")}");
            b.Append("</td><td>");
            b.Append(c.Answers.Count == 0 ? "—" : "<span class=\"answered\">" + string.Join("<br>", c.Answers.Select(a => $"<code>{E(a)}</code>")) + "</span>");
            b.Append("</td></tr>");
        }
        b.Append("</tbody></table>");
        b.Append(CultureInfo.InvariantCulture, $"<h2>All drafts ({drafts.Count})</h2>");
        if (drafts.Count == 0) b.Append("<p>None.</p>");
        else b.Append("<ul>").Append(string.Concat(drafts.Select(d => $"<li><code>{E(d.Path)}</code></li>"))).Append("</ul>");
        b.Append("</main></body></html>");
        return b.ToString();
    }
}
