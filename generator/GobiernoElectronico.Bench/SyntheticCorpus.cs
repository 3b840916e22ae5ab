using System.Globalization;
using System.Text;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Bench;

/// <summary>
/// A reproducible synthetic content tree for benchmarks: the real site.yml and country assessments, plus
/// <c>n</c> generated practices in Spanish, Portuguese and English. Text is drawn from domain word lists
/// with a fixed seed, and every practice names a made-up municipality, so that the vocabulary keeps growing
/// with the corpus as a real survey of local governments would.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["es"] = ("gobierno electrónico municipio municipios municipal alcaldía trámite trámites en línea servicio servicios ciudadano ciudadanos " +
                  "telecentro telecentros biblioteca escuela hospital internet conectividad red redes banda ancha fibra óptica portal sistema sistemas " +
                  "información transparencia compras públicas presupuesto impuestos registro civil salud educación capacitación funcionarios " +
                  "interoperabilidad firma digital identidad pago pagos ventanilla única comunidad rural provincia departamento región gestión " +
                  "proyecto programa financiamiento cooperación banco desarrollo taller talleres participación datos abiertos plataforma acceso").Split(' '),
        ["pt"] = ("governo eletrônico município municípios municipal prefeitura serviço serviços cidadão cidadãos telecentro telecentros " +
                  "biblioteca escola hospital internet conectividade rede redes banda larga fibra portal sistema sistemas informação transparência " +
                  "compras públicas orçamento impostos registro saúde educação capacitação servidores interoperabilidade assinatura digital " +
                  "identidade pagamento atendimento comunidade rural estado região gestão projeto programa financiamento cooperação banco " +
                  "desenvolvimento oficina oficinas participação dados abertos plataforma acesso").Split(' '),
        ["en"] = ("electronic government municipality municipalities municipal council online service services citizen citizens telecentre " +
                  "telecentres library school hospital internet connectivity network networks broadband fibre portal system systems information " +
                  "transparency public procurement budget taxes registry health education training officials interoperability digital signature " +
                  "identity payment payments one-stop shop community rural parish region management project programme financing cooperation bank " +
                  "development workshop workshops participation open data platform access").Split(' '),
    };

    private static readonly string[] Syllables = ["ta", "ri", "co", "pa", "hu", "ma", "qui", "lla", "sa", "to", "ya", "na", "be", "lo", "cha", "gua", "ti", "ca", "mi", "ra"];

    private static readonly string[] Countries = ["bo", "br", "cu", "do", "ec", "gt", "jm", "pe", "ve"];

    /// <summary>Writes site.yml, the thesaurus and countries/ copied from <paramref name="sourceContent"/>, and <paramref name="practices"/> practices.</summary>
    public static void Write(string sourceContent, string target, int practices, int seed = 42)
    {
        Directory.CreateDirectory(Path.Combine(target, "countries"));
        Directory.CreateDirectory(Path.Combine(target, "practices"));
        File.Copy(Path.Combine(sourceContent, "site.yml"), Path.Combine(target, "site.yml"), true);
        // The thesaurus and the indicator data the countries' pillars name.
        if (Directory.Exists(Path.Combine(sourceContent, "data")))
        {
            Directory.CreateDirectory(Path.Combine(target, "data"));
            foreach (var file in Directory.GetFiles(Path.Combine(sourceContent, "data")))
                File.Copy(file, Path.Combine(target, "data", Path.GetFileName(file)), true);
        }
        foreach (var c in Countries)
            File.Copy(Path.Combine(sourceContent, "countries", c + ".md"), Path.Combine(target, "countries", c + ".md"), true);
        var random = new Random(seed);
        for (var i = 0; i < practices; i++)
            File.WriteAllText(Path.Combine(target, "practices", $"practica-{i:D6}.md"), Practice(random, i));
    }

    private static readonly System.Text.RegularExpressions.Regex TitleLine = new("^title: (\"?)(.*?)(\"?)$",
        System.Text.RegularExpressions.RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Real text at region scale: site.yml, the thesaurus, the countries and <paramref name="copies"/> copies of
    /// every practice of <paramref name="sourceContent"/>, each copy's title followed by a made-up place name, and its
    /// vocabulary growing as a real collection's does (<see cref="HeapsExponent"/>): words keep their real frequencies,
    /// and the copies after the first bring the new words that as many more distinct documents would.
    /// </summary>
    /// <remarks>
    /// Copies alone (and a place name each) gave 20,104 practices the vocabulary of their 359 sources and 20,000 names:
    /// 27,000 surfaces where a collection of that size has about 150,000, so the index, the lexicon and the search files
    /// the benchmark measured were those of a far smaller vocabulary than the region's. The count of distinct words
    /// follows Heaps' law, V(n) = K·n^β in the number n of words read: β as fitted on the relevance collection, K so that
    /// the sources are on the curve. Each copy after the first has as many of its body's words replaced by new ones as
    /// brings the count of distinct words to the curve (at most one in four of its words), each new word made of a real
    /// one (its beginning, made-up syllables, its ending), so that it stems and inflects like one.
    /// </remarks>
    /// <param name="growVocabulary">False: plain copies (the vocabulary of the sources and the places), as the benchmark's
    /// corpus was before the run of 2026-12-05, 09:08.</param>
    public static void Replicate(string sourceContent, string target, int copies, int seed = 42, bool growVocabulary = true)
    {
        Directory.CreateDirectory(Path.Combine(target, "practices"));
        File.Copy(Path.Combine(sourceContent, "site.yml"), Path.Combine(target, "site.yml"), true);
        foreach (var folder in new[] { "countries", "data" })
        {
            var from = Path.Combine(sourceContent, folder);
            if (!Directory.Exists(from)) continue;
            Directory.CreateDirectory(Path.Combine(target, folder));
            foreach (var file in Directory.GetFiles(from).Order(StringComparer.Ordinal))
                File.Copy(file, Path.Combine(target, folder, Path.GetFileName(file)), true);
        }
        var random = new Random(seed);
        var practices = Directory.GetFiles(Path.Combine(sourceContent, "practices"), "*.md").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Text: File.ReadAllText(f))).ToList();
        var vocabulary = new GrowingVocabulary(practices.Select(p => Body(p.Text)));
        for (var copy = 0; copy < copies; copy++)
            foreach (var (name, text) in practices)
            {
                var place = Place(random);
                var titled = TitleLine.Replace(text, m => $"title: {m.Groups[1].Value}{m.Groups[2].Value} — {place}{m.Groups[3].Value}", 1);
                if (copy > 0 && growVocabulary) titled = vocabulary.Grown(titled, random);
                File.WriteAllText(Path.Combine(target, "practices", $"{name}-{copy:D3}.md"), titled);
            }
    }

    /// <summary>Heaps' law's exponent for the relevance collection: the distinct words of its bodies, read in three random
    /// orders, fit V = K·n^β with β between 0.536 and 0.545 (over the last three quarters of the 160,666 words read).</summary>
    public const double HeapsExponent = 0.54;

    /// <summary>A word of a body: letters alone, as the count of distinct words is made.</summary>
    private static readonly System.Text.RegularExpressions.Regex WordPattern = new(@"[^\W\d_]+", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>A line of prose (not a heading, table, list of links, image, HTML or code), whose words a copy may change.</summary>
    private static readonly System.Text.RegularExpressions.Regex ProseLine = new(@"^[\p{L}¿¡""'(].*$",
        System.Text.RegularExpressions.RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    /// <summary>The text after a practice's front matter.</summary>
    private static string Body(string text)
    {
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        return end < 0 ? "" : text[(end + 5)..];
    }

    /// <summary>The distinct words of the bodies written so far, and how many words were read: each copy's new words bring
    /// the count to Heaps' curve.</summary>
    private sealed class GrowingVocabulary
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly double _k;
        private long _read;

        /// <param name="sources">The sources' bodies, each once: the curve passes through them.</param>
        public GrowingVocabulary(IEnumerable<string> sources)
        {
            foreach (var body in sources) Read(body);
            _k = _seen.Count / Math.Pow(Math.Max(1, _read), HeapsExponent);
        }

        private void Read(string body)
        {
            foreach (System.Text.RegularExpressions.Match m in WordPattern.Matches(body))
            {
                _read++;
                _seen.Add(m.Value.ToLowerInvariant());
            }
        }

        /// <summary>The practice with as many words of its prose replaced by new ones as brings the count of distinct words to
        /// the curve once it is read (at most one in four).</summary>
        public string Grown(string practice, Random random)
        {
            var bodyAt = practice.Length - Body(practice).Length;
            var body = practice[bodyAt..];
            var candidates = new List<(int Index, string Value)>();
            foreach (System.Text.RegularExpressions.Match line in ProseLine.Matches(body))
            {
                if (line.Value.Contains("](", StringComparison.Ordinal) || line.Value.Contains("://", StringComparison.Ordinal)) continue;
                foreach (System.Text.RegularExpressions.Match m in WordPattern.Matches(line.Value))
                    if (m.Length >= 4) candidates.Add((line.Index + m.Index, m.Value));
            }
            var words = WordPattern.Count(body);
            var wanted = (int)Math.Round(_k * Math.Pow(_read + words, HeapsExponent)) - _seen.Count;
            var count = Math.Clamp(wanted, 0, Math.Min(candidates.Count, words / 4));
            var chosen = candidates.OrderBy(_ => random.Next()).Take(count).OrderBy(m => m.Index).ToList();
            var grown = new StringBuilder(body.Length + 16 * count);
            var at = 0;
            foreach (var m in chosen)
            {
                grown.Append(body, at, m.Index - at).Append(NewWord(m.Value, random));
                at = m.Index + m.Value.Length;
            }
            grown.Append(body, at, body.Length - at);
            var result = grown.ToString();
            Read(result);
            return practice[..bodyAt] + result;
        }

        /// <summary>A word no body has yet, made of <paramref name="real"/>: its first letters, two or three made-up syllables
        /// and its last two letters.</summary>
        private string NewWord(string real, Random random)
        {
            while (true)
            {
                var word = real[..Math.Min(4, real.Length - 2)] + string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)]))
                    + real[^2..];
                if (_seen.Add(word.ToLowerInvariant())) return word;
            }
        }
    }

    private static string Practice(Random r, int i)
    {
        var language = Vocabulary.Languages[r.Next(3)];
        var words = Words[language];
        string Pick() => words[r.Next(words.Length)];
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Pick())) + ".";
        string Some(IReadOnlyList<string> from, int max) => string.Join(", ", from.OrderBy(_ => r.Next()).Take(1 + r.Next(max)));
        var place = Place(r);
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append(CultureInfo.InvariantCulture, $"title: \"{Capitalise(Pick())} {Pick()} {Pick()} — {place}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"country: {Countries[r.Next(Countries.Length)].ToUpperInvariant()}\n");
        sb.Append(CultureInfo.InvariantCulture, $"government_level: {Vocabulary.GovernmentLevels[r.Next(3)]}\n");
        sb.Append(CultureInfo.InvariantCulture, $"relation: [{Some(Vocabulary.Relations, 2)}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"pillars: [{Some(Vocabulary.Pillars, 2)}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"sectors: [{Some(Vocabulary.Sectors, 3)}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"year_started: {1995 + r.Next(31)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"status: {Vocabulary.Statuses[r.Next(4)]}\n");
        sb.Append(CultureInfo.InvariantCulture, $"replicability: {{level: {Vocabulary.Replicability[r.Next(3)]}, conditions: [\"{Sentence(6)}\"]}}\n");
        sb.Append(CultureInfo.InvariantCulture, $"language: {language}\n");
        sb.Append(CultureInfo.InvariantCulture, $"illustrative: true\n");
        sb.Append(CultureInfo.InvariantCulture, $"summary: \"{place}: {Sentence(25)}\"\n");
        sb.Append("sources: [{title: Synthetic benchmark document}]\n");
        sb.Append("---\n");
        for (var p = 0; p < 3 + r.Next(4); p++)
            sb.Append(string.Join(' ', Enumerable.Range(0, 3 + r.Next(4)).Select(_ => Sentence(8 + r.Next(12))))).Append("\n\n");
        return sb.ToString();
    }

    private static string Place(Random r) =>
        Capitalise(string.Concat(Enumerable.Range(0, 2 + r.Next(3)).Select(_ => Syllables[r.Next(Syllables.Length)])));

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
