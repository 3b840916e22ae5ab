using GobiernoElectronico.Site;

namespace GobiernoElectronico.Index;

/// <summary>
/// The index stage's part of the build cache on disk (<c>ge build</c>): the key of the searchable input (the search
/// documents, the facets' labels, the search page's strings, the thesaurus) that the publication's search files were
/// made from, the paths of those files, and the related practices found in that index. A build whose searchable input
/// has the same key — a template, an indicator series, a field no search reads was edited — keeps those files in the
/// site as they are and takes those lists, without building the index or exporting it: the same index would give the
/// same bytes. Valid only for the publication it names and for the generator that wrote it (its assembly and Lucene's,
/// by module id).
/// </summary>
/// <param name="Site">The publication whose search files these are.</param>
/// <param name="Key">The key of the searchable input (<c>Pipeline.Stages.IndexStage</c>).</param>
/// <param name="Files">The site paths of the search files: the browser's shards and the Lucene files.</param>
/// <param name="Related">Practice slug → related practice slugs, as the related stage found them in that index.</param>
/// <param name="Documents">The key of each document of that index, by its id (<c>Pipeline.Stages.IndexStage</c>): a build whose
/// index has at the same id a document of the same key keeps its fragment (<c>search/data/d-…</c>) as the site holds it.</param>
/// <param name="Queries">Each text field's average length in that index, and each practice's query there and the best documents
/// it found, by document id: a build whose index differs in a few documents keeps the lists it can prove unchanged
/// (<see cref="RelatedPractices.History"/>).</param>
/// <param name="Terms">The browser's term shards of that export (<see cref="TermShardState"/>): a build whose index differs in a
/// few documents makes again only the shards of the terms they change.</param>
/// <param name="Vocabulary">The lexicon's files of that export (<see cref="VocabularyState"/>): a build whose lexicon has the same
/// key keeps them.</param>
public sealed record SearchRecord(string Site, string Key, IReadOnlyList<string> Files, IReadOnlyDictionary<string, IReadOnlyList<string>> Related,
    IReadOnlyList<string> Documents, RelatedPractices.QuerySet? Queries = null, TermShardState? Terms = null, VocabularyState? Vocabulary = null)
{
    private const string Format = "ge-search-record 7";

    private static string Generator { get; } = CacheFile.Generator(typeof(SearchRecord), typeof(Lucene.Net.Index.IndexWriter),
        typeof(Lucene.Net.Analysis.Standard.StandardTokenizer), typeof(J2N.Character), typeof(System.Text.Json.JsonSerializer));

    /// <summary>A record of nothing: no build kept anything, or what it kept cannot be used.</summary>
    public static SearchRecord Empty { get; } = new("", "", [], new Dictionary<string, IReadOnlyList<string>>(), []);

    /// <summary>The record in <paramref name="file"/>; <see cref="Empty"/> when there is none, it is another generator's,
    /// or it cannot be read whole (a cache is never a reason for a build to fail).</summary>
    public static SearchRecord Read(string file) => CacheFile.Read(file, reader =>
    {
        if (reader.ReadString() != Format || reader.ReadString() != Generator) return null;
        var length = reader.BaseStream.Length;
        var site = reader.ReadString();
        var key = reader.ReadString();
        var files = new string[CacheFile.ReadCount(reader, length)];
        for (var i = 0; i < files.Length; i++) files[i] = reader.ReadString();
        var practices = CacheFile.ReadCount(reader, length);
        var related = new Dictionary<string, IReadOnlyList<string>>(practices, StringComparer.Ordinal);
        for (var i = 0; i < practices; i++)
        {
            var slug = reader.ReadString();
            var list = new string[CacheFile.ReadCount(reader, length)];
            for (var j = 0; j < list.Length; j++) list[j] = reader.ReadString();
            related[slug] = list;
        }
        var documents = new string[CacheFile.ReadCount(reader, length)];
        for (var i = 0; i < documents.Length; i++) documents[i] = reader.ReadString();
        var fields = CacheFile.ReadCount(reader, length);
        var lengths = new Dictionary<string, float>(fields, StringComparer.Ordinal);
        for (var i = 0; i < fields; i++) lengths[reader.ReadString()] = reader.ReadSingle();
        var count = CacheFile.ReadCount(reader, length);
        var queries = new Dictionary<int, RelatedPractices.KeptQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadInt32();
            var queryKey = CacheFile.ReadKey(reader);
            var hits = CacheFile.ReadCount(reader, length);
            var docs = new int[hits];
            var scores = new float[hits];
            for (var h = 0; h < hits; h++) (docs[h], scores[h]) = (reader.ReadInt32(), reader.ReadSingle());
            queries[id] = new RelatedPractices.KeptQuery(queryKey, docs, scores, reader.ReadSingle(), reader.ReadInt32(), reader.ReadDouble());
        }
        // The term shards: their count (0 when none were recorded), then each one's size and the hash of its terms' surfaces.
        var shards = CacheFile.ReadCount(reader, length);
        TermShardState? terms = null;
        if (shards > 0)
        {
            var sizes = new long[shards];
            var surfaces = new ulong[shards];
            for (var i = 0; i < shards; i++) (sizes[i], surfaces[i]) = (reader.ReadInt64(), reader.ReadUInt64());
            terms = new TermShardState(shards, sizes, surfaces);
        }
        // The lexicon's files: whether recorded, then its key, the key of its input ("" for none) and the vocabulary shards' keys.
        VocabularyState? vocabulary = null;
        if (reader.ReadBoolean())
        {
            var lexiconKey = reader.ReadString();
            var inputKey = reader.ReadString();
            var shardKeys = new string[CacheFile.ReadCount(reader, length)];
            for (var i = 0; i < shardKeys.Length; i++) shardKeys[i] = reader.ReadString();
            vocabulary = new VocabularyState(lexiconKey, shardKeys, InputKey: inputKey.Length > 0 ? inputKey : null);
        }
        return reader.ReadString() == "end" && site.Length > 0 && key.Length > 0
            ? new SearchRecord(site, key, files, related, documents, new RelatedPractices.QuerySet(lengths, queries), terms, vocabulary) : null;
    }) ?? Empty;

    /// <summary>Writes the record to <paramref name="file"/>, whole or not at all.</summary>
    public void Write(string file) => CacheFile.Write(file, writer =>
    {
        writer.Write(Format);
        writer.Write(Generator);
        writer.Write(Site);
        writer.Write(Key);
        writer.Write(Files.Count);
        foreach (var path in Files.Order(StringComparer.Ordinal)) writer.Write(path);
        writer.Write(Related.Count);
        foreach (var (slug, list) in Related.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(slug);
            writer.Write(list.Count);
            foreach (var other in list) writer.Write(other);
        }
        writer.Write(Documents.Count);
        foreach (var document in Documents) writer.Write(document);
        var lengths = Queries?.AverageLengths ?? new Dictionary<string, float>();
        writer.Write(lengths.Count);
        foreach (var (field, average) in lengths.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            writer.Write(field);
            writer.Write(average);
        }
        var queries = Queries?.Queries ?? new Dictionary<int, RelatedPractices.KeptQuery>();
        writer.Write(queries.Count);
        foreach (var (id, query) in queries.OrderBy(q => q.Key))
        {
            writer.Write(id);
            CacheFile.WriteKey(writer, query.Key);
            writer.Write(query.Docs.Length);
            for (var h = 0; h < query.Docs.Length; h++)
            {
                writer.Write(query.Docs[h]);
                writer.Write(query.Scores[h]);
            }
            writer.Write(query.Outside);
            writer.Write(query.Alike);
            writer.Write(query.Drift);
        }
        writer.Write(Terms?.Count ?? 0);
        for (var i = 0; i < (Terms?.Count ?? 0); i++)
        {
            writer.Write(Terms!.Sizes[i]);
            writer.Write(Terms.Surfaces[i]);
        }
        writer.Write(Vocabulary is not null);
        if (Vocabulary is not null)
        {
            writer.Write(Vocabulary.Key);
            writer.Write(Vocabulary.InputKey ?? "");
            writer.Write(Vocabulary.ShardKeys.Count);
            foreach (var shardKey in Vocabulary.ShardKeys) writer.Write(shardKey);
        }
        writer.Write("end");
    });

}
