namespace GobiernoElectronico.Render;

// The values templates see. Scriban exposes properties in snake_case (CountryName → country_name).
// Every string here is encoded on output by HtmlEncodingTemplateContext; only RawHtml is not.

/// <summary>A link with its text.</summary>
public sealed record LinkView(string Url, string Text);

/// <summary>A pillar's level in a list or matrix.</summary>
public sealed record PillarBadgeView(string Key, string Label, string Level, string LevelLabel, int Stage);

/// <summary>A country in lists.</summary>
public sealed record CountryCardView(string Url, string Code, string Name, string Role, string RoleLabel, IReadOnlyList<PillarBadgeView> Pillars, int PracticeCount);

/// <summary>A sourced figure as shown in a table.</summary>
public sealed record IndicatorView(string Name, string Value, string Unit, int Year, string Source);

/// <summary>One pillar of a country page.</summary>
public sealed record PillarView(string Key, string Label, string Level, string LevelLabel, int Stage, string ScaleDescription, RawHtml Narrative, IReadOnlyList<IndicatorView> Indicators)
{
    public IReadOnlyList<ReferenceView> Evidence { get; init; } = [];
}

/// <summary>A reference in a list of sources.</summary>
public sealed record ReferenceView(string Title, string? Publisher, int? Year, string? Url);

/// <summary>A practice in lists.</summary>
public sealed record PracticeCardView(
    string Url, string Slug, string Title, string Language, string CountryName, string CountryUrl, string LevelLabel,
    string StatusLabel, int YearStarted, string Summary, IReadOnlyList<string> PillarLabels)
{
    /// <summary>The language of <see cref="Summary"/> when it is a translation into the interface language, else null.</summary>
    public string? SummaryTranslatedTo { get; init; }

    /// <summary>The same case study in other languages (a list shows a case study once).</summary>
    public IReadOnlyList<LinkView> AlsoIn { get; init; } = [];
}

/// <summary>A practice page.</summary>
public sealed record PracticeView(
    string Title, string Language, string CountryName, string CountryUrl, string GovernmentLevelLabel,
    IReadOnlyList<string> Relations, IReadOnlyList<string> PillarLabels, IReadOnlyList<string> SectorLabels, int YearStarted,
    string Status, string StatusLabel, string Replicability, string ReplicabilityLabel, IReadOnlyList<string> ReplicationConditions,
    IReadOnlyList<string> Funding, string LanguageLabel, string Summary, RawHtml Body, IReadOnlyList<ReferenceView> Sources, bool Illustrative);

/// <summary>A country page.</summary>
public sealed record CountryView(
    string Code, string Name, string Language, string Role, string RoleLabel, string AssessmentDate, string Summary,
    RawHtml Body, IReadOnlyList<PillarView> Pillars, IReadOnlyList<PracticeCardView> Practices, int PracticeCount, bool Illustrative);

/// <summary>An activity in the timeline table and on its page.</summary>
public sealed record ActivityView(
    string Url, string Slug, string Title, int Task, string Scope, string Infrastructure, string Financing, string Responsible,
    string Start, string End, string StartIso, string EndIso, string Status, string StatusLabel, IReadOnlyList<LinkView> DependsOn,
    IReadOnlyList<LinkView> Countries, string Language, string Summary, bool Illustrative, RawHtml Body);

/// <summary>An organisation in lists and on its page.</summary>
public sealed record OrganisationView(
    string Url, string Slug, string Name, string? Acronym, string KindLabel, IReadOnlyList<string> RoleLabels, IReadOnlyList<LinkView> Countries,
    string? Website, IReadOnlyList<LinkView> Supports, string Language, string Summary, IReadOnlyList<ReferenceView> Sources, bool Illustrative, RawHtml Body);

/// <summary>A directory entry in lists and on its page: public fields only.</summary>
public sealed record DirectoryView(
    string Url, string Slug, string Name, string KindLabel, LinkView Country, string SectorLabel, string? Position, LinkView? Organisation,
    IReadOnlyList<LinkView> Initiatives, string Language, string Summary, RawHtml Body);

/// <summary>A telecentre in lists and on its page.</summary>
public sealed record TelecentreView(
    string Url, string Name, LinkView Country, string KindLabel, string OwnershipLabel, int? Sites, string? Place, IReadOnlyList<string> IncentiveLabels,
    IReadOnlyList<string> Services, LinkView? Operator, LinkView? Practice, int Year, ReferenceView Source, string Language, string Summary, bool Illustrative, RawHtml Body);

/// <summary>A workshop in lists and on its page.</summary>
public sealed record WorkshopView(
    string Url, string Title, string ScopeLabel, string Date, string DateIso, string? EndDate, string? EndDateIso, string Place, LinkView Country,
    IReadOnlyList<LinkView> Organisers, IReadOnlyList<string> Participants, IReadOnlyList<string> Outcomes, IReadOnlyList<ReferenceView> Documents,
    LinkView? Activity, string Language, string Summary, bool Illustrative, RawHtml Body);
