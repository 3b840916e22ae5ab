using System.Text;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Model;
using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests.Load;

/// <summary>The load stage's parses kept in the build cache (<see cref="ParseCache"/>): a tree taken from the cache is the
/// tree a parse makes, positions included; only clean parses are kept; a damaged file is an empty cache.</summary>
public class ParseCacheTests
{
    private const string Yaml = "title: \"Trámites: en línea\"\ncountry: GT\npillars: [services, systems]\nfunding:\n  - name: BID\n    amount: ~\nsummary: >\n  Folded\n  text\nempty:\n";

    /// <summary>Every node with its kind, value, plainness and position, in order: the trees' records compare their
    /// lists by reference, so two trees are compared through this.</summary>
    private static string Dump(YamlNode? node)
    {
        var text = new StringBuilder();
        void Walk(YamlNode? n, int depth)
        {
            text.Append(' ', depth);
            switch (n)
            {
                case null: text.Append("null\n"); break;
                case YamlScalar s: text.Append(System.Globalization.CultureInfo.InvariantCulture, $"scalar {s.Value}|{s.Plain}@{s.Position}\n"); break;
                case YamlSequence q:
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"seq@{q.Position}\n");
                    foreach (var item in q.Items) Walk(item, depth + 1);
                    break;
                case YamlMapping m:
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"map@{m.Position}\n");
                    foreach (var (key, value) in m.Entries)
                    {
                        Walk(key, depth + 1);
                        Walk(value, depth + 2);
                    }
                    break;
            }
        }
        Walk(node, 0);
        return text.ToString();
    }

    private static string Parsed(string yaml, int lineOffset)
    {
        Assert.That(YamlReader.TryParse(yaml, "x.md", lineOffset, new DiagnosticBag(), out var node));
        return Dump(node);
    }

    [Test]
    public void A_tree_read_back_from_the_cache_is_the_tree_a_parse_makes()
    {
        using var dir = new TempDir();
        var first = ParseCache.Empty();
        foreach (var (yaml, offset) in new[] { (Yaml, 1), (Yaml, 7), ("", 1), ("a: 1", 1) })
            Assert.That(first.TryParse(yaml, "x.md", offset, new DiagnosticBag(), out _));
        Assert.That(first.Reused, Is.Zero);
        first.Write(dir["parse-cache"]);

        var next = ParseCache.Read(dir["parse-cache"]);
        foreach (var (yaml, offset) in new[] { (Yaml, 1), (Yaml, 7), ("", 1), ("a: 1", 1) })
        {
            Assert.That(next.TryParse(yaml, "x.md", offset, new DiagnosticBag(), out var node));
            Assert.That(Dump(node), Is.EqualTo(Parsed(yaml, offset)), $"line offset {offset}");
        }
        Assert.That(next.Reused, Is.EqualTo(4), "every tree came from the cache");
        Assert.That(Parsed(Yaml, 7), Is.Not.EqualTo(Parsed(Yaml, 1)), "the same text at another line is another tree");

        // Text the last build did not parse is parsed; only what this build used is carried on.
        Assert.That(next.TryParse("b: 2", "y.md", 1, new DiagnosticBag(), out var other));
        Assert.That(Dump(other), Is.EqualTo(Parsed("b: 2", 1)));
        Assert.That(next.Count, Is.EqualTo(5));
        var unused = ParseCache.Read(dir["parse-cache"]);
        unused.TryParse("a: 1", "x.md", 1, new DiagnosticBag(), out _);
        unused.Write(dir["carried"]);
        Assert.That(ParseCache.Read(dir["carried"]).TryParse(Yaml, "x.md", 1, new DiagnosticBag(), out _), Is.True);
        Assert.That(new FileInfo(dir["carried"]).Length, Is.LessThan(new FileInfo(dir["parse-cache"]).Length), "parses no build used are dropped");
    }

    [Test]
    public void Front_matter_with_a_problem_is_parsed_and_reported_every_time()
    {
        using var dir = new TempDir();
        var cache = ParseCache.Empty();
        const string broken = "title: A\ntitle: B\n"; // a duplicate key: parsed, with an error
        for (var i = 0; i < 2; i++)
        {
            var bag = new DiagnosticBag();
            cache.TryParse(broken, "x.md", 1, bag, out _);
            Assert.That(bag.Sorted().Select(d => d.Code), Does.Contain(ErrorCodes.DuplicateKey));
        }
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.Reused, Is.Zero);
    }

    [Test]
    public void A_damaged_or_foreign_cache_file_is_an_empty_cache()
    {
        using var dir = new TempDir();
        var cache = ParseCache.Empty();
        cache.TryParse(Yaml, "x.md", 1, new DiagnosticBag(), out _);
        cache.Write(dir["parse-cache"]);
        var bytes = File.ReadAllBytes(dir["parse-cache"]);
        var cases = new Dictionary<string, byte[]>
        {
            ["cut short"] = bytes[..(bytes.Length / 2)],
            ["a count past the file"] = Damaged(bytes, 0x7f),
            ["another format"] = Encoding.UTF8.GetBytes("ge-parse-cache 0"),
            ["empty"] = [],
        };
        foreach (var (name, content) in cases)
        {
            File.WriteAllBytes(dir["damaged"], content);
            var read = ParseCache.Read(dir["damaged"]);
            Assert.That(read.TryParse(Yaml, "x.md", 1, new DiagnosticBag(), out var node), name);
            Assert.That(read.Reused, Is.Zero, name);
            Assert.That(Dump(node), Is.EqualTo(Parsed(Yaml, 1)), name);
        }
    }

    /// <summary>The file with its last 200 bytes (its tree and end mark) set to <paramref name="value"/>: kinds, counts and
    /// lengths that are no longer what the writer wrote.</summary>
    private static byte[] Damaged(byte[] bytes, byte value)
    {
        var copy = (byte[])bytes.Clone();
        var headerEnd = copy.Length - 200;
        for (var i = Math.Max(0, headerEnd); i < copy.Length; i++) copy[i] = value;
        return copy;
    }

    [Test]
    public void A_document_whose_file_kept_its_time_and_length_is_made_without_reading_it()
    {
        using var dir = new TempDir();
        var files = new List<(string File, ContentKind Kind)>();
        foreach (var (name, body) in new[] { ("a", "Gestión *municipal* en São Paulo.\n"), ("b", "Otra práctica.\n\n…\n"), ("c", "") })
        {
            var file = dir[$"content/practices/{name}.md"];
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, $"\uFEFF---\ntitle: \"{name}\"\ncountry: AR\n---\n{body}", new UTF8Encoding(false));
            files.Add((file, ContentKind.Practice));
        }
        var first = ParseCache.Empty();
        var read = ContentLoader.Read(files, new DiagnosticBag(), parses: first);
        Assert.That(first.Stamps.Count, Is.EqualTo(3));
        first.Write(dir["parse-cache"]);
        first.Stamps.Write(dir["stamps"]);

        var next = ParseCache.Read(dir["parse-cache"], dir["stamps"]);
        var again = ContentLoader.Read(files, new DiagnosticBag(), parses: next);
        Assert.That(next.Stamps.Reused, Is.EqualTo(3), "no file was read");
        for (var i = 0; i < read.Count; i++)
        {
            var (was, now) = (read[i], again[i]);
            Assert.Multiple(() =>
            {
                Assert.That((now.Body.IsRead, now.Head.IsRead), Is.EqualTo((was.Body.IsEmpty, false)), "neither head nor body read yet (an empty body is no text to read)");
                Assert.That((now.Kind, now.Path, now.Key, now.ContentPath, now.BodyFirstLine), Is.EqualTo((was.Kind, was.Path, was.Key, was.ContentPath, was.BodyFirstLine)));
                Assert.That(Dump(now.FrontMatter), Is.EqualTo(Dump(was.FrontMatter)));
                Assert.That(now.BodyMayHoldPlaceholder, Is.EqualTo(was.BodyMayHoldPlaceholder), "known without reading the body");
                Assert.That(now.Body.Text, Is.EqualTo(was.Body.Text), "read when asked for");
                Assert.That(now.Head.Text, Is.EqualTo(was.Head.Text));
            });
        }
        Assert.That(read[1].BodyMayHoldPlaceholder, Is.True);

        // A file rewritten with its time and length set back is taken as unchanged, but its text is checked when read: the
        // build stops rather than use two versions of the file.
        var a = files[0].File;
        var stamp = File.GetLastWriteTimeUtc(a);
        var bytes = File.ReadAllBytes(a);
        bytes[bytes.AsSpan().IndexOf("municipal"u8)] = (byte)'M'; // the same length
        File.WriteAllBytes(a, bytes);
        File.SetLastWriteTimeUtc(a, stamp);
        var third = ParseCache.Read(dir["parse-cache"], dir["stamps"]);
        var tampered = ContentLoader.Read(files, new DiagnosticBag(), parses: third);
        Assert.That(tampered[0].Body.IsRead, Is.False);
        Assert.That(Assert.Throws<ContentChangedException>(() => _ = tampered[0].Body.Text)!.Path, Is.EqualTo(read[0].Path));

        // A file with another time is read again, and recorded anew.
        File.SetLastWriteTimeUtc(a, stamp.AddSeconds(1));
        var fourth = ParseCache.Read(dir["parse-cache"], dir["stamps"]);
        var reread = ContentLoader.Read(files, new DiagnosticBag(), parses: fourth);
        Assert.That(fourth.Stamps.Reused, Is.EqualTo(2));
        Assert.That(reread[0].Body.IsRead, Is.True);
        Assert.That(reread[0].Body.Text, Does.Contain("Municipal"));

        // A damaged record is an empty one.
        File.WriteAllBytes(dir["stamps"], File.ReadAllBytes(dir["stamps"])[..40]);
        var fifth = ParseCache.Read(dir["parse-cache"], dir["stamps"]);
        ContentLoader.Read(files, new DiagnosticBag(), parses: fifth);
        Assert.That(fifth.Stamps.Reused, Is.Zero);
    }
}
