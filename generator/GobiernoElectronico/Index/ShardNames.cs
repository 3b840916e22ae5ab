using System.Text;

namespace GobiernoElectronico.Index;

/// <summary>
/// How the browser finds the shard that holds a word or a term. The JavaScript search (site/assets/search.js)
/// implements the same two functions; a test checks that they agree.
/// </summary>
public static class ShardNames
{
    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static uint Hash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h ^= c;
            h = unchecked(h * 16777619u);
        }
        return h;
    }

    /// <summary>The shard of an indexed term: <c>t-&lt;n&gt;</c>.</summary>
    public static string Term(string term, int shardCount) => $"t-{Hash(term) % (uint)shardCount}";

    /// <summary>The vocabulary shard of a surface form: its first two characters (others as '_').</summary>
    public static string Vocabulary(string surface)
    {
        var key = new StringBuilder("v-");
        foreach (var c in surface.AsSpan(0, Math.Min(2, surface.Length)))
            key.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        return key.ToString();
    }

    /// <summary>
    /// The part of a split vocabulary shard that holds a surface: the shard's name and the third character
    /// (others, or none, as '_'). A shard is split when it is large; the browser knows which from the list
    /// of vocabulary shards in meta.
    /// </summary>
    public static string VocabularyPart(string surface)
    {
        var c = surface.Length > 2 ? surface[2] : '_';
        return Vocabulary(surface) + (c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
    }

    /// <summary>The fragment of one document.</summary>
    public static string Document(int docId) => $"d-{docId}";
}
