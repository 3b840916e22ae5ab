using GobiernoElectronico.Site;

namespace GobiernoElectronico.Index;

/// <summary>
/// The likely inflections a lexicon found in the index (<see cref="QueryLexicon"/>: each with Lucene's term in every
/// language, in the content's words' order), with the key of the only two things they are found from: the content's
/// surfaces, and the terms each language indexes. A build after an edit that brings no new word and takes none away
/// (most edits of a country report: a sentence rewritten in words the collection already uses) finds the same inflections,
/// and takes them from here instead of proposing 1.7 million candidates and looking each up (at 20,104 documents of a real
/// collection's vocabulary, 1.75 s of the export's wall time after such an edit). Any other edit finds them again.
/// <para>Kept by <c>ge build</c> in a file of the build cache (<see cref="Read"/>, <see cref="Write"/>; valid only for the
/// generator that wrote it: the candidates are this assembly's, the terms Lucene's analysis), written when its key changed.</para>
/// </summary>
internal sealed record FoundInflections(string Key, IReadOnlyList<KeyValuePair<string, string?[]>> Found)
{
    private const string Format = "ge-found-inflections 2";

    private static string Generator { get; } =
        CacheFile.Generator(typeof(FoundInflections), typeof(Lucene.Net.Analysis.Standard.StandardTokenizer), typeof(Lucene.Net.Analysis.Analyzer));

    private static readonly int Languages = Schema.Vocabulary.Languages.Count;

    /// <summary>The key of what inflections are found from: <paramref name="surfaces"/> (the content's surfaces, sorted and
    /// distinct, as the lexicon proposes inflections of them), and per language (in <paramref name="languages"/>' order) the
    /// terms <paramref name="indexed"/> holds, sorted. A SHA-256 hash (<see cref="Hashing.ContentHash.OfJson"/>): a key that two
    /// states of the content share by accident would publish the other state's vocabulary.</summary>
    public static string KeyOf(string[] surfaces, IReadOnlyDictionary<string, Dictionary<string, int>> indexed, IReadOnlyList<string> languages)
    {
        var terms = new string[languages.Count][];
        Parallel.For(0, languages.Count, l =>
        {
            var sorted = indexed[languages[l]].Keys.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            terms[l] = sorted;
        });
        return Hashing.ContentHash.OfJson(new { surfaces, languages, terms });
    }

    /// <summary>The inflections in <paramref name="file"/> when they were found from what <paramref name="key"/> keys; null
    /// otherwise, without reading them (at 20,107 documents, 450,000 entries, 80 MB as objects), or when there is none, it is
    /// another generator's, or it cannot be read whole.</summary>
    public static FoundInflections? Read(string file, string key) => CacheFile.Read(file, reader =>
        reader.ReadString() == Format && reader.ReadString() == Generator && reader.ReadInt32() == Languages && reader.ReadString() == key
            ? ReadEntries(reader, key)
            : null);

    private static FoundInflections? ReadEntries(BinaryReader reader, string key)
    {
        var count = CacheFile.ReadCount(reader, reader.BaseStream.Length);
        var found = new KeyValuePair<string, string?[]>[count];
        for (var i = 0; i < count; i++)
        {
            var surface = reader.ReadString();
            var terms = new string?[Languages];
            for (var l = 0; l < Languages; l++)
                terms[l] = reader.ReadByte() switch
                {
                    None => null,
                    Surface => surface,
                    Previous when l > 0 && terms[l - 1] is { } previous => previous,
                    Written => reader.ReadString(),
                    _ => throw new FormatException("not a term this file can hold"),
                };
            found[i] = KeyValuePair.Create(surface, terms);
        }
        return reader.ReadString() == "end" ? new FoundInflections(key, found) : null;
    }

    /// <summary>Writes the inflections to <paramref name="file"/>, whole or not at all: each surface, then per language how its
    /// term is held (none, the surface itself, the language before's, or written out).</summary>
    public void Write(string file) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        writer.Write(Languages);
        writer.Write(Key);
        writer.Write(Found.Count);
        foreach (var (surface, terms) in Found)
        {
            writer.Write(surface);
            for (var l = 0; l < Languages; l++)
            {
                if (terms[l] is not { } term) writer.Write(None);
                else if (term == surface) writer.Write(Surface);
                else if (l > 0 && term == terms[l - 1]) writer.Write(Previous);
                else
                {
                    writer.Write(Written);
                    writer.Write(term);
                }
            }
        }
        writer.Write("end");
    });

    private const byte None = 0, Surface = 1, Previous = 2, Written = 3;
}
