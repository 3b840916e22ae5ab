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
    /// every practice of <paramref name="sourceContent"/>, each copy's title followed by a made-up place name
    /// (so words keep their real frequencies and the vocabulary still grows with the corpus).
    /// </summary>
    public static void Replicate(string sourceContent, string target, int copies, int seed = 42)
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
        for (var copy = 0; copy < copies; copy++)
            foreach (var (name, text) in practices)
            {
                var place = Place(random);
                var titled = TitleLine.Replace(text, m => $"title: {m.Groups[1].Value}{m.Groups[2].Value} — {place}{m.Groups[3].Value}", 1);
                File.WriteAllText(Path.Combine(target, "practices", $"{name}-{copy:D3}.md"), titled);
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
