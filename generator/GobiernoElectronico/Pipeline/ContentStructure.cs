using System.Runtime.InteropServices;
using System.Security.Cryptography;
using GobiernoElectronico.Hashing;
using GobiernoElectronico.Load;
using GobiernoElectronico.Pipeline.Stages;

namespace GobiernoElectronico.Pipeline;

/// <summary>
/// A key of everything a page's view model can be made from except the Markdown bodies of the documents: every
/// content file's path and its text up to its body (the front matter, which holds every field, list and reference),
/// and every other input (<see cref="InputStamp"/>: templates, interface strings, data, media), the templates and interface
/// strings also by their text (a few dozen small files). While it is the key the last build recorded, a page whose recorded
/// dependencies — the bodies it shows, the related practices it lists (<see cref="Render.RenderCache"/>) — are unchanged has
/// the model it had and the templates it was made with, and is kept without being made again.
/// </summary>
public static class ContentStructure
{
    /// <summary>The keys of a build's inputs besides bodies: <see cref="ContentKeys.Structure"/> of them all, and
    /// <see cref="ContentKeys.Shell"/> of them all but the practices, whose front matter's key is given by each one's content
    /// path (<see cref="ContentKeys.PracticeHeads"/>).</summary>
    public static ContentKeys Of(LoadedContent loaded, BuildOptions options)
    {
        var documents = loaded.Documents;
        var hashes = new byte[documents.Count * SHA256.HashSizeInBytes];
        Parallel.For(0, documents.Count, i =>
        {
            var d = documents[i];
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(MemoryMarshal.AsBytes($"{d.Kind}\n{d.Path}\n{d.Key}\n{d.ContentPath}\n".AsSpan()));
            Span<byte> head = stackalloc byte[16];
            d.Head.Key.WriteLittleEndian(head); // the text before the body, by its key
            hash.AppendData(head);
            hash.GetHashAndReset(hashes.AsSpan(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
        });
        // The folders by their full paths: the same folders named from elsewhere (templates, /work/site/templates) are the same inputs.
        var folders = options with { ContentRoot = Path.GetFullPath(options.ContentRoot), TemplatesRoot = Path.GetFullPath(options.TemplatesRoot) };
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        all.AppendData(MemoryMarshal.AsBytes(InputStamp.Of(folders).AsSpan()));
        AppendTemplates(all, folders.TemplatesRoot);
        all.AppendData(MemoryMarshal.AsBytes($"\n{folders.ContentRoot}\n{folders.TemplatesRoot}\n".AsSpan()));
        // The shell: every document but the practices, which the pages that keep by it record reading one by one (their front
        // matter by content path: a practice removed or renamed has none), so that no practice's path, text or number is in it.
        using var shell = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        shell.AppendData(all.GetCurrentHash());
        var others = 0;
        for (var i = 0; i < documents.Count; i++)
            if (documents[i].Kind != ContentKind.Practice)
            {
                shell.AppendData(hashes.AsSpan(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
                others++;
            }
        shell.AppendData(MemoryMarshal.AsBytes($"\n{others}\n".AsSpan()));
        all.AppendData(hashes);
        all.AppendData(MemoryMarshal.AsBytes($"\n{documents.Count}\n".AsSpan()));
        var heads = new Dictionary<string, Hash128>(StringComparer.Ordinal);
        foreach (var d in documents)
            if (d.Kind == ContentKind.Practice) heads[d.ContentPath] = d.Head.Key;
        return new ContentKeys(Convert.ToHexString(all.GetHashAndReset()), "shell:" + Convert.ToHexString(shell.GetHashAndReset()), heads);
    }

    /// <summary>Every file of the templates folder by its path and text: a page's fingerprint is made of the text of its
    /// templates and strings, and a stamp (time and length) could stay the same across an edit.</summary>
    private static void AppendTemplates(IncrementalHash all, string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            all.AppendData(MemoryMarshal.AsBytes($"{Path.GetRelativePath(folder, file)}\n".AsSpan()));
            try
            {
                all.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                all.AppendData("unreadable"u8); // the template set reports it when the file is asked for
            }
        }
    }
}

/// <summary>
/// The keys of a build's inputs besides the documents' bodies (<see cref="ContentStructure.Of"/>).
/// </summary>
/// <param name="Structure">Of every such input: while it is the key the last build recorded, a page whose recorded dependencies
/// hold is kept without being made again.</param>
/// <param name="Shell">Of every such input but the practices (neither their paths nor their front matter nor how many there
/// are): while it is the one the last build recorded, a page that recorded each practice's front matter it read (a practice's
/// own page, which shows its practice and others: related, translations, the initiatives of its supporters…; a practice not
/// there has none) is kept when those, and its other dependencies, hold. The commonest edit after a body's is a practice's
/// summary or status, which every list page shows: at 20,104 documents such an edit made the render stage make all 70,036
/// pages' models to find the 30 that changed. The next is a practice added, removed or renamed: at 20,107 documents that
/// made every page's model, to find the list pages whose pagination moved and the few practices whose related ones did.</param>
/// <param name="PracticeHeads">Each practice's front matter by the key of its text, by its content path: the value of the
/// dependency <c>Render.RenderCache.HeadOf</c>.</param>
public sealed record ContentKeys(string Structure, string Shell, IReadOnlyDictionary<string, Hash128> PracticeHeads);
