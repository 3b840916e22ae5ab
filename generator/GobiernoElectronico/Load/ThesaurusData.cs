using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Model;
using GobiernoElectronico.Text;

namespace GobiernoElectronico.Load;

/// <summary>
/// Reads <c>content/data/thesaurus.yml</c>: a list of concepts, each a mapping from language code to the
/// words or phrases of that concept in that language (one text or a list). Every problem is located.
/// </summary>
public static class ThesaurusData
{
    public const string File = "data/thesaurus.yml";

    /// <summary>The most concepts a thesaurus may have (a query is matched against all of them).</summary>
    public const int MaxConcepts = 5_000;

    /// <summary>The thesaurus of a content tree (empty when the file is absent); null when it has errors (reported).</summary>
    public static Thesaurus? Load(string contentRoot, DiagnosticBag diagnostics)
    {
        var file = Path.Combine(contentRoot, File);
        if (!System.IO.File.Exists(file)) return Thesaurus.Empty;
        if (!ContentTree.IsRegular(new FileInfo(file)) || new DirectoryInfo(Path.Combine(contentRoot, "data")).LinkTarget is not null) return null;
        var path = ContentLoader.DisplayPath(file);
        if (TextFile.Read(file, path, diagnostics) is not { } text) return null;
        return Parse(text, path, diagnostics);
    }

    /// <summary>Parses the text of a thesaurus file.</summary>
    public static Thesaurus? Parse(string text, string path, DiagnosticBag diagnostics)
    {
        var errors = new DiagnosticBag();
        if (!YamlReader.TryParse(text, path, 0, errors, out var root))
        {
            foreach (var d in errors.Sorted()) diagnostics.Add(d);
            return null;
        }
        if (root is null) return Thesaurus.Empty;
        if (root is not YamlSequence list)
        {
            diagnostics.Error(path, root.Position, ErrorCodes.WrongType, "the thesaurus must be a list of concepts: '- es: [...]' / '  pt: [...]' / '  en: [...]'");
            return null;
        }
        if (list.Items.Count > MaxConcepts)
        {
            diagnostics.Error(path, list.Position, ErrorCodes.LimitExceeded, $"the thesaurus has {list.Items.Count:N0} concepts; the limit is {MaxConcepts:N0}");
            return null;
        }
        var concepts = new List<ThesaurusConcept>();
        var seen = new Dictionary<(string Language, string Folded), int>();
        foreach (var item in list.Items)
        {
            if (item is not YamlMapping mapping)
            {
                errors.Error(path, item.Position, ErrorCodes.WrongType, $"a concept must be a mapping from language (es, pt, en) to words, not {item.KindName}");
                continue;
            }
            var terms = new List<ThesaurusTerm>();
            var errorsBefore = errors.Count;
            foreach (var (key, value) in mapping.Entries)
            {
                if (!Schema.Vocabulary.Languages.Contains(key.Value))
                {
                    errors.Error(path, key.Position, ErrorCodes.UnknownField,
                        $"'{Shown.Value(key.Value)}' is not a language of the site{Suggestions.DidYouMean(key.Value, Schema.Vocabulary.Languages)} (languages: {string.Join(", ", Schema.Vocabulary.Languages)})");
                    continue;
                }
                var texts = value switch
                {
                    YamlScalar { IsNull: false } s => [s],
                    YamlSequence seq => seq.Items,
                    _ => null,
                };
                if (texts is null || texts.Count == 0)
                {
                    errors.Error(path, value.Position, ErrorCodes.WrongType, $"'{key.Value}' needs a word or phrase, or a list of them");
                    continue;
                }
                foreach (var t in texts)
                {
                    if (t is not YamlScalar { IsNull: false } scalar || scalar.Value.Trim().Length == 0)
                    {
                        errors.Error(path, t.Position, ErrorCodes.WrongType, $"each name in '{key.Value}' must be a word or phrase");
                        continue;
                    }
                    var phrase = scalar.Value.Trim();
                    if (phrase.Length > 100 || phrase.Count(c => c == ' ') > 5 || phrase.Any(char.IsControl))
                    {
                        errors.Error(path, scalar.Position, ErrorCodes.ValueOutOfRange, $"'{Shown.Value(phrase)}' is too long for a thesaurus term (at most six words, 100 characters)");
                        continue;
                    }
                    var folded = Folding.Fold(phrase);
                    if (seen.TryGetValue((key.Value, folded), out var line))
                    {
                        errors.Error(path, scalar.Position, ErrorCodes.ValueOutOfRange,
                            line == mapping.Position.Line ? $"'{phrase}' is listed twice in this concept" : $"'{phrase}' ({key.Value}) is already in the concept on line {line}; a term belongs to one concept");
                        continue;
                    }
                    seen[(key.Value, folded)] = mapping.Position.Line;
                    terms.Add(new ThesaurusTerm(key.Value, phrase));
                }
            }
            if (terms.Count < 2 && errors.Count == errorsBefore)
                errors.Error(path, mapping.Position, ErrorCodes.MissingField, "a concept needs at least two names (in one language or several)");
            concepts.Add(new ThesaurusConcept(terms, mapping.Position.Line));
        }
        foreach (var d in errors.Sorted()) diagnostics.Add(d);
        return errors.HasErrors ? null : new Thesaurus(concepts);
    }
}
