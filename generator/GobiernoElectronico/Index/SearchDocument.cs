namespace GobiernoElectronico.Index;

/// <summary>
/// One entry of the search index: what is indexed (title, summary, body text in the document's language),
/// what is shown (title, summary, url) and the facet values it is filed under.
/// </summary>
/// <param name="Id">Stable id, <c>type/slug</c> (e.g. <c>practice/siaf-peru</c>).</param>
/// <param name="Url">The page, relative to the site root.</param>
/// <param name="IndexedTitle">Title text to index (a country is found by its name in every language).</param>
/// <param name="Body">Plain text of the body (Markdown stripped).</param>
/// <param name="Facets">Facet field → values (see <see cref="SearchFields.Facets"/>).</param>
public sealed record SearchDocument(
    string Id, string Type, string Url, string Title, string IndexedTitle, string Summary, string Body, string Language,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets)
{
    /// <summary>The body as UTF-8: a build holds every document's body from the search documents until the export has
    /// read them for the last time (at 20,107 documents, about 60 MB as UTF-8 against twice that as .NET strings, held
    /// through the index and most of the export, where <c>ge serve</c>'s memory peaked). Each read decodes it; a
    /// build reads each body a few times (the index, the lexicon, the snippet).</summary>
    private readonly byte[] _body = System.Text.Encoding.UTF8.GetBytes(Body);

    /// <summary>Plain text of the body (Markdown stripped), decoded from what the document keeps.</summary>
    public string Body
    {
        get => System.Text.Encoding.UTF8.GetString(_body);
        init => _body = System.Text.Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The body decoded into <paramref name="buffer"/> (made larger when it is too small), without a string: a
    /// pass over every document's text (the lexicon's) reuses one buffer per thread.</summary>
    public ReadOnlySpan<char> BodyInto(ref char[] buffer)
    {
        var length = System.Text.Encoding.UTF8.GetMaxCharCount(_body.Length);
        if (buffer.Length < length) buffer = new char[Math.Max(length, buffer.Length * 2)];
        return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetChars(_body, buffer));
    }

    /// <summary>This document with its body replaced by the body's hash (<see cref="Hashing.ContentHash.Of(string)"/> of the
    /// text, taken from the UTF-8 kept, without decoding it): enough to tell whether a document changed once its text is
    /// needed no more.</summary>
    public SearchDocument WithBodyHash() => this with { Body = Hashing.ContentHash.Of("", _body) };

    /// <summary>A key of the searchable text (the title as indexed, the summary and the body; <see cref="Hashing.ContentHash.Key(ReadOnlySpan{byte})"/>
    /// of their UTF-8, each ended by a byte UTF-8 never holds), computed from the UTF-8 kept: the lexicon's cache finds by it
    /// what it read of the same text before (<see cref="LexiconCache"/>).</summary>
    public UInt128 TextKey()
    {
        var title = System.Text.Encoding.UTF8.GetByteCount(IndexedTitle);
        var summary = System.Text.Encoding.UTF8.GetByteCount(Summary);
        var length = title + summary + _body.Length + 3;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            System.Text.Encoding.UTF8.GetBytes(IndexedTitle, buffer);
            buffer[title] = 0xFF;
            System.Text.Encoding.UTF8.GetBytes(Summary, buffer.AsSpan(title + 1));
            buffer[title + 1 + summary] = 0xFF;
            _body.CopyTo(buffer, title + summary + 2);
            buffer[length - 1] = 0xFF;
            return Hashing.ContentHash.Key(buffer.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The body's first characters, at least <paramref name="length"/> of them when it has that many (the whole
    /// body when it is shorter), decoded without the rest: a snippet needs only the start of a long body.</summary>
    public string BodyStart(int length)
    {
        // Each character takes at most four bytes; a sequence cut at the end decodes to one replacement character, after
        // at least length + 1 whole ones.
        var bytes = (long)(length + 2) * 4;
        return bytes >= _body.Length ? System.Text.Encoding.UTF8.GetString(_body) : System.Text.Encoding.UTF8.GetString(_body, 0, (int)bytes);
    }

    /// <summary>
    /// The summary translated into other interface languages, by language: a result shows it, marked as a
    /// translation, when the reader's interface language is not the document's. Not indexed.
    /// </summary>
    public IReadOnlyDictionary<string, string> SummaryTranslations { get; init; } = new Dictionary<string, string>();

    /// <summary>Slugs of the same document in other languages (a practice's translations): never "related" to it.</summary>
    public IReadOnlyList<string> Translations { get; init; } = [];

    /// <summary>The slug part of <see cref="Id"/> (<c>siaf-peru</c> for <c>practice/siaf-peru</c>).</summary>
    public string Slug => Id[(Id.IndexOf('/') + 1)..];

    /// <summary>True when both index the same text and facets (records compare the facet dictionary by reference).</summary>
    public bool SameAs(SearchDocument other) =>
        Id == other.Id && Type == other.Type && Url == other.Url && Title == other.Title && IndexedTitle == other.IndexedTitle
        && Summary == other.Summary && Body == other.Body && Language == other.Language
        && Translations.SequenceEqual(other.Translations, StringComparer.Ordinal)
        && SummaryTranslations.Count == other.SummaryTranslations.Count
        && SummaryTranslations.All(t => other.SummaryTranslations.TryGetValue(t.Key, out var v) && v == t.Value)
        && Facets.Count == other.Facets.Count
        && Facets.All(f => other.Facets.TryGetValue(f.Key, out var v) && v.SequenceEqual(f.Value, StringComparer.Ordinal));
}
