using GobiernoElectronico.Index;

namespace GobiernoElectronico.Search;

/// <summary>One (field, term) pair a word is scored on, with the field's boost.</summary>
public sealed record PlannedTerm(string Field, string Term, float Boost);

/// <summary>A word: Lucene's disjunction of its terms over fields and languages.</summary>
public sealed record PlannedWord(string Surface, IReadOnlyList<PlannedTerm> Terms);

/// <summary>
/// One way to match a unit: every word of it must match (a thesaurus phrase, a correction, the word itself).
/// <paramref name="Coverage"/> is how many of the query's words it accounts for: all the words of a thesaurus
/// phrase, or one when a document has only one word of the phrase.
/// </summary>
public sealed record PlannedAlternative(IReadOnlyList<PlannedWord> Words, int Coverage = 1);

/// <summary>
/// A unit of the query: a word, or words that together name a thesaurus concept. A document matches the unit
/// when it matches one of its alternatives; its score for the unit is the best alternative's.
/// </summary>
public sealed record PlannedUnit(string Text, bool Exclude, IReadOnlyList<PlannedAlternative> Alternatives);

/// <summary>A word of the suggested query: as the content writes it, or, for a word corrected into more than one
/// candidate, each candidate's planned word (searched among the unit's alternatives) with how the content writes it.</summary>
public sealed record SuggestedWord(string Display, IReadOnlyList<(PlannedWord Word, string Display)> Candidates);

/// <summary>What a simple query means: its units, and the words of the query with corrected words when a word was
/// corrected (null otherwise).</summary>
public sealed record QueryPlan(IReadOnlyList<PlannedUnit> Units, bool HadWords, IReadOnlyList<SuggestedWord>? Suggested)
{
    /// <summary>
    /// The corrected query, when a word was corrected: each word corrected into several equally close candidates
    /// (<c>digitl</c>: <c>digit</c>, <c>digital</c>) offered as the one whose planned word matches the most documents
    /// (<paramref name="documents"/>), the first in the vocabulary's order among equals. All of them are searched either way;
    /// this is only the word "did you mean" shows, and a planner who follows it should find what most documents call it.
    /// <c>search.js</c> chooses the same (<c>Engine.prototype.suggestionOf</c>).
    /// </summary>
    public string? Suggestion(Func<PlannedWord, int> documents)
    {
        if (Suggested is null) return null;
        var words = new List<string>(Suggested.Count);
        foreach (var word in Suggested)
        {
            var (shown, most) = (word.Display, -1);
            foreach (var (candidate, display) in word.Candidates)
            {
                var found = documents(candidate);
                if (found > most) (shown, most) = (display, found);
            }
            words.Add(shown);
        }
        return string.Join(' ', words);
    }
}

/// <summary>
/// The query planner shared, step for step, with <c>search.js</c> (<c>Engine.prototype.plan</c>): it turns the
/// words of a simple query into units using only the <see cref="QueryLexicon"/>, so that the CLI, the
/// server and the browser plan every query the same way.
/// <list type="number">
/// <item>Stop words go; question words ("qué", "how") go too unless nothing else is left.</item>
/// <item>A word the content does not use and that begins none of its words is corrected: the words of the
/// same first two letters within edit distance 1 (2 from eight letters) that the content writes or the
/// thesaurus names, the closest ones (never a number, never an inflection proposed by rule).</item>
/// <item>At each position, the longest run of words (or of their corrections) that is a thesaurus phrase
/// (compared on Lucene's terms in the phrase's language) becomes one unit whose alternatives are the words
/// themselves, every phrase of the concept, each searched in its own language's fields, and each single
/// word (covering one word of the phrase).</item>
/// <item>Any other word the content does not use is completed (the words it begins), or else replaced by
/// its corrections; the corrected query is offered as a suggestion.</item>
/// <item>A word's derivational family (<see cref="Family"/>) joins its unit at half weight, so that
/// <c>interoperabilidad</c> reaches a text that only says <c>interoperables</c>.</item>
/// </list>
/// Ranking (<see cref="SearchEngine"/>, <c>Engine.prototype.match</c>): documents matching more of the query's
/// words first (coverage), then more of them in the title, then the sum of the units' BM25 scores, then
/// document id.
/// </summary>
public sealed class QueryPlanner
{
    public const int PrefixLimit = 12;
    public const int MaxCorrections = 3;

    /// <summary>At most this many words of a word's derivational family join its unit.</summary>
    public const int FamilyLimit = 8;

    /// <summary>The boost factor of a family word: a document that uses the word itself ranks first.</summary>
    public const float FamilyBoost = 0.5f;

    private readonly QueryLexicon _lexicon;

    /// <summary>The vocabulary, families and thesaurus this planner reads.</summary>
    public QueryLexicon Lexicon => _lexicon;
    private readonly IReadOnlyList<(string Name, string Field, string Language, float Boost)> _fields;
    private readonly Dictionary<string, List<string>> _shards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stop;
    private readonly HashSet<string> _question = new(QueryLexicon.QuestionWords, StringComparer.Ordinal);
    private readonly int _maxPhrase;
    private readonly HashSet<string> _phraseWords;

    public QueryPlanner(QueryLexicon lexicon)
    {
        lexicon.Whole(nameof(QueryPlanner));
        _lexicon = lexicon;
        _fields = SearchFields.PhysicalTextFields.Select(f => SearchFields.Split(f)!.Value)
            .Select(s => (SearchFields.For(s.Field, s.Language), s.Field, s.Language, SearchFields.BoostOf(s.Field))).ToList();
        foreach (var surface in lexicon.Vocabulary.Keys) // sorted ordinally
        {
            var shard = ShardNames.Vocabulary(surface);
            (_shards.TryGetValue(shard, out var list) ? list : _shards[shard] = []).Add(surface);
        }
        _stop = SearchAnalysis.StopWords.Select(w => w.ToString()!).ToHashSet(StringComparer.Ordinal);
        _maxPhrase = lexicon.Phrases.Count == 0 ? 0 : lexicon.Phrases.Max(p => p.Words.Count);
        _phraseWords = lexicon.Phrases.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
    }

    private QueryPlanner(QueryPlanner from, QueryLexicon lexicon)
    {
        _lexicon = lexicon;
        _fields = from._fields;
        _stop = from._stop;
        _maxPhrase = from._maxPhrase;
        _phraseWords = from._phraseWords;
        _shards = new Dictionary<string, List<string>>(from._shards, StringComparer.Ordinal);
        foreach (var group in lexicon.Added.GroupBy(ShardNames.Vocabulary))
        {
            var list = _shards.TryGetValue(group.Key, out var old) ? new List<string>(old) : [];
            foreach (var surface in group)
            {
                var at = list.BinarySearch(surface, StringComparer.Ordinal);
                if (at < 0) list.Insert(~at, surface);
            }
            _shards[group.Key] = list;
        }
    }

    /// <summary>
    /// The planner of <paramref name="lexicon"/>, made from this one when that lexicon is this one's with words added
    /// (<see cref="QueryLexicon.With"/>): only the vocabulary shards of the added words are copied.
    /// </summary>
    public QueryPlanner With(QueryLexicon lexicon) =>
        ReferenceEquals(lexicon.ExtendsOne, _lexicon.Identity) ? new QueryPlanner(this, lexicon) : new QueryPlanner(lexicon);

    private static readonly Dictionary<string, int> LanguageIndex =
        Schema.Vocabulary.Languages.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);

    private string? TermOf(string surface, string language)
    {
        if (!_lexicon.Vocabulary.TryGetValue(surface, out var terms)) return null;
        return terms[LanguageIndex[language]];
    }

    /// <summary>Surfaces of the vocabulary starting with <paramref name="prefix"/>, sorted, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> SurfacesWithPrefix(string prefix, int limit) =>
        (_shards.GetValueOrDefault(ShardNames.Vocabulary(prefix)) ?? []).Where(s => s.StartsWith(prefix, StringComparison.Ordinal) && !_lexicon.Absent.Contains(s)).Take(limit).ToList();

    /// <summary>The closest surfaces of the same vocabulary shard within the allowed edit distance (sorted, at most three).</summary>
    public IReadOnlyList<string> Corrections(string word)
    {
        var max = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        if (max == 0 || word.Any(char.IsAsciiDigit)) return []; // 2016 is not a typo of 2015
        var best = max + 1;
        var found = new List<string>();
        foreach (var s in _shards.GetValueOrDefault(ShardNames.Vocabulary(word)) ?? [])
        {
            if (s == word || Math.Abs(s.Length - word.Length) > max || _stop.Contains(s) || !Correctable(s)) continue;
            var d = EditDistance(word, s, best);
            if (d < best) { best = d; found.Clear(); }
            if (d == best) found.Add(s);
        }
        return best > max ? [] : found.Take(MaxCorrections).ToList();
    }

    /// <summary>
    /// Other words of the vocabulary in the derivational family of <paramref name="surface"/> (same family key,
    /// <see cref="QueryLexicon.Families"/>) that Lucene analyses differently, sorted, at most <see cref="FamilyLimit"/>.
    /// </summary>
    public IReadOnlyList<string> Family(string surface)
    {
        var key = _lexicon.FamilyKey(surface);
        if (key.Length < QueryLexicon.MinFamilyKey || _lexicon.Common.Contains(surface) || !_lexicon.Vocabulary.TryGetValue(surface, out var own)) return [];
        var found = new List<string>();
        foreach (var s in _shards.GetValueOrDefault(ShardNames.Vocabulary(surface)) ?? [])
        {
            if (found.Count == FamilyLimit) break;
            if (s == surface || !s.StartsWith(key, StringComparison.Ordinal) || _lexicon.FamilyKey(s) != key) continue;
            if (_lexicon.Vocabulary[s].SequenceEqual(own)) continue;
            found.Add(s);
        }
        return found;
    }

    /// <summary>A word a typo may be corrected to: one written in the content (not an inflection proposed by rule), or a word of the thesaurus.</summary>
    private bool Correctable(string surface) => _lexicon.Occurs(surface) && !_lexicon.Generated.Contains(surface) || _phraseWords.Contains(surface);

    /// <summary>Every name of the concepts, each searched in its own language's fields.</summary>
    private IEnumerable<PlannedAlternative> ConceptAlternatives(IReadOnlyList<int> concepts, string? field, int coverage) =>
        concepts.SelectMany(concept => _lexicon.Phrases.Where(p => p.Concept == concept)).Select(p => new PlannedAlternative(p.Terms.Select((t, k) => new PlannedWord(p.Words[k],
            _fields.Where(f => f.Language == p.Language && (field is null || f.Field == field)).Select(f => new PlannedTerm(f.Name, t, f.Boost)).ToList())).ToList(), coverage));

    /// <summary>Optimal string alignment distance (adjacent transpositions count one), or more than <paramref name="limit"/> when over it.</summary>
    public static int EditDistance(string a, string b, int limit)
    {
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                if (v < rowMin) rowMin = v;
            }
            if (rowMin > limit) return limit + 1;
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[b.Length];
    }

    /// <summary>Plans the words of a simple query; <paramref name="prefix"/> completes the last word (results while typing).</summary>
    public QueryPlan Plan(IReadOnlyList<QueryWord> words, bool prefix = false)
    {
        var content = words.Where(w => !_stop.Contains(w.Surface)).ToList();
        var withoutQuestions = content.Where(w => w.Exclude || !_question.Contains(w.Surface)).ToList();
        if (withoutQuestions.Any(w => !w.Exclude)) content = withoutQuestions;

        // Corrections of the words the content does not use and that begin no word it uses, made first: a
        // corrected word can then be part of a thesaurus phrase ("tax retrun" → "tax return").
        var fixes = content.Select((w, n) => w.Exclude || prefix && n == content.Count - 1 || _lexicon.Occurs(w.Surface) || w.Surface.Length < 3
            || SurfacesWithPrefix(w.Surface, 1).Count > 0 ? [] : Corrections(w.Surface)).ToList();

        var units = new List<PlannedUnit>();
        var suggestion = new List<SuggestedWord>();
        var corrected = false;
        var i = 0;
        while (i < content.Count)
        {
            var w = content[i];
            var best = 0;
            var concepts = new List<int>();
            string[] matchedWith = [];
            foreach (var p in _lexicon.Phrases)
            {
                var length = p.Words.Count;
                if (length < best || i + length > content.Count) continue;
                var with = new string[length];
                for (var k = 0; k < length; k++)
                {
                    var x = content[i + k];
                    if (x.Exclude != w.Exclude || x.Field != w.Field) break;
                    if (TermOf(x.Surface, p.Language) == p.Terms[k]) with[k] = x.Surface;
                    else if (fixes[i + k].FirstOrDefault(c => TermOf(c, p.Language) == p.Terms[k]) is { } fix) with[k] = fix;
                    else break;
                }
                if (with[length - 1] is null) continue;
                if (length > best) { best = length; concepts.Clear(); matchedWith = with; }
                if (!concepts.Contains(p.Concept)) concepts.Add(p.Concept);
            }
            if (best > 0)
            {
                var alternatives = new List<PlannedAlternative> { Original(matchedWith, w.Field) with { Coverage = best } };
                alternatives.AddRange(ConceptAlternatives(concepts, w.Field, best));
                if (!w.Exclude && best == 1) AddFamily(alternatives, matchedWith, w.Field);
                // A document with only some of the phrase's words still matches, for fewer words.
                if (!w.Exclude && best > 1) alternatives.AddRange(matchedWith.Select(g => Original([g], w.Field)));
                units.Add(Unit(string.Join(' ', content.Skip(i).Take(best).Select(g => g.Surface)), w.Exclude, alternatives));
                suggestion.AddRange(matchedWith.Select(m => new SuggestedWord(_lexicon.Display(m), [])));
                corrected |= !matchedWith.SequenceEqual(content.Skip(i).Take(best).Select(g => g.Surface));
                i += best;
                continue;
            }

            var surfaces = new List<string> { w.Surface };
            var known = _lexicon.Occurs(w.Surface);
            var said = w.Surface;
            if (prefix && i == content.Count - 1 && !w.Exclude && w.Surface.Length >= 2)
            {
                surfaces = SurfacesWithPrefix(w.Surface, PrefixLimit).ToList();
                if (known && !surfaces.Contains(w.Surface)) surfaces.Insert(0, w.Surface);
            }
            else if (!known && !w.Exclude && w.Surface.Length >= 3)
            {
                var completions = SurfacesWithPrefix(w.Surface, PrefixLimit);
                if (completions.Count > 0) surfaces = completions.ToList();
                else if (fixes[i] is { Count: > 0 } corrections)
                {
                    surfaces = corrections.ToList();
                    said = corrections[0];
                    corrected = true;
                }
            }
            var wordAlternatives = surfaces.Select(s => Original([s], w.Field)).ToList();
            // The corrections' own words, before the family joins them: the suggestion offers the one that finds the most.
            IReadOnlyList<(PlannedWord, string)> candidates = said != w.Surface && surfaces.Count > 1
                ? surfaces.Select((s, k) => (wordAlternatives[k].Words[0], _lexicon.Display(s))).ToList()
                : [];
            if (!w.Exclude && !(prefix && i == content.Count - 1)) AddFamily(wordAlternatives, surfaces, w.Field);
            units.Add(Unit(w.Surface, w.Exclude, wordAlternatives));
            suggestion.Add(new SuggestedWord(_lexicon.Display(said), candidates));
            i++;
        }
        return new QueryPlan(units, words.Count > 0, corrected ? suggestion : null);
    }

    /// <summary>Adds the families of <paramref name="surfaces"/> (at most <see cref="FamilyLimit"/> words in all) at <see cref="FamilyBoost"/>.</summary>
    private void AddFamily(List<PlannedAlternative> alternatives, IReadOnlyList<string> surfaces, string? field)
    {
        var family = new List<string>();
        foreach (var s in surfaces)
            foreach (var f in Family(s))
                if (family.Count < FamilyLimit && !surfaces.Contains(f) && !family.Contains(f)) family.Add(f);
        alternatives.AddRange(family.Select(f => Original([f], field, FamilyBoost)));
    }

    private static PlannedUnit Unit(string text, bool exclude, List<PlannedAlternative> alternatives) =>
        new(text, exclude, alternatives.Where(a => a.Words.All(w => w.Terms.Count > 0)).ToList());

    /// <summary>The words as typed: each searched in every language's fields with its term in that language.</summary>
    private PlannedAlternative Original(IReadOnlyList<string> surfaces, string? field, float boost = 1f) =>
        new(surfaces.Select(s =>
        {
            var terms = new List<PlannedTerm>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in _fields)
            {
                if (field is not null && f.Field != field) continue;
                var term = TermOf(s, f.Language);
                if (term is null || !seen.Add(f.Name + "\0" + term)) continue;
                terms.Add(new PlannedTerm(f.Name, term, f.Boost * boost));
            }
            return new PlannedWord(s, terms);
        }).ToList());
}
