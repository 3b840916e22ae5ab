using System.Text;

namespace GobiernoElectronico.Tests.Validate;

/// <summary>
/// Malformed versions of real content files, made reproducibly from a seed: broken YAML, wrong types,
/// deep nesting, invalid UTF-8, NUL, binary, BOM and CRLF with a defect, 10 MB lines, alias bombs,
/// duplicate and unknown keys, YAML tags, blank values, hostile URLs and names a file system refuses.
/// Every variant has at least one defect that must be reported in that file.
/// </summary>
public static class MalformedInput
{
    /// <summary>One malformed file: its name (without folder), bytes, and what was done to it.</summary>
    public sealed record Sample(string Name, byte[] Bytes, string Mutation);

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>The ways a Markdown document with front matter is broken (name → mutation of the text).</summary>
    private static readonly (string Name, Func<string, Random, byte[]> Apply)[] DocumentMutations =
    [
        ("unclosed-flow", (t, r) => Bytes(InsertInFrontMatter(t, r, "relation: [G2C, {a: [b")) ),
        ("flow-garbage", (t, r) => Bytes(InsertInFrontMatter(t, r, Pick(r, "x: [,,]", "x: {,}", "x: [}", "x: {]", "x: [a: b: c]", "? [", "- - -", "x: [a, b", "x: {a, b:}", "[: ]: [")))),
        ("bad-indent", (t, r) => Bytes(InsertInFrontMatter(t, r, "title: x\n   bad: indent\n  worse"))),
        ("tab-indent", (t, r) => Bytes(InsertInFrontMatter(t, r, "sources:\n\t- {title: tab}"))),
        ("unbalanced-quote", (t, r) => Bytes(InsertInFrontMatter(t, r, "summary: \"never closed"))),
        ("colon-in-value", (t, r) => Bytes(ReplaceField(t, "summary", "summary: Trámites: en línea: sin comillas"))),
        ("wrong-type-list", (t, r) => Bytes(ReplaceField(t, FirstField(t), FirstField(t) + ": [a, b, c]"))),
        ("wrong-type-map", (t, r) => Bytes(ReplaceField(t, FirstField(t), FirstField(t) + ": {a: 1}"))),
        ("wrong-type-scalar", (t, r) => Bytes(InsertInFrontMatter(t, r, "draft: [true]"))),
        ("deep-flow", (t, r) => Bytes(InsertInFrontMatter(t, r, "x: " + new string('[', 200 + r.Next(5000)) + new string(']', 200)))),
        ("deep-block", (t, r) => Bytes(InsertInFrontMatter(t, r, "x:\n" + string.Concat(Enumerable.Range(1, 100).Select(i => new string(' ', i) + "- \n"))))),
        ("deep-map", (t, r) => Bytes(InsertInFrontMatter(t, r, "x: " + string.Concat(Enumerable.Repeat("{a: ", 300)) + "1" + new string('}', 300)))),
        ("invalid-utf8", (t, r) => InsertBytes(Bytes(t), r, Pick(r, new byte[] { 0xFF }, [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80]))),
        ("nul", (t, r) => InsertBytes(Bytes(t), r, [0x00])),
        ("binary", (t, r) => RandomBytes(r, 200 + r.Next(4000))),
        ("utf16", (t, r) => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(t)).ToArray()),
        ("bom-crlf-defect", (t, r) => Utf8.GetPreamble().Concat(Bytes(InsertInFrontMatter(t, r, "summary: [").Replace("\n", "\r\n"))).ToArray()),
        ("crlf-unterminated", (t, r) => Bytes(t.Replace("\n", "\r\n")[..t.Replace("\n", "\r\n").IndexOf("\r\n---", 4, StringComparison.Ordinal)])),
        ("huge-line", (t, r) => Bytes(InsertInFrontMatter(t, r, "summary: " + new string('a', 10 * 1024 * 1024)))),
        ("huge-body-line", (t, r) => Bytes(t + "\n" + new string('x', 10 * 1024 * 1024))),
        ("alias", (t, r) => Bytes(InsertInFrontMatter(t, r, "x: &a [1, 2]\ny: *a"))),
        ("alias-bomb", (t, r) => Bytes(InsertInFrontMatter(t, r, "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]"))),
        ("duplicate-key", (t, r) => Bytes(InsertInFrontMatter(t, r, FirstField(t) + ": again"))),
        ("many-unknown-keys", (t, r) => Bytes(InsertInFrontMatter(t, r, string.Join('\n', Enumerable.Range(0, 1000 + r.Next(30_000)).Select(i => $"k{i}: v"))))),
        ("long-key", (t, r) => Bytes(InsertInFrontMatter(t, r, new string('k', 100_000) + ": v"))),
        ("yaml-tag", (t, r) => Bytes(InsertInFrontMatter(t, r, Pick(r, "illustrative: !!binary aGVsbG8=", "draft: !!python/object:os.system x", "x: !custom y", "summary: !!str hello")))),
        ("blank-required", (t, r) => Bytes(ReplaceField(t, "summary", Pick(r, "summary: \"   \"", "summary: '\t'", "summary: \"\\n\"")))),
        ("javascript-url", (t, r) => Bytes(InsertInFrontMatter(t, r, "x: 1\nsources: [{title: t, url: \"" + Pick(r, "javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\\tscript:alert(1)", "&#106;avascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "\\u0001javascript:alert(1)", "jav&#x09;ascript:alert(1)") + "\"}]"))),
        ("no-front-matter", (t, r) => Bytes(t[(t.IndexOf("\n---", 4, StringComparison.Ordinal) + 4)..])),
        ("only-dashes", (t, r) => Bytes("---\n---\n")),
        ("empty", (t, r) => []),
        ("deep-markdown", (t, r) => Bytes(t + "\n" + Pick(r, new string('>', 2000) + " x", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- a\n")), new string('*', 5000) + "x" + new string('*', 5000)))),
        ("markdown-bombs", (t, r) => Bytes(t + "\n" + Pick(r, string.Concat(Enumerable.Repeat("[a](", 60_000)), string.Concat(Enumerable.Repeat("<div>", 60_000))))),
        ("multi-document", (t, r) => Bytes(InsertInFrontMatter(t, r, "x: 1\n---\ny: 2"))),
        ("control-chars", (t, r) => Bytes(InsertInFrontMatter(t, r, "summary: \"a\u0007b\u001bc\""))),
        ("not-a-mapping", (t, r) => Bytes("---\n" + Pick(r, "- a\n- b", "just text", "42", "[1, 2]") + "\n---\nBody")),
    ];

    /// <summary>Malformed documents made from <paramref name="seeds"/> (file name → text), <paramref name="count"/> of them.</summary>
    public static IEnumerable<Sample> Documents(IReadOnlyList<(string Name, string Text)> seeds, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var (name, text) = seeds[i % seeds.Count];
            var (mutation, apply) = DocumentMutations[(i / seeds.Count + i) % DocumentMutations.Length];
            yield return new Sample($"fz{i:D4}-{mutation}-{Path.GetFileNameWithoutExtension(name)}.md", apply(text, random), mutation);
        }
    }

    /// <summary>File names that must be refused whatever the file holds: device names and over-long slugs.</summary>
    public static IEnumerable<string> HostileFileNames() =>
        ["con", "aux", "nul", "com1", "lpt9", "prn", new string('a', 150), "a-" + new string('b', 120)];

    /// <summary>Malformed site.yml files made from the real one.</summary>
    public static IEnumerable<Sample> SiteFiles(string site, int count, int seed)
    {
        var random = new Random(seed);
        var mutations = new (string Name, Func<string, byte[]> Apply)[]
        {
            ("bom-defect", s => Utf8.GetPreamble().Concat(Bytes("title: [\n" + s)).ToArray()),
            ("base-path-climbs", s => Bytes(ReplaceField(s, "base_path", "base_path: " + Pick(random, "/../..", "../", "/a/../../b/", "\"/kb/..\"", "'\\\\server\\\\share'", "/a b/")))),
            ("base-url-script", s => Bytes(s + "\nbase_url: \"" + Pick(random, "javascript:alert(1)//", "data:,x", "/relative/", "mailto:a@b.c", "https://") + "\"")),
            ("source-url-script", s => Bytes(ReplaceField(s, "source", "source: {title: t, url: \"" + Pick(random, " javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\\nscript:alert(1)", "&#x6A;avascript:alert(1)") + "\"}"))),
            ("languages-wrong", s => Bytes(ReplaceField(s, "languages", "languages: " + Pick(random, "es", "[]", "[xx]", "{es: 1}")))),
            ("nul", s => InsertBytes(Bytes(s), random, [0])),
            ("invalid-utf8", s => InsertBytes(Bytes(s), random, [0xFE, 0xFF])),
            ("deep", s => Bytes(s + "\nsubtitle: " + new string('[', 5000))),
            ("tag", s => Bytes(s + "\nsubtitle: !!binary aGVsbG8=")),
            ("blank-title", s => Bytes(ReplaceField(s, "title", "title: \"   \""))),
            ("unknown-keys", s => Bytes(s + "\n" + string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"k{i}: v")))),
            ("huge", s => Bytes(s + "\nsubtitle: " + new string('s', 5 * 1024 * 1024))),
            ("binary", s => RandomBytes(random, 1000)),
            ("alias", s => Bytes("a: &a x\n" + s + "\nsubtitle: *a")),
            ("not-mapping", s => Bytes("- just\n- a list")),
        };
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = mutations[i % mutations.Length];
            yield return new Sample($"site-{i:D3}-{name}", apply(site), name);
        }
    }

    /// <summary>Malformed content/data/indicators.csv files made from the real one.</summary>
    public static IEnumerable<Sample> CsvFiles(string csv, int count, int seed)
    {
        var random = new Random(seed);
        var lines = csv.Split('\n').Take(60).ToList();
        string Body() => string.Join('\n', lines);
        var mutations = new (string Name, Func<byte[]> Apply)[]
        {
            ("nul", () => InsertBytes(Bytes(Body()), random, [0])),
            ("invalid-utf8", () => InsertBytes(Bytes(Body()), random, [0xC3, 0x28])),
            ("binary", () => RandomBytes(random, 3000)),
            ("bad-quote", () => Bytes(Body() + "\nBO,x,\"unterminated,unit,2000,1,src")),
            ("stray-quote", () => Bytes(Body() + "\nBO,x,na\"me,unit,2000,1,src")),
            ("wrong-header", () => Bytes("iso,indicator\n" + Body())),
            ("bad-number", () => Bytes(Body() + "\nBO,x,name,unit,2000," + Pick(random, "1,5", "NaN", "Infinity", "1e999", "abc", "") + ",src")),
            ("bad-year", () => Bytes(Body() + "\nBO,x,name,unit," + Pick(random, "20x0", "99999", "-1", "1800") + ",1,src")),
            ("bad-country", () => Bytes(Body() + "\n" + Pick(random, "bo", "ZZ", "B0", "") + ",x,name,unit,2000,1,src")),
            ("huge-line", () => Bytes(Body() + "\nBO,x," + new string('n', 10 * 1024 * 1024) + ",unit,2000,1")),
            ("bom-defect", () => Utf8.GetPreamble().Concat(Bytes(Body() + "\nBO,x,name,unit,2000,1")).ToArray()),
            ("crlf-defect", () => Bytes((Body() + "\nBO,x,name,unit,abc,1,src").Replace("\n", "\r\n"))),
            ("duplicate", () => Bytes(Body() + "\n" + lines[1])),
            ("too-few", () => Bytes(Body() + "\nBO,x")),
        };
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = mutations[i % mutations.Length];
            yield return new Sample($"csv-{i:D3}-{name}", apply(), name);
        }
    }

    private static byte[] Bytes(string text) => Utf8.GetBytes(text);

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        bytes[0] = 0xFF; // never valid UTF-8, never an accidental valid document
        return bytes;
    }

    private static byte[] InsertBytes(byte[] bytes, Random random, byte[] insert)
    {
        var at = random.Next(bytes.Length + 1);
        return bytes[..at].Concat(insert).Concat(bytes[at..]).ToArray();
    }

    /// <summary>Inserts <paramref name="yaml"/> as lines of the front matter (after a random field line).</summary>
    private static string InsertInFrontMatter(string text, Random random, string yaml)
    {
        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        var lines = text[4..end].Split('\n').ToList();
        var topLevel = Enumerable.Range(0, lines.Count).Where(i => lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && !lines[i].StartsWith('-')).ToList();
        var at = topLevel[random.Next(topLevel.Count)];
        // insert before a top-level field, so the inserted lines are top-level too
        lines.Insert(at, yaml);
        return "---\n" + string.Join('\n', lines) + text[end..];
    }

    private static string FirstField(string text) => text.Split('\n').Skip(1).First(l => l.Length > 0 && char.IsLetter(l[0])).Split(':')[0];

    /// <summary>Replaces the top-level field <paramref name="field"/> (with its indented continuation) by <paramref name="line"/>.</summary>
    private static string ReplaceField(string text, string field, string line)
    {
        var lines = text.Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        if (at < 0)
        {
            var end = lines.FindIndex(1, l => l.TrimEnd('\r') == "---");
            lines.Insert(end < 0 ? lines.Count : end, line);
            return string.Join('\n', lines);
        }
        var stop = at + 1;
        while (stop < lines.Count && lines[stop].Length > 0 && (lines[stop][0] == ' ' || lines[stop][0] == '-')) stop++;
        lines.RemoveRange(at, stop - at);
        lines.Insert(at, line);
        return string.Join('\n', lines);
    }
}
