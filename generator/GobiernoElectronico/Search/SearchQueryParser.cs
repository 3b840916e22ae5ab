using GobiernoElectronico.Index;
using GobiernoElectronico.Text;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace GobiernoElectronico.Search;

/// <summary>
/// Lucene's classic query syntax over the per-language fields. A bare word searches every text field in
/// every language (title^3, summary^2, body^1; each language analysed by its own analyzer); <c>title:x</c>
/// searches the title in every language; <c>country:BO</c>, <c>pillar:services</c> and the other facets
/// match keyword values (case-insensitive). The default operator is AND: every word must match.
/// </summary>
public sealed class SearchQueryParser : MultiFieldQueryParser
{
    private readonly Func<string, string, string?> _facetValue;

    /// <param name="facetValue">Maps a facet and a typed value to the indexed value (any case), or null if unknown.</param>
    public SearchQueryParser(Func<string, string, string?> facetValue)
        : base(SearchAnalysis.Version, SearchFields.PhysicalTextFields.ToArray(), SearchAnalysis.PerField(),
               SearchFields.PhysicalTextFields.ToDictionary(f => f, f => SearchFields.BoostOf(SearchFields.Split(f)!.Value.Field)))
    {
        _facetValue = facetValue;
        DefaultOperator = AND_OPERATOR;
        AllowLeadingWildcard = false;
    }

    protected override Query? GetFieldQuery(string field, string queryText, bool quoted) =>
        Expand(field, queryText, f => base.GetFieldQuery(f, queryText, quoted));

    protected override Query? GetFieldQuery(string field, string queryText, int slop) =>
        Expand(field, queryText, f => base.GetFieldQuery(f, queryText, slop));

    // Fuzzy and prefix terms are analysed in each field's language first, so that they compare with
    // indexed terms (stems): telecentros~1 → telecentr~1, compra* → compr*.
    protected override Query? GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
        Expand(field, termStr, f => base.GetFuzzyQuery(f, Analysed(f, termStr), minSimilarity));

    protected override Query? GetPrefixQuery(string field, string termStr) =>
        Expand(field, termStr, f => base.GetPrefixQuery(f, Analysed(f, termStr)));

    protected override Query? GetWildcardQuery(string field, string termStr) =>
        Expand(field, termStr, f => base.GetWildcardQuery(f, Folding.Fold(termStr)));

    private static string Analysed(string? physicalField, string word)
    {
        var folded = Folding.Fold(word);
        if (physicalField is null || SearchFields.Split(physicalField) is not { } split) return folded;
        return SearchAnalysis.TermOf(split.Language, folded) ?? folded;
    }

    /// <summary>The query of a word over the fields it names: null when nothing is left of it (a stop word in
    /// every language), which Lucene's parser reads as no clause.</summary>
    private Query? Expand(string? field, string text, Func<string?, Query?> build)
    {
        if (field is not null && SearchFields.Facets.Contains(field))
        {
            var value = _facetValue(field, text) ?? text;
            return new TermQuery(new Term(field, value));
        }
        if (field is null || !SearchFields.TextFields.Any(f => f.Name == field))
        {
            if (field is not null && SearchFields.Split(field) is null)
                throw new ParseException($"unknown field '{field}' (fields: {string.Join(", ", SearchFields.TextFields.Select(f => f.Name).Concat(SearchFields.Facets))})");
            return build(field);
        }
        var clauses = new List<BooleanClause>();
        foreach (var language in Schema.Vocabulary.Languages)
        {
            var physical = SearchFields.For(field, language);
            var q = build(physical);
            if (q is null) continue;
            q.Boost *= SearchFields.BoostOf(field);
            clauses.Add(new BooleanClause(q, Occur.SHOULD));
        }
        return clauses.Count == 0 ? null : GetBooleanQuery(clauses, true);
    }
}
