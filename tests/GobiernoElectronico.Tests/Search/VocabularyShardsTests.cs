using GobiernoElectronico.Index;

namespace GobiernoElectronico.Tests.Search;

/// <summary>The vocabulary's shards are cut as grouping the entries by their keys' letters cuts them: the same keys in the
/// same order, each with the same entries in the same order, at every depth of splitting.</summary>
public class VocabularyShardsTests
{
    /// <summary>The cut as the export made it with LINQ's grouping: the specification.</summary>
    private static List<(string Key, List<KeyValuePair<string, string>> Entries)> Grouped(IReadOnlyList<KeyValuePair<string, string>> entries, int target)
    {
        var parts = new List<(string, List<KeyValuePair<string, string>>)>();
        void Shard(string key, int length, List<KeyValuePair<string, string>> group)
        {
            var size = group.Sum(e => e.Key.Length + e.Value.Length + 6);
            if (size <= target || length >= ShardNames.MaxVocabularyKey || key.EndsWith('_'))
            {
                parts.Add((key, group));
                return;
            }
            foreach (var part in group.GroupBy(e => ShardNames.VocabularyKey(e.Key, length + 1)).OrderBy(g => g.Key, StringComparer.Ordinal))
                Shard(part.Key, length + 1, part.ToList());
        }
        foreach (var group in entries.GroupBy(v => ShardNames.Vocabulary(v.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            Shard(group.Key, group.Key.Length - 2, group.ToList());
        return parts;
    }

    [TestCase(40)]
    [TestCase(400)]
    [TestCase(6_000)]
    public void The_shards_are_those_grouping_makes(int target)
    {
        // Words of one to seven characters over letters, digits, '_', '-', capitals and accents, so that keys run short, end in
        // '_' (a character that is not a letter or digit, or a word shorter than the key) and split down to four letters.
        var random = new Random(7);
        const string alphabet = "aaaabbcdeeeefmnoprstu019_-Áéñç";
        var surfaces = new SortedSet<string>(StringComparer.Ordinal) { "a", "b", "0", "_", "é", "ab", "a_", "a-", "aé" };
        while (surfaces.Count < 6_000)
            surfaces.Add(new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        var entries = surfaces.Select((s, i) => KeyValuePair.Create(s, new string('x', i % 13))).ToList();

        var expected = Grouped(entries, target);
        var shards = new VocabularyShards(entries, target);
        Assert.That(shards.Parts.Select(p => p.Key), Is.EqualTo(expected.Select(p => p.Key)));
        if (target < 100) Assert.That(expected.Any(p => p.Key.Length == 2 + ShardNames.MaxVocabularyKey), "a small target splits shards down to four letters");
        for (var i = 0; i < expected.Count; i++)
            Assert.That(shards.Entries(shards.Parts[i]), Is.EqualTo(expected[i].Entries), expected[i].Key);
        var shardOf = shards.ShardOf();
        foreach (var (key, group) in expected)
            foreach (var (surface, _) in group) Assert.That(shardOf(surface), Is.EqualTo(key), surface);
        Assert.That(() => shardOf("zzzz-not-there"), Throws.InstanceOf<KeyNotFoundException>());
    }
}
