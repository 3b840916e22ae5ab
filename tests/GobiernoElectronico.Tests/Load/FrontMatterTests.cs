using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;

namespace GobiernoElectronico.Tests.Load;

public class FrontMatterTests
{
    [Test]
    public void Splits_yaml_from_body_and_keeps_line_numbers()
    {
        var (split, problem) = FrontMatter.Split("---\ntitle: A\nx: 1\n---\n# Body\ntext\n");
        Assert.That(problem, Is.EqualTo(FrontMatter.Problem.None));
        Assert.That(split!.Yaml, Is.EqualTo("title: A\nx: 1"));
        Assert.That(split.YamlFirstLine, Is.EqualTo(2));
        Assert.That(split.Body, Is.EqualTo("# Body\ntext\n"));
        Assert.That(split.BodyFirstLine, Is.EqualTo(5));
    }

    [Test]
    public void Accepts_crlf_bom_and_dots_terminator()
    {
        var (split, problem) = FrontMatter.Split("\uFEFF---\r\ntitle: A\r\n...\r\nbody");
        Assert.That(problem, Is.EqualTo(FrontMatter.Problem.None));
        Assert.That(split!.Body, Is.EqualTo("body"));
    }

    /// <summary>The split as it was written before it scanned lines in place (one string per line, joined again): the
    /// scan must give the same YAML, body, lines and problems on every arrangement of lines.</summary>
    private static (FrontMatter? Result, FrontMatter.Problem Problem) SplitByLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ', '\t') != "---") return (null, FrontMatter.Problem.Missing);
        for (var i = 1; i < lines.Length; i++)
            if (lines[i].TrimEnd('\r', ' ', '\t') is "---" or "...")
                return (new FrontMatter(string.Join('\n', lines[1..i]), 2, string.Join('\n', lines[(i + 1)..]), i + 2), FrontMatter.Problem.None);
        return (null, FrontMatter.Problem.Unterminated);
    }

    [Test]
    public void Splits_every_arrangement_of_lines_as_splitting_into_lines_does()
    {
        string[] pieces = ["---", "...", "--- \t", "title: A", "", "\r", "-- -", "x: ---", "\uFEFF---", "..", " ---"];
        var random = new Random(20261202);
        var texts = new List<string> { "", "\n", "---", "---\n", "---\n---", "---\r\n---\r\n", "\uFEFF", "\uFEFF---\n...\n" };
        for (var n = 0; n < 5000; n++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 7)).Select(_ => pieces[random.Next(pieces.Length)]);
            texts.Add(string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + (random.Next(3) == 0 ? "\n" : ""));
        }
        var split = 0;
        foreach (var text in texts)
        {
            var expected = SplitByLines(text);
            var result = FrontMatter.Split(text);
            Assert.That(result, Is.EqualTo(expected), text.Replace("\n", "\\n").Replace("\r", "\\r"));
            if (expected.Problem == FrontMatter.Problem.None) split++;
            // The loader takes the text before the body as the text without the body's length at its end.
            if (result.Result is { } front) Assert.That(text.EndsWith(front.Body, StringComparison.Ordinal), text.Replace("\n", "\\n"));
        }
        Assert.That(split, Is.GreaterThan(400), "hundreds of texts have front matter");
    }

    /// <summary>The loader cuts a document's body off the file's bytes and decodes only the rest: the document must be the one
    /// parsing the decoded text gives (the same head, YAML, body, lines and problems), on every arrangement of lines, with
    /// byte-order marks, CRLF, accents and the bytes the decoder refuses.</summary>
    [Test]
    public void Reading_a_documents_bytes_gives_the_document_its_decoded_text_gives()
    {
        string[] pieces = ["---", "...", "--- \t", "title: Trámite ñandú", "", "\r", "x: ---", "\uFEFF---", "summary: \"São Tomé — 💡\"", "# Cuerpo con acentos: acción", " ---", "list: [1, 2"];
        var random = new Random(20261204);
        var folder = Directory.CreateTempSubdirectory("ge-bytes-").FullName;
        try
        {
            List<byte[]> files =
            [
                "---\ntitle: A\n---\nbody"u8.ToArray(), [0xEF, 0xBB, 0xBF, .. "---\ntitle: A\n---\nb"u8],
                [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. "---\ntitle: A\n---\nb"u8], [.. "---\ntitle: A\n---\nb"u8, 0xC3], [.. "---\ntitle: A\n---\n"u8, 0, (byte)'x'],
            ];
            for (var n = 0; n < 600; n++)
            {
                var lines = Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]);
                files.Add(System.Text.Encoding.UTF8.GetBytes(string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + (random.Next(3) == 0 ? "\n" : "")));
            }
            var read = 0;
            for (var i = 0; i < files.Count; i++)
            {
                var file = Path.Combine(folder, $"p{i}.md");
                File.WriteAllBytes(file, files[i]);
                var (fromBytes, fromText) = (new DiagnosticBag(), new DiagnosticBag());
                var document = ContentLoader.Read(file, ContentKind.Practice, fromBytes);
                var path = ContentLoader.DisplayPath(file);
                var text = TextFile.Decode(files[i], path, fromText);
                var expected = text is null ? null : ContentLoader.Parse(text, path, ContentKind.Practice, $"p{i}", fromText);
                var shown = Convert.ToHexString(files[i]);
                Assert.That(fromBytes.Sorted(), Is.EqualTo(fromText.Sorted()), shown);
                Assert.That(document is null, Is.EqualTo(expected is null), shown);
                if (document is null || expected is null) continue;
                read++;
                Assert.That((document.Head, document.Body, document.BodyFirstLine, document.Key, document.ContentPath),
                    Is.EqualTo((expected.Head, expected.Body, expected.BodyFirstLine, expected.Key, expected.ContentPath)), shown);
                Assert.That(Show(document.FrontMatter), Is.EqualTo(Show(expected.FrontMatter)), shown);
            }
            Assert.That(read, Is.GreaterThan(60), "dozens of files are documents");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A YAML tree written out whole, with every position.</summary>
    private static string Show(YamlNode? node) => node switch
    {
        null => "null",
        YamlScalar s => $"{s.Value}|{s.Plain}|{s.Position}",
        YamlSequence q => $"[{q.Position}: {string.Join(", ", q.Items.Select(Show))}]",
        YamlMapping m => $"{{{m.Position}: {string.Join(", ", m.Entries.Select(e => Show(e.Key) + ": " + Show(e.Value)))}}}",
        _ => node.ToString(),
    };

    [TestCase("title: A\n---\n", FrontMatter.Problem.Missing)]
    [TestCase("---\ntitle: A\n", FrontMatter.Problem.Unterminated)]
    public void Reports_missing_and_unterminated_front_matter(string text, FrontMatter.Problem expected) =>
        Assert.That(FrontMatter.Split(text).Problem, Is.EqualTo(expected));

    /// <summary>The one error of a practice whose front matter is <paramref name="yaml"/>, which must be malformed YAML (GE0001).</summary>
    private static Diagnostic MalformedYamlError(string yaml)
    {
        var bag = new DiagnosticBag();
        ContentLoader.Parse("---\n" + yaml + "\n---\nbody\n", "p.md", ContentKind.Practice, "p", bag);
        var error = bag.Sorted().Single();
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MalformedYaml));
        return error;
    }

    [Test]
    public void Loader_reports_positions_relative_to_the_whole_file()
    {
        var bag = new DiagnosticBag();
        var doc = ContentLoader.Parse("---\ntitle: A\nlist: [1, 2\n---\n", "p.md", ContentKind.Practice, "p", bag);
        var error = bag.Sorted().Single();
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.MalformedYaml));
        Assert.That(error.Position.Line, Is.GreaterThanOrEqualTo(3), "the error is on or after the broken line of the file, not of the YAML");
        Assert.That(doc!.FrontMatter, Is.Null, "malformed front matter is not mistaken for an empty one");
    }

    // The parser's own words, then what to do about it in plain language.
    [TestCase("title: Trámites: en línea", "must be quoted: title: \"Trámites: en línea\"")]
    [TestCase("pillars: [services, systems", "a closing ]: pillars: [services, systems]")]
    [TestCase("replicability: {level: high", "a closing }")]
    [TestCase("title: \"Trámites en línea", "must close it")]
    [TestCase("title: a\n\tpillars: b", "indented with spaces only: replace the tab with spaces")]
    [TestCase("replicability:\n  level: high\n conditions: [a]", "check the indentation")]
    public void Malformed_yaml_gets_a_hint_in_plain_words(string yaml, string hint)
    {
        var error = MalformedYamlError(yaml);
        Assert.That(error.Message, Does.StartWith("malformed YAML: ").And.Contain(hint));
    }

    // A list or mapping in brackets left open with more fields after it: YamlDotNet stops in a state it does not explain
    // ("Operation is not valid due to the current state of the object"); the editor is told which bracket, where.
    [TestCase("title: A\nsectors: [health, transport\nstatus: operating\nyear_started: 2019", 3, 10, "the list opened with '[' here is not closed")]
    [TestCase("title: A\nstatus: [operating\nyear_started: 2019", 3, 9, "the list opened with '[' here is not closed")]
    [TestCase("title: A\nreplicability: {level: high\nstatus: operating", 3, 16, "the mapping opened with '{' here is not closed")]
    [TestCase("title: \"A [draft]\"\nsummary: B (see [1]\npillars: [services,\n  systems\nstatus: x", 4, 10, "the list opened with '[' here is not closed")]
    public void A_bracket_left_open_is_named_where_it_opens(string yaml, int line, int column, string message) =>
        AssertNamedAt(yaml, line, column, message, notSaying: "current state");

    // Words typed after a quoted value's closing quote (a title edited by hand): the parser says a block lacks its key, and
    // the indentation hint sent editors to the wrong place. Found editing a practice's title at 20,000 documents.
    [TestCase("title: \"Trámites en línea\" 2020\nstatus: operating", 2, 28, "'2020' comes after the value's closing quote")]
    [TestCase("title: A\nsummary: 'Un portal' de trámites   # para municipios\nstatus: x", 3, 22, "'de trámites' comes after")]
    [TestCase("title: A\nsectors:\n  - \"health\" and transport\nstatus: x", 4, 14, "'and transport' comes after")]
    [TestCase("title: \"Say \\\"hi\\\"\" again\nstatus: x", 2, 21, "'again' comes after")]
    public void Words_after_a_closing_quote_are_named_where_they_start(string yaml, int line, int column, string message) =>
        AssertNamedAt(yaml, line, column, message, notSaying: "indentation");

    // A field without its ':' (country AR): the parser's message was a block without its key with the indentation hint, or,
    // when the field after it was read as the same text, the hint to quote a value. Found trying an editor's slips on a
    // practice of the shipped content.
    [TestCase("title: A\ncountry AR\nstatus: x", 3, 1, "'country AR' has no ':' after the field's name (a field is written name: value, and a value that goes on to the next line is indented under its field; did you mean 'country: AR'?)")]
    [TestCase("title: Un título\nque sigue aquí\nstatus: x", 3, 1, "'que sigue aquí' has no ':' after the field's name (a field is written name: value, and a value that goes on to the next line is indented under its field)")]
    [TestCase("title: A\nsummary: >-\nUn texto sin sangría\ncountry: AR", 4, 1, "'Un texto sin sangría' is not indented under 'summary: >-' (the text of a field written with > or | goes on the lines below it, each indented more than the field's name)")]
    [TestCase("title: A\nsummary: |\nTexto\nstatus: x", 4, 1, "'Texto' is not indented under 'summary: |'")]
    [TestCase("pillars:\n  systems:\n    narrative: |\nTexto: con dos puntos.\n    level: basic", 5, 1, "'Texto: con dos puntos.' is not indented under 'narrative: |'")]
    [TestCase("summary: >-\nUn texto largo que sigue y sigue más allá de lo que un mensaje debe citar entero.\ntitle: A", 3, 1, "'Un texto largo que sigue y sigue más allá de lo que un…' is not indented under 'summary: >-'")]
    [TestCase("indicators:\n  - id: internet_users\n      year: 2000\n  - id: b", 4, 7, "'year: 2000' is indented more than the field above it, '- id: internet_users'")]
    [TestCase("country AR\ntitle: A", 2, 1, "'country AR' has no ':'")]
    [TestCase("title: A\nstatus: x\ncountry AR", 4, 1, "'country AR' has no ':'")]
    [TestCase("title: A\nreplicability:\n  level medium\n  conditions: [a]\nstatus: x", 4, 3, "'level medium' has no ':' after the field's name (a field is written name: value, and a value that goes on to the next line is indented under its field; did you mean 'level: medium'?)")]
    // A field indented under one that has a value: the hint said to quote a value.
    [TestCase("title: A\n  status: x\ncountry: AR", 3, 3, "'status: x' is indented more than the field above it, 'title: A', which already has a value (the fields of one block start in the same column)")]
    [TestCase("replicability:\nlevel: medium\n  conditions:\n    - a\nstatus: x", 4, 3, "'conditions:' is indented more than the field above it, 'level: medium'")]
    [TestCase("title: A\nreplicability:\n  level: medium\n    conditions: [a]\nstatus: x", 5, 5, "'conditions: [a]' is indented more than the field above it, 'level: medium'")]
    // A tab in the indentation: the parser named the end of the line before, or the block's start.
    [TestCase("title: A\nreplicability:\n  level: medium\n\tconditions: [a]", 5, 1, "a tab indents this line")]
    [TestCase("title: A\n\tstatus: x", 3, 1, "a tab indents this line")]
    public void A_field_without_its_colon_or_indented_with_a_tab_is_named_on_its_line(string yaml, int line, int column, string message) =>
        AssertNamedAt(yaml, line, column, message);

    /// <summary>The one malformed-YAML error of <paramref name="yaml"/> starts with <paramref name="message"/>, is at the line and
    /// column given, and does not say <paramref name="notSaying"/> (the parser's own words the message replaces).</summary>
    private static void AssertNamedAt(string yaml, int line, int column, string message, string? notSaying = null)
    {
        var error = MalformedYamlError(yaml);
        Assert.That(error.Message, Does.StartWith("malformed YAML: " + message));
        if (notSaying is not null) Assert.That(error.Message, Does.Not.Contain(notSaying));
        Assert.That(error.Position, Is.EqualTo(new SourcePosition(line, column)));
    }

    // Lines without a ':' that are not fields: a folded text's lines and a long value's continuation, indented under their
    // field, list items, quoted text, comments.
    [TestCase("summary: >-\n  Un texto\n  en dos líneas\ntitle: A", 3)]
    [TestCase("title: Un título\n  que sigue aquí\nstatus: x", 2)]
    [TestCase("conditions:\n  - Un canal\n  - Otro\nstatus: x", 3)]
    [TestCase("title: A\n# a comment without colon\nstatus: x", 2)]
    [TestCase("title: A\nstatus: x", 2)]
    public void Lines_that_are_no_field_are_not_taken_for_one_without_its_colon(string yaml, int line) =>
        Assert.That(YamlReader.MissingColon(yaml, line), Is.Null);

    // A value that contains ': ' on its own line is the quoting slip, not an indentation one; a field under a field without
    // a value, or under a text opened with '>', is where it belongs.
    [TestCase("title: Trámites: en línea", 1)]
    [TestCase("replicability:\n  level: medium", 2)]
    [TestCase("summary: >-\n  Texto: con dos puntos", 2)]
    public void A_field_where_it_belongs_is_not_taken_for_one_indented_under_a_value(string yaml, int line) =>
        Assert.That(YamlReader.IndentedUnderValue(yaml, line), Is.Null);

    [TestCase("\"quoted key\": value")]
    [TestCase("title: \"A\"   # a comment")]
    [TestCase("title: \"A\"")]
    [TestCase("pillars: [\"a\", 'b']")]
    [TestCase("title: 'It''s' ")]
    [TestCase("title: \"not closed")]
    [TestCase("title: plain \"quoted\" words")]
    public void A_quote_closed_at_its_value_s_end_is_not_words_after_it(string line) =>
        Assert.That(YamlReader.TextAfterQuote(line, 1), Is.Null);

    [TestCase("title: A [draft] (b)\npillars: [services, systems]\nreplicability: {level: high, conditions: [a, 'b]', \"c}\"]}")]
    [TestCase("# a comment with [ and {\ntitle: 'It''s [ok'\nsummary: >-\n  text with [ and {")]
    public void Brackets_that_open_no_value_or_are_closed_are_not_reported(string yaml) =>
        Assert.That(YamlReader.UnclosedFlow(yaml), Is.Null);

    [Test]
    public void Yaml_nodes_carry_file_positions()
    {
        var bag = new DiagnosticBag();
        var doc = ContentLoader.Parse("---\ntitle: A\nnested:\n  key: value\n---\n", "p.md", ContentKind.Practice, "p", bag);
        var nested = (YamlMapping)doc!.FrontMatter!["nested"]!;
        Assert.That(nested["key"]!.Position, Is.EqualTo(new SourcePosition(4, 8)));
        Assert.That(bag.Count, Is.Zero);
    }

    [Test]
    public void Duplicate_keys_are_reported_not_thrown()
    {
        var bag = new DiagnosticBag();
        ContentLoader.Parse("---\ntitle: A\ntitle: B\n---\n", "p.md", ContentKind.Practice, "p", bag);
        Assert.That(bag.Sorted().Single().ToString(), Is.EqualTo("p.md(3,1): error GE0106: 'title' is given twice; keep one"));
    }

    [Test]
    public void Aliases_are_refused()
    {
        var bag = new DiagnosticBag();
        ContentLoader.Parse("---\na: &x 1\nb: *x\n---\n", "p.md", ContentKind.Practice, "p", bag);
        Assert.That(bag.Sorted().Single().Message, Does.Contain("aliases"));
    }

    [Test]
    public void Loader_finds_every_content_file_and_warns_about_strangers()
    {
        using var dir = new Support.TempDir();
        dir.Write("site.yml", "title: x\n");
        dir.Write("countries/bo.md", "---\ncommittee_role: member\n---\n");
        dir.Write("practices/a.md", "---\ntitle: A\n---\nbody");
        dir.Write("notes/todo.txt", "not content");
        dir.Write("practices/.hidden.md", "ignored");
        var bag = new DiagnosticBag();
        var docs = ContentLoader.Load(dir.Path, bag);
        Assert.That(docs.Select(d => (d.Kind, d.Key)), Is.EqualTo(new[] { (ContentKind.Site, "site"), (ContentKind.Country, "bo"), (ContentKind.Practice, "a") }));
        Assert.That(bag.Sorted().Single().Code, Is.EqualTo(ErrorCodes.UnknownFile));
        Assert.That(bag.HasErrors, Is.False);
    }
}
