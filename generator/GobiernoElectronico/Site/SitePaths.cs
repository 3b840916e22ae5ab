namespace GobiernoElectronico.Site;

/// <summary>
/// Paths inside the built site, always with '/' and relative to its root (<c>countries/bo/index.html</c>).
/// Every link the site contains is made relative to the page it is on, so that the site works from
/// <c>file://</c> and under any base path.
/// </summary>
public static class SitePaths
{
    public static string Home => "index.html";
    public static string Countries => "countries/index.html";
    public static string Country(string slug) => $"countries/{slug}/index.html";
    public static string Practices => "practices/index.html";
    public static string Practice(string slug) => $"practices/{slug}/index.html";
    public static string Stylesheet => "assets/style.css";
    public static string Search => "search/index.html";
    public static string NotFound => "404.html";
    public static string Overview => "overview/index.html";
    public static string Timeline => "timeline/index.html";
    public static string Organisations => "organisations/index.html";
    public static string Organisation(string slug) => $"organisations/{slug}/index.html";
    public static string DirectoryIndex => "directory/index.html";
    public static string Telecentres => "telecentres/index.html";
    public static string Telecentre(string slug) => $"telecentres/{slug}/index.html";
    public static string Workshops => "workshops/index.html";
    public static string Workshop(string slug) => $"workshops/{slug}/index.html";
    public static string DirectoryEntry(string slug) => $"directory/{slug}/index.html";
    public static string Activity(string slug) => $"timeline/{slug}/index.html";
    public static string Compare(string a, string b) => $"compare/{a}-{b}/index.html";

    /// <summary>The chooser of any two to four countries, and the data it draws from.</summary>
    public static string CompareChooser => "compare/index.html";

    public static string CompareData => "compare/data.js";

    /// <summary>The survey questionnaire, and the questions, rules and reference figures it is built from.</summary>
    public static string Survey => "survey/index.html";

    public static string SurveyData => "survey/data.js";

    /// <summary>The prefix that leads from <paramref name="pagePath"/> back to the site root ("", "../", "../../").</summary>
    /// <remarks>The prefixes of the depths pages have are made once: every link of every page asks for one (a twentieth of
    /// what rendering allocated, each made by joining as many "../" as the page is deep).</remarks>
    public static string RootFrom(string pagePath)
    {
        var depth = pagePath.AsSpan().Count('/');
        return depth < Prefixes.Length ? Prefixes[depth] : string.Concat(Enumerable.Repeat("../", depth));
    }

    private static readonly string[] Prefixes = [.. Enumerable.Range(0, 16).Select(d => string.Concat(Enumerable.Repeat("../", d)))];

    /// <summary>A link from <paramref name="fromPage"/> to <paramref name="toPath"/>.</summary>
    public static string Relative(string fromPage, string toPath) => RootFrom(fromPage) + toPath;

    /// <summary>The folder part of a path ("practices" for "practices/x.md").</summary>
    public static string Directory(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";

    /// <summary>Resolves <paramref name="relative"/> against <paramref name="folder"/>; null if it leaves the root.</summary>
    public static string? Combine(string folder, string relative)
    {
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var part in relative.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>True when <paramref name="path"/> stays inside the site (no rooted paths, no '..', no backslashes).</summary>
    /// <remarks>Asked of every file a build writes or keeps (100,000 at 20,000 documents): its parts are looked at in place.</remarks>
    public static bool IsSafe(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || path.Contains(':')) return false;
        foreach (var range in path.AsSpan().Split('/'))
        {
            var part = path.AsSpan(range);
            if (part.Length == 0 || part is "." or "..") return false;
        }
        return true;
    }
}
