using System.Text;
using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;
using GobiernoElectronico.Tests.Support;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace GobiernoElectronico.Tests.Security;

/// <summary>
/// A content tree whose every text field, URL field, CSV text cell and Markdown body carries XSS vectors
/// from the OWASP cheat sheets. It is made from the shipped content by walking each document's front matter
/// with its schema, so a field added to a schema is attacked without touching this file. URL fields get
/// addresses that pass the allow-list but try to break out of the attribute; addresses that do not pass
/// are refused by validation (FuzzTests, SafeUrlTests).
/// </summary>
public static class HostileContent
{
    /// <summary>Text vectors: each calls alert() if it ever runs.</summary>
    public static readonly string[] TextVectors =
    [
        "<script>alert('t1')</script>",
        "\"><img src=x onerror=alert('t2')>",
        "'><svg/onload=alert('t3')>",
        "</title><script>alert('t4')</script>",
        "</script><script>alert('t5')</script>",
        "<iframe src=\"javascript:alert('t6')\"></iframe>",
        "<a href=\"jav&#x09;ascript:alert('t7')\">x</a>",
        "<!--<script>alert('t8')</script>-->",
        "<style>@import 'javascript:alert(\"t9\")';</style>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('t10')>",
        "<body onload=alert('t11')>",
        "{{ 'scriban' }} ${alert('t12')} \u2028\u2029",
        "<svg><script>alert('t13')</script></svg>",
        "<details open ontoggle=alert('t14')>",
        "&lt;script&gt;alert('t15')&lt;/script&gt;",
    ];

    /// <summary>URLs that the allow-list lets through, which must stay inside their attribute.</summary>
    public static readonly string[] UrlVectors =
    [
        "https://example.org/\"><script>alert('u1')</script>",
        "https://example.org/' onmouseover='alert(\"u2\")",
        "mailto:a@example.org?subject=\"><svg onload=alert('u3')>",
        // Relative (no scheme): a fragment, since a relative reference must now lead to a published file.
        "#relative\" onclick=\"alert('u4')",
        "https://example.org/?q=<img src=x onerror=alert('u5')>",
    ];

    /// <summary>Markdown vectors for bodies and Markdown fields.</summary>
    public const string MarkdownVectors = """

        <script>alert('m1')</script>
        <img src=x onerror="alert('m2')">
        [m3](javascript:alert('m3')) [m4](JaVaScRiPt:alert('m4')) [m5](  javascript:alert('m5')) [m6](jav&#x61;script:alert('m6'))
        <javascript:alert('m7')> <a href="data:text/html,<script>alert('m8')</script>">m8</a>
        <svg><script>alert('m9')</script></svg> <iframe srcdoc="<script>alert('m10')</script>"></iframe>
        <form action="javascript:alert('m11')"><button>m11</button></form> <input autofocus onfocus=alert('m12')>
        ![m13](javascript:alert('m13')) <object data="javascript:alert('m14')"></object> <embed src="javascript:alert('m15')">
        <div style="background:url(javascript:alert('m16'))">m16</div> <a href="vbscript:msgbox('m17')">m17</a>
        [m18]: javascript:alert('m18')
        [m18] <details open ontoggle="alert('m19')"><summary>m19</summary></details>
        <math><mtext><table><mglyph><style><img src=x onerror=alert('m20')>
        """;

    /// <summary>Writes the hostile tree into <paramref name="dir"/>/content (templates beside it).</summary>
    public static void Write(TempDir dir)
    {
        dir.CopyFrom(Repo.Content, "content");
        dir.CopyFrom(Repo.Templates, "templates");
        var counter = 0;
        string NextText() => TextVectors[counter++ % TextVectors.Length];
        string NextUrl() => UrlVectors[counter++ % UrlVectors.Length];

        foreach (var (folder, kind) in ContentLoader.Folders)
        {
            var schema = Schema(kind);
            foreach (var file in Directory.GetFiles(dir[$"content/{folder}"], "*.md").Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
                var stream = new YamlStream();
                stream.Load(new StringReader(text[4..end]));
                Attack((YamlMappingNode)stream.Documents[0].RootNode, schema, NextText, NextUrl);
                var yaml = new StringWriter();
                stream.Save(yaml, assignAnchors: false);
                var front = yaml.ToString().TrimEnd().TrimEnd('.').TrimEnd();
                File.WriteAllText(file, "---\n" + front + "\n---\n" + text[(end + 4)..] + "\n" + MarkdownVectors + "\n");
            }
        }
        var siteFile = dir["content/site.yml"];
        var site = new YamlStream();
        site.Load(new StringReader(File.ReadAllText(siteFile)));
        Attack((YamlMappingNode)site.Documents[0].RootNode, ContentSchemas.Site, NextText, NextUrl);
        var siteYaml = new StringWriter();
        site.Save(siteYaml, assignAnchors: false);
        File.WriteAllText(siteFile, siteYaml.ToString().TrimEnd().TrimEnd('.').TrimEnd() + "\n");

        // CSV text cells: name, unit and source of every series of a few countries.
        var csv = dir["content/data/indicators.csv"];
        var lines = File.ReadAllLines(csv);
        var output = new StringBuilder(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var f = SplitCsv(line);
            if (f[0] is "BO" or "PE" or "BR")
            {
                f[2] = NextText();
                f[3] = NextText();
                f[6] = NextText();
            }
            output.AppendJoin(',', f.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append('\n');
        }
        File.WriteAllText(csv, output.ToString());

        // A script a contributor committed under media/: the search page must never load it.
        dir.Write("content/media/evil.js", "alert('media-script');");
    }

    private static ObjectType Schema(ContentKind kind) => kind switch
    {
        ContentKind.Country => ContentSchemas.Country,
        ContentKind.Practice => ContentSchemas.Practice,
        ContentKind.Activity => ContentSchemas.Activity,
        ContentKind.Organisation => ContentSchemas.Organisation,
        ContentKind.Directory => ContentSchemas.DirectoryEntry,
        ContentKind.Telecentre => ContentSchemas.Telecentre,
        ContentKind.Workshop => ContentSchemas.Workshop,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Replaces every text and URL value of <paramref name="mapping"/>, following the schema.</summary>
    private static void Attack(YamlMappingNode mapping, ObjectType schema, Func<string> text, Func<string> url)
    {
        foreach (var entry in mapping.Children.ToList())
        {
            var field = schema.Find(((YamlScalarNode)entry.Key).Value!);
            // An indicator's id names a series of the data (GE0212 otherwise); its text reaches pages from the CSV, attacked below.
            if (field is null || (schema == ContentSchemas.Indicator && field.Name == "id")) continue;
            var replaced = Replace(entry.Value, field.Type, text, url);
            if (replaced is not null) mapping.Children[entry.Key] = replaced;
        }
    }

    private static YamlScalarNode? Replace(YamlNode node, FieldType type, Func<string> text, Func<string> url)
    {
        switch (type)
        {
            case TextType { Markdown: true }:
                return new YamlScalarNode(((YamlScalarNode)node).Value + "\n\n" + text() + "\n" + MarkdownVectors) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            case TextType:
                return new YamlScalarNode(text()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            case UrlType { AllowRelative: false } u:
                return new YamlScalarNode(u.AbsoluteOnly ? "https://example.org/kb/\"><script>alert('base')</script>/" : UrlVectors[0]) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            case UrlType:
                return new YamlScalarNode(url()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            case LocalizedTextType when node is YamlMappingNode languages:
                foreach (var key in languages.Children.Keys.ToList())
                    languages.Children[key] = new YamlScalarNode(text()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
                return null;
            case ListType list when node is YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var replaced = Replace(sequence.Children[i], list.Item, text, url);
                    if (replaced is not null) sequence.Children[i] = replaced;
                }
                return null;
            case ObjectType o when node is YamlMappingNode inner:
                Attack(inner, o, text, url);
                return null;
            default:
                return null;
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
