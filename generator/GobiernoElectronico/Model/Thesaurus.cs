namespace GobiernoElectronico.Model;

/// <summary>One concept of the thesaurus: the words or phrases that name it, each in its language.</summary>
public sealed record ThesaurusConcept(IReadOnlyList<ThesaurusTerm> Terms, int Line);

/// <summary>A word or phrase of a concept, as written, in one language.</summary>
public sealed record ThesaurusTerm(string Language, string Text);

/// <summary>
/// The trilingual e-government thesaurus (<c>content/data/thesaurus.yml</c>), kept by the committee: every
/// engine expands a query with the other names of the concepts it mentions, so that <c>declaración</c> finds
/// <c>declaração</c> and <c>tax return</c>, and <c>telecentres</c> finds <c>telecentros</c>.
/// </summary>
public sealed record Thesaurus(IReadOnlyList<ThesaurusConcept> Concepts)
{
    public static readonly Thesaurus Empty = new([]);
}
