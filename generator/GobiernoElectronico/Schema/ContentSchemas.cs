namespace GobiernoElectronico.Schema;

/// <summary>The front-matter schema of every content type (content model v1).</summary>
public static class ContentSchemas
{
    private static readonly TextType Text = new();
    private static readonly TextType Markdown = new(Markdown: true);
    private static readonly UrlType Url = new();
    private static readonly IntegerType Year = new(1950, 2100);
    private static readonly Field Draft = new("draft", new BoolType(), false, "true keeps the document out of every output");
    private static readonly Field Illustrative = new("illustrative", new BoolType(), false,
        "true when the narrative is illustrative rather than sourced; the page says so");

    /// <summary>A bibliographic reference: where a fact comes from.</summary>
    public static readonly ObjectType Reference = new("reference",
    [
        new("title", Text, true, "title of the source"),
        new("publisher", Text, false, "organisation that published it"),
        new("year", Year, false, "year of publication"),
        new("url", Url, false, "web address (http, https or mailto), if any"),
    ]);

    /// <summary>A sourced figure.</summary>
    public static readonly ObjectType Indicator = new("indicator",
    [
        new("id", Text, true, "indicator id in content/data/indicators.csv (e.g. internet_users); value, unit and source come from there"),
        new("year", Year, false, "year of the series to show (default: the latest with data)"),
    ]);

    private static ObjectType Pillar(string pillar) => new($"pillar {pillar}",
    [
        new("level", new EnumType(Vocabulary.LevelsOf(pillar)), true, "maturity level on the pillar's scale (see README)"),
        new("narrative", Markdown, true, "assessment of the pillar, in Markdown"),
        new("indicators", new ListType(Indicator, Unique: false), false, "sourced figures for the pillar"),
        new("evidence", new ListType(Reference, Unique: false), false, "documents and web pages the assessment of the pillar rests on"),
    ]);

    /// <summary>Who answered a questionnaire: for the committee only, like a directory entry's contact.</summary>
    public static readonly ObjectType Respondent = new("respondent",
    [
        new("name", Text, true, "name of the person who answered"),
        new("institution", Text, false, "institution they answered for"),
        new("position", Text, false, "role or position"),
        new("email", Text, false, "e-mail"),
        new("phone", Text, false, "telephone"),
    ]);

    /// <summary>The site's texts in one language (<c>translations</c> in site.yml).</summary>
    private static readonly ObjectType SiteText = new("site text",
    [
        new("title", Text, true, "name of the knowledge base in this language"),
        new("subtitle", Text, false, "one line under the title"),
        new("programme", Markdown, true, "summary of the programme in this language"),
    ]);

    /// <summary><c>content/site.yml</c>.</summary>
    public static readonly ObjectType Site = new("site",
    [
        new("title", Text, true, "name of the knowledge base"),
        new("subtitle", Text, false, "one line under the title"),
        new("languages", new ListType(new EnumType(Vocabulary.Languages), MinItems: 1), true, "languages of the site"),
        new("default_language", new EnumType(Vocabulary.Languages), true, "language of the interface and of documents that do not say"),
        new("base_path", new BasePathType(), false, "path the site is served under (default /); links stay relative whatever it is"),
        new("base_url", new UrlType(AllowRelative: false, AbsoluteOnly: true), false, "public address of the site (e.g. https://example.org/kb/): enables canonical URLs, OpenGraph and sitemap.xml"),
        new("programme", Markdown, true, "summary of the programme, shown on the home page"),
        new("source", Reference, false, "the programme's founding text"),
        new("translations", new ObjectType("translations", Vocabulary.Languages.Select(l => new Field(l, SiteText, false, $"the site's texts in {l}")).ToList()),
            false, "the title, subtitle and programme text in the other interface languages (pages in a language without them show the default language's)"),
    ]);


    /// <summary><c>content/countries/&lt;iso2&gt;.md</c>.</summary>
    public static readonly ObjectType Country = new("country",
    [
        new("name", new LocalizedTextType(Vocabulary.Languages), true, "name of the country per language"),
        new("committee_role", new EnumType(Vocabulary.CommitteeRoles), true, "role in the programme's support committee"),
        new("assessment_date", new DateType(), true, "date of the assessment"),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "one-paragraph summary"),
        new("pillars", new ObjectType("pillars",
        [
            new("infrastructure", Pillar("infrastructure"), true, "network infrastructure"),
            new("systems", Pillar("systems"), true, "systems development"),
            new("services", Pillar("services"), true, "telematic services to citizens"),
        ]), true, "the three pillars of the survey"),
        new("respondent", Respondent, false, "PRIVATE: who answered the questionnaire; for the committee only, never published", Private: true),
        Illustrative,
        Draft,
    ]);

    /// <summary><c>content/activities/&lt;slug&gt;.md</c>: an activity of the programme's timeline (task 10 of the founding text).</summary>
    public static readonly ObjectType Activity = new("activity",
    [
        new("title", Text, true, "what is done"),
        new("task", new IntegerType(1, 10), true, "the immediate task of the founding text it serves (1–10)"),
        new("scope", Text, true, "reach of the activity (alcance): countries, institutions, deliverables"),
        new("resources", new ObjectType("resources",
        [
            new("infrastructure", Text, true, "infrastructure it needs"),
            new("financing", Text, true, "who finances it, and how"),
            new("responsible", Text, true, "organisation or person responsible"),
        ]), true, "resources: infrastructure, financing, responsible"),
        new("start", new DateType(), true, "start date (YYYY-MM-DD)"),
        new("end", new DateType(), true, "end date (YYYY-MM-DD), on or after the start"),
        new("status", new EnumType(Vocabulary.ActivityStatuses), true, "planned, ongoing, done or cancelled"),
        new("depends_on", new ListType(new SlugType()), false, "slugs of activities that must come first"),
        new("countries", new ListType(new CountryCodeType()), false, "countries it concerns (none: the whole region)"),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "one paragraph"),
        Illustrative,
        Draft,
    ]);

    /// <summary><c>content/organisations/&lt;slug&gt;.md</c>: funders, cooperation agencies, companies, universities.</summary>
    public static readonly ObjectType Organisation = new("organisation",
    [
        new("name", Text, true, "full name"),
        new("acronym", Text, false, "short name, e.g. IDB"),
        new("kind", new EnumType(Vocabulary.OrganisationKinds), true, "kind of organisation"),
        new("roles", new ListType(new EnumType(Vocabulary.OrganisationRoles), MinItems: 1), true, "financing, technical-assistance and/or partner"),
        new("countries", new ListType(new CountryCodeType()), false, "countries where it works for the programme (none: the whole region)"),
        new("website", new UrlType(AllowRelative: false), false, "web address (http or https)"),
        new("supports", new ListType(new SlugType()), false, "slugs of practices it finances or supports"),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "what it does for the programme"),
        new("sources", new ListType(Reference, Unique: false), false, "references"),
        Illustrative,
        Draft,
    ]);

    /// <summary><c>content/directory/&lt;slug&gt;.md</c>: people and institutions of the regional directory (task 8).</summary>
    public static readonly ObjectType DirectoryEntry = new("directory entry",
    [
        new("name", Text, true, "name of the person or institution"),
        new("kind", new EnumType(Vocabulary.DirectoryKinds), true, "person or institution"),
        new("country", new CountryCodeType(), true, "ISO code of a country with a published assessment"),
        new("sector", new EnumType(Vocabulary.Sectors), true, "sector of government activity"),
        new("position", Text, false, "role or position"),
        new("organisation", new SlugType(), false, "slug of the organisation they belong to (content/organisations/)"),
        new("initiatives", new ListType(new SlugType()), false, "slugs of practices they lead"),
        new("contact", new ObjectType("contact",
        [
            new("email", Text, false, "e-mail"),
            new("phone", Text, false, "telephone"),
            new("address", Text, false, "postal address"),
            new("notes", Text, false, "notes for the committee"),
        ]), false, "PRIVATE: for the committee only; never published (no page, data file or search index)", Private: true),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "what they do"),
        Draft,
    ]);

    /// <summary><c>content/telecentres/&lt;slug&gt;.md</c>: a telecentre or a network of them.</summary>
    public static readonly ObjectType Telecentre = new("telecentre",
    [
        new("name", Text, true, "name of the telecentre or network"),
        new("country", new CountryCodeType(), true, "ISO code of a country with a published assessment"),
        new("kind", new EnumType(Vocabulary.TelecentreKinds), true, "where it is: library, school, hospital, municipal-building, post-office, cybercafe, community-centre, other"),
        new("ownership", new EnumType(Vocabulary.Ownerships), true, "public, private or community"),
        new("sites", new IntegerType(1, 1_000_000), false, "number of sites, for a network (with its source)"),
        new("place", Text, false, "municipality or city"),
        new("incentives", new ListType(new EnumType(Vocabulary.Incentives)), false, "incentives and facilities offered by government"),
        new("services", new ListType(Text), false, "services offered to citizens"),
        new("operator", new SlugType(), false, "slug of the organisation that runs it"),
        new("practice", new SlugType(), false, "slug of the practice that documents it"),
        new("year", Year, true, "year the information refers to"),
        new("source", Reference, true, "where the information comes from"),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "one paragraph"),
        Illustrative,
        Draft,
    ]);

    /// <summary><c>content/workshops/&lt;slug&gt;.md</c>: local and regional workshops (task 7).</summary>
    public static readonly ObjectType Workshop = new("workshop",
    [
        new("title", Text, true, "name of the workshop"),
        new("scope", new EnumType(Vocabulary.WorkshopScopes), true, "local or regional"),
        new("date", new DateType(), true, "first day"),
        new("end_date", new DateType(), false, "last day, if more than one"),
        new("place", Text, true, "city or venue"),
        new("country", new CountryCodeType(), true, "ISO code of the host country (with a published assessment)"),
        new("organisers", new ListType(new SlugType()), false, "slugs of organising organisations"),
        new("participants", new ListType(Text), false, "who took part (countries, institutions)"),
        new("outcomes", new ListType(Text), false, "what came out of it"),
        new("documents", new ListType(Reference, Unique: false), false, "documents it produced or used"),
        new("activity", new SlugType(), false, "slug of the timeline activity it belongs to"),
        new("language", new EnumType(Vocabulary.Languages), false, "language of the text (default: the site's)"),
        new("summary", Text, true, "one paragraph"),
        Illustrative,
        Draft,
    ]);

    /// <summary><c>content/practices/&lt;slug&gt;.md</c>.</summary>
    public static readonly ObjectType Practice = new("practice",
    [
        new("title", Text, true, "name of the practice"),
        new("slug", new SlugType(), false, "URL name (default: the file name)"),
        new("country", new CountryCodeType(), true, "ISO 3166-1 alpha-2 code of a country with an assessment"),
        new("government_level", new EnumType(Vocabulary.GovernmentLevels), true, "level of government that runs it"),
        new("relation", new ListType(new EnumType(Vocabulary.Relations), MinItems: 1), true, "G2C, G2B and/or G2G"),
        new("pillars", new ListType(new EnumType(Vocabulary.Pillars), MinItems: 1), true, "pillars of the programme it contributes to"),
        new("sectors", new ListType(new EnumType(Vocabulary.Sectors), MinItems: 1), true, "sectors of government activity"),
        new("year_started", Year, true, "year it started"),
        new("status", new EnumType(Vocabulary.Statuses), true, "planned, pilot, operating or discontinued"),
        new("replicability", new ObjectType("replicability",
        [
            new("level", new EnumType(Vocabulary.Replicability), true, "high, medium or low"),
            new("conditions", new ListType(Text), true, "what replicating it needs"),
        ]), true, "how readily it can be replicated elsewhere"),
        new("funding", new ListType(Text), false, "funding sources"),
        new("language", new EnumType(Vocabulary.Languages), true, "language of the text"),
        new("summary", Text, true, "one-paragraph summary, shown in lists and search results"),
        new("summary_translations", new ObjectType("summary translations", Vocabulary.Languages.Select(l => new Field(l, Text, false, $"the summary translated into {l}")).ToList()),
            false, "the summary in the other interface languages, shown (marked as a translation) in lists of those languages"),
        new("sources", new ListType(Reference, MinItems: 1, Unique: false), true, "references the case study rests on"),
        new("see_also", new ListType(new SlugType()), false, "slugs of other practices the editors recommend"),
        new("translations", new ListType(new SlugType()), false, "slugs of the same case study written in other languages (linked both ways)"),
        new("updated", new DateType(), false, "date of the last substantive update (for the Atom feed)"),
        Illustrative,
        Draft,
    ]);

    /// <summary>The name of every field of every content type, at any depth (for messages that guess which field a line meant).</summary>
    public static IReadOnlySet<string> FieldNames => AllFieldNames.Value;

    private static readonly Lazy<IReadOnlySet<string>> AllFieldNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(FieldType type)
        {
            switch (type)
            {
                case ObjectType o:
                    foreach (var field in o.Fields)
                    {
                        names.Add(field.Name);
                        Add(field.Type);
                    }
                    break;
                case ListType l:
                    Add(l.Item);
                    break;
            }
        }
        foreach (var type in JsonSchemaWriter.Types.Values) Add(type);
        return names;
    });
}
