using GobiernoElectronico.Site;
using Lucene.Net.Store;

namespace GobiernoElectronico.Index;

/// <summary>Copies the Lucene index files into the site, under <c>search/lucene/</c>, for the CLI's <c>search</c> (and <c>serve</c>).</summary>
public static class LuceneFilesExport
{
    public const string Folder = "search/lucene/";

    /// <summary>The query lexicon (vocabulary, thesaurus) beside the index, for the CLI.</summary>
    public const string LexiconFile = "lexicon.json";

    public static IReadOnlyList<OutputFile> Export(SearchIndex index)
    {
        var files = new List<OutputFile>();
        foreach (var name in index.Directory.ListAll().Where(n => n != "write.lock").Order(StringComparer.Ordinal))
        {
            using var input = index.Directory.OpenInput(name, IOContext.READ_ONCE);
            var bytes = new byte[input.Length];
            input.ReadBytes(bytes, 0, bytes.Length);
            files.Add(new OutputFile(Folder + name, bytes));
        }
        files.Add(new OutputFile(Folder + LexiconFile, index.Lexicon.ToJson()));
        return files;
    }
}
