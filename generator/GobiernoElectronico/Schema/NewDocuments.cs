using System.Globalization;
using System.Text;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Schema;

/// <summary>
/// The files <c>ge new</c> writes: every field present (optional ones with a safe value or as a comment),
/// each explained, in Spanish (the site's default language), pointing editors at the JSON Schema, and valid
/// as written. New documents are drafts until an editor removes <c>draft: true</c>.
/// </summary>
public static class NewDocuments
{
    /// <summary>Names of the countries of the region (ISO code → Spanish, Portuguese, English), for new assessments.</summary>
    private static readonly Dictionary<string, (string Es, string Pt, string En)> Names = new(StringComparer.Ordinal)
    {
        ["AR"] = ("Argentina", "Argentina", "Argentina"), ["BO"] = ("Bolivia", "Bolívia", "Bolivia"), ["BR"] = ("Brasil", "Brasil", "Brazil"),
        ["CL"] = ("Chile", "Chile", "Chile"), ["CO"] = ("Colombia", "Colômbia", "Colombia"), ["CR"] = ("Costa Rica", "Costa Rica", "Costa Rica"),
        ["CU"] = ("Cuba", "Cuba", "Cuba"), ["DO"] = ("República Dominicana", "República Dominicana", "Dominican Republic"),
        ["EC"] = ("Ecuador", "Equador", "Ecuador"), ["SV"] = ("El Salvador", "El Salvador", "El Salvador"), ["GT"] = ("Guatemala", "Guatemala", "Guatemala"),
        ["HN"] = ("Honduras", "Honduras", "Honduras"), ["HT"] = ("Haití", "Haiti", "Haiti"), ["JM"] = ("Jamaica", "Jamaica", "Jamaica"),
        ["MX"] = ("México", "México", "Mexico"), ["NI"] = ("Nicaragua", "Nicarágua", "Nicaragua"), ["PA"] = ("Panamá", "Panamá", "Panama"),
        ["PY"] = ("Paraguay", "Paraguai", "Paraguay"), ["PE"] = ("Perú", "Peru", "Peru"), ["TT"] = ("Trinidad y Tobago", "Trinidad e Tobago", "Trinidad and Tobago"),
        ["UY"] = ("Uruguay", "Uruguai", "Uruguay"), ["VE"] = ("Venezuela", "Venezuela", "Venezuela"),
    };

    /// <param name="series">The sourced series of <c>content/data/indicators.csv</c>: the new file names those of
    /// this country in their pillars, so that an editor starts from the real figures and never types one.</param>
    public static string Country(string code, DateOnly today, IReadOnlyList<Model.IndicatorSeries>? series = null)
    {
        var upper = code.ToUpperInvariant();
        var (es, pt, en) = Names.TryGetValue(upper, out var n) ? n : (upper, upper, upper);
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append("# yaml-language-server: $schema=../.schemas/country.schema.json\n");
        sb.Append("# Evaluación de país. Formato completo: README.md, sección \"Content format\".\n");
        sb.Append("name:                          # nombre del país en cada idioma\n");
        sb.Append(CultureInfo.InvariantCulture, $"  es: {es}\n  pt: {pt}\n  en: {en}\n");
        sb.Append("committee_role: none           # coordinator | member | none\n");
        sb.Append(CultureInfo.InvariantCulture, $"assessment_date: {today:yyyy-MM-dd}      # fecha de la evaluación (AAAA-MM-DD)\n");
        sb.Append("language: es                   # idioma del texto: es | pt | en\n");
        sb.Append("illustrative: true             # true mientras niveles y narrativa no tengan fuentes\n");
        sb.Append("draft: true                    # borrador: no se publica; quite esta línea para publicar\n");
        sb.Append("summary: >-                    # un párrafo: se muestra en listas y resultados de búsqueda\n");
        sb.Append("  ").Append(Placeholders.Summary).Append('\n');
        sb.Append("pillars:\n");
        foreach (var (pillar, label) in new[] { ("infrastructure", "infraestructura de redes"), ("systems", "desarrollo de sistemas"), ("services", "servicios telemáticos al ciudadano") })
        {
            var levels = Vocabulary.LevelsOf(pillar);
            sb.Append("  ").Append((pillar + ":").PadRight(29)).Append("# ").Append(label).Append('\n');
            sb.Append(("    level: " + levels[0]).PadRight(31)).Append("# ").Append(string.Join(" | ", levels)).Append('\n');
            sb.Append("    narrative: |               # Markdown\n");
            sb.Append("      ").Append(Placeholders.Narrative).Append('\n');
            var ids = (series ?? []).Where(s => s.Country == upper && Vocabulary.IndicatorPillars.GetValueOrDefault(s.Id) == pillar)
                .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                sb.Append("    indicators: []             # content/data/indicators.csv no tiene series de este pilar para el país\n");
                continue;
            }
            sb.Append("    indicators:                # cifras de content/data/indicators.csv (valor, unidad y fuente salen de ahí)\n");
            foreach (var s in ids)
                sb.Append(("      - id: " + s.Id).PadRight(57))
                    .Append(CultureInfo.InvariantCulture, $"# la más reciente: {s.Latest.Year}; 'year: AAAA' para otra ({s.Points[0].Year}–{s.Latest.Year})\n");
        }
        sb.Append("---\n");
        sb.Append(Placeholders.CountryBody).Append('\n');
        return sb.ToString();
    }

    public static string Practice(string title, string country, string language, DateOnly today)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append("# yaml-language-server: $schema=../.schemas/practice.schema.json\n");
        sb.Append("# Buena práctica. Formato completo: README.md, sección \"Content format\".\n");
        sb.Append(CultureInfo.InvariantCulture, $"title: {Quote(title)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"country: {country.ToUpperInvariant()}                    # código ISO de un país con evaluación publicada\n");
        sb.Append("government_level: local            # national | regional | local\n");
        sb.Append("relation: [G2C]                    # una o más: G2C | G2B | G2G\n");
        sb.Append("pillars: [services]                # uno o más: infrastructure | systems | services\n");
        sb.Append("sectors: [local-administration]    # uno o más: " + string.Join(", ", Vocabulary.Sectors) + "\n");
        sb.Append(CultureInfo.InvariantCulture, $"year_started: {today.Year}                 # año de inicio\n");
        sb.Append("status: planned                    # planned | pilot | operating | discontinued\n");
        sb.Append("replicability:\n");
        sb.Append("  level: medium                    # high | medium | low\n");
        sb.Append("  conditions:                      # qué hace falta para replicarla\n");
        sb.Append("    - ").Append(Placeholders.Condition).Append('\n');
        sb.Append("funding: []                        # fuentes de financiamiento, p. ej. [BID, CAF]\n");
        sb.Append(CultureInfo.InvariantCulture, $"language: {language}                       # idioma del texto: es | pt | en\n");
        sb.Append("illustrative: true                 # true mientras la narrativa no tenga fuentes\n");
        sb.Append("draft: true                        # borrador: no se publica; quite esta línea para publicar\n");
        sb.Append("summary: >-                        # un párrafo: se muestra en listas y resultados de búsqueda\n");
        sb.Append("  ").Append(Placeholders.Summary).Append('\n');
        sb.Append("sources:                           # referencias: title (obligatorio), publisher, year, url\n");
        sb.Append("  - title: ").Append(Placeholders.Source).Append('\n');
        sb.Append("see_also: []                       # slugs de otras prácticas recomendadas\n");
        sb.Append("# slug: mi-practica                # nombre en la URL (por defecto, el nombre del archivo)\n");
        sb.Append("---\n");
        sb.Append(CultureInfo.InvariantCulture, $"## Qué es\n\n{Placeholders.Paragraph}\n\n## Por qué es una buena práctica\n\n{Placeholders.Paragraph}\n\n## Lecciones para gobiernos locales\n\n{Placeholders.Paragraph}\n");
        return sb.ToString();
    }

    /// <summary>A slug from a title: folded, lower case, hyphens between words, at most 60 characters.</summary>
    public static string Slugify(string title)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(Folding.Fold(title), "[a-z0-9]+").Select(m => m.Value);
        var slug = string.Join('-', words);
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return Patterns.Slug().IsMatch(slug) ? slug : "practica";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
