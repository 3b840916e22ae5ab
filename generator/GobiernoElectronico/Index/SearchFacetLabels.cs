using GobiernoElectronico.I18n;
using GobiernoElectronico.Model;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Index;

/// <summary>The label of every facet value in the interface language, for the browser's filters.</summary>
public static class SearchFacetLabels
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> For(ContentSet content, Labels labels)
    {
        IReadOnlyDictionary<string, string> Vocab(string group, IEnumerable<string> keys) =>
            keys.ToDictionary(k => k, k => labels.Vocab(group, k), StringComparer.Ordinal);
        return new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["type"] = Vocab("type", ["country", "practice", "activity", "organisation", "directory", "telecentre", "workshop"]),
            ["country"] = content.Countries.ToDictionary(c => c.Code, c => c.Name(labels.Language), StringComparer.Ordinal),
            ["pillar"] = Vocab("pillar", Vocabulary.Pillars),
            ["relation"] = Vocabulary.Relations.ToDictionary(r => r, r => r, StringComparer.Ordinal),
            ["level"] = Vocab("government_level", Vocabulary.GovernmentLevels),
            ["sector"] = Vocab("sector", Vocabulary.Sectors),
            ["status"] = Vocab("status", Vocabulary.Statuses).Concat(Vocab("activity_status", Vocabulary.ActivityStatuses).Where(a => !Vocabulary.Statuses.Contains(a.Key)))
                .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal),
            ["language"] = Vocab("language", Vocabulary.Languages),
        };
    }
}
