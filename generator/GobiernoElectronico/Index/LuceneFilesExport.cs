using GobiernoElectronico.Site;
using Lucene.Net.Store;

namespace GobiernoElectronico.Index;

/// <summary>Copies the Lucene index files into the site, under <c>search/lucene/</c>, for the CLI's <c>search</c> (and <c>serve</c>).</summary>
public static class LuceneFilesExport
{
    public const string Folder = "search/lucene/";

    /// <summary>The query lexicon (vocabulary, thesaurus) beside the index, for the CLI.</summary>
    public const string LexiconFile = "lexicon.json";

    /// <summary>The files, each made as it is asked for: a caller that writes each before asking for the next holds one
    /// at a time (the compound file is 30 MB at 20,000 documents).</summary>
    /// <param name="vocabulary">After an edit (<c>ge build</c> with its build cache): the last export's lexicon files, of which
    /// <c>lexicon.json</c> is kept as the site holds it, not made, when the lexicon's key is the same.</param>
    public static IEnumerable<OutputFile> Export(SearchIndex index, VocabularyUpdate? vocabulary = null)
    {
        foreach (var name in index.Directory.ListAll().Where(n => n != "write.lock").Order(StringComparer.Ordinal))
        {
            byte[] bytes;
            using (var input = index.Directory.OpenInput(name, IOContext.READ_ONCE))
            {
                bytes = new byte[input.Length];
                input.ReadBytes(bytes, 0, bytes.Length);
            }
            yield return new OutputFile(Folder + name, bytes);
        }
        if (vocabulary is not null && vocabulary.Holds(index.Lexicon) && vocabulary.Keep(Folder + LexiconFile)) yield break;
        yield return new OutputFile(Folder + LexiconFile, index.Lexicon.ToJson());
    }
}
