using System.Text;

namespace GobiernoElectronico.Index;

/// <summary>
/// How the browser finds the shard that holds a word or a term. The JavaScript search (site/assets/search.js)
/// implements the same two functions; a test checks that they agree.
/// </summary>
public static class ShardNames
{
    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static uint Hash(string text) => Hash(text.AsSpan());

    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static uint Hash(ReadOnlySpan<char> text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h ^= c;
            h = unchecked(h * 16777619u);
        }
        return h;
    }

    /// <summary>The shard of an indexed term: <c>t-&lt;n&gt;</c>, n its <see cref="TermShard(string, int)"/>.</summary>
    public static string Term(string term, int shardCount) => $"t-{TermShard(term, shardCount)}";

    /// <summary>The number of an indexed term's shard among <paramref name="shardCount"/>.</summary>
    public static int TermShard(string term, int shardCount) => TermShard(term.AsSpan(), shardCount);

    /// <summary>As <see cref="TermShard(string, int)"/>, of a term's characters.</summary>
    public static int TermShard(ReadOnlySpan<char> term, int shardCount) => (int)(Hash(term) % (uint)shardCount);

    /// <summary>The vocabulary shard of a surface form: its first two characters (others as '_').</summary>
    public static string Vocabulary(string surface)
    {
        var key = new StringBuilder("v-");
        foreach (var c in surface.AsSpan(0, Math.Min(2, surface.Length))) key.Append(KeyCharacter(c));
        return key.ToString();
    }

    /// <summary>A surface's character as a vocabulary key writes it: a letter a–z or a digit as it is, any other as '_'.</summary>
    public static char KeyCharacter(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_';

    /// <summary>The longest key of a split vocabulary shard: words are told apart by at most four letters.</summary>
    public const int MaxVocabularyKey = 4;

    /// <summary>
    /// The key of a surface at <paramref name="length"/> characters: <c>v-</c> and its first characters
    /// (others as '_', and '_' past its end). A large vocabulary shard is split by the next character, up to
    /// <see cref="MaxVocabularyKey"/>; the browser finds a word's shard as the longest key that meta lists.
    /// </summary>
    public static string VocabularyKey(string surface, int length)
    {
        var key = new StringBuilder("v-");
        for (var i = 0; i < length; i++)
        {
            key.Append(i < surface.Length ? KeyCharacter(surface[i]) : '_');
        }
        return key.ToString();
    }

    /// <summary>The fragment of one document.</summary>
    public static string Document(int docId) => $"d-{docId}";
}
