namespace GobiernoElectronico.Schema;

/// <summary>
/// The controlled vocabularies of the content model. Their values are the keys used in front matter,
/// in facets and in URLs; their labels per language live in <c>templates/i18n/</c>.
/// </summary>
public static class Vocabulary
{
    /// <summary>The programme's interface and content languages.</summary>
    public static readonly IReadOnlyList<string> Languages = ["es", "pt", "en"];

    /// <summary>The region the programme surveys: the 33 sovereign states of Latin America and the Caribbean (ISO 3166-1 alpha-2).</summary>
    public static readonly IReadOnlyList<string> Region =
        ["AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "SV", "GD", "GT", "GY", "HT", "HN", "JM",
         "MX", "NI", "PA", "PY", "PE", "KN", "LC", "VC", "SR", "TT", "UY", "VE"];

    /// <summary>The three pillars of the programme's survey (task 1: a, b, c).</summary>
    public static readonly IReadOnlyList<string> Pillars = ["infrastructure", "systems", "services"];

    /// <summary>The key indicators of <c>content/data/indicators.csv</c> (see its SOURCES.md), in the order the overview
    /// charts and compares them, each with the pillar it measures (<c>ge new country</c> proposes it there).</summary>
    public static readonly IReadOnlyList<(string Id, string Pillar)> Indicators =
    [
        ("internet_users", "infrastructure"),
        ("cell_phones_per_100_people", "infrastructure"),
        ("broadband_subscribers_per_100_people", "infrastructure"),
        ("fixed_line_subscribers_per_100_people", "infrastructure"),
        ("personal_computers_per_100_people", "systems"),
    ];

    /// <summary>The pillar of each of <see cref="Indicators"/>; an id not listed there is proposed for no pillar.</summary>
    public static readonly IReadOnlyDictionary<string, string> IndicatorPillars = Indicators.ToDictionary(i => i.Id, i => i.Pillar, StringComparer.Ordinal);

    /// <summary>Maturity scale of network infrastructure, lowest first.</summary>
    public static readonly IReadOnlyList<string> InfrastructureLevels = ["incipient", "basic", "expanding", "integrated", "universal"];

    /// <summary>Maturity scale of systems development, lowest first.</summary>
    public static readonly IReadOnlyList<string> SystemsLevels = ["isolated", "departmental", "integrated", "interoperable", "shared"];

    /// <summary>UN/ASPA stages of online services (Benchmarking E-government, 2002), lowest first.</summary>
    public static readonly IReadOnlyList<string> ServicesLevels = ["emerging", "enhanced", "interactive", "transactional", "seamless"];

    /// <summary>The scale of each pillar.</summary>
    public static IReadOnlyList<string> LevelsOf(string pillar) => pillar switch
    {
        "infrastructure" => InfrastructureLevels,
        "systems" => SystemsLevels,
        "services" => ServicesLevels,
        _ => throw new ArgumentOutOfRangeException(nameof(pillar), pillar, "not a pillar"),
    };

    public static readonly IReadOnlyList<string> CommitteeRoles = ["coordinator", "member", "none"];

    public static readonly IReadOnlyList<string> GovernmentLevels = ["national", "regional", "local"];

    public static readonly IReadOnlyList<string> Relations = ["G2C", "G2B", "G2G"];

    public static readonly IReadOnlyList<string> Statuses = ["planned", "pilot", "operating", "discontinued"];

    public static readonly IReadOnlyList<string> Replicability = ["high", "medium", "low"];

    public static readonly IReadOnlyList<string> OrganisationKinds =
        ["multilateral-bank", "cooperation-agency", "government", "company", "university", "research-institute", "ngo"];

    public static readonly IReadOnlyList<string> OrganisationRoles = ["financing", "technical-assistance", "partner"];

    public static readonly IReadOnlyList<string> DirectoryKinds = ["person", "institution"];

    /// <summary>Where a telecentre is (task 3: idle public buildings; task 4: cybercafés).</summary>
    public static readonly IReadOnlyList<string> TelecentreKinds =
        ["library", "school", "hospital", "municipal-building", "post-office", "cybercafe", "community-centre", "other"];

    public static readonly IReadOnlyList<string> Ownerships = ["public", "private", "community"];

    /// <summary>Incentives and facilities government offers telecentres (task 4).</summary>
    public static readonly IReadOnlyList<string> Incentives = ["tax-reduction", "infrastructure-use", "connectivity-subsidy", "equipment", "training"];

    public static readonly IReadOnlyList<string> WorkshopScopes = ["local", "regional"];

    public static readonly IReadOnlyList<string> ActivityStatuses = ["planned", "ongoing", "done", "cancelled"];

    /// <summary>Sectors of government activity, for practices and (later) the directory.</summary>
    public static readonly IReadOnlyList<string> Sectors =
    [
        "agriculture", "business", "civil-registry", "customs", "education", "environment", "finance",
        "health", "justice", "labour", "land-registry", "local-administration", "procurement",
        "social-protection", "tax", "telecommunications", "transparency", "transport",
    ];
}
