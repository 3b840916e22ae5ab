using GobiernoElectronico.Hashing;
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
    /// build reads each body a few times (the index, the lexicon, the snippet). A body made on first read
    /// (<see cref="WithBodyMadeOnRead"/>) is made once, whichever copy of the document (<c>with</c>) reads it first.</summary>
    private BodyText _text = BodyText.Of(Body);

    /// <summary>Plain text of the body (Markdown stripped), decoded from what the document keeps. Not in the document's
    /// JSON, where <see cref="BodyKey"/> stands for it (serialising a document makes no body).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Body
    {
        get => System.Text.Encoding.UTF8.GetString(_text.Utf8);
        init => _text = BodyText.Of(value);
    }

    /// <summary>
    /// This document with a body made by <paramref name="make"/> when it is first read, known until then by
    /// <paramref name="key"/>, a key of everything <paramref name="make"/> reads (the Markdown and fields it turns into
    /// text): <c>ge build</c> with its cache needs the text of an unchanged document only where it is not kept (an index
    /// run, a lexicon entry, a result's fragment made again), and the plain text of every body was a second of CPU at
    /// 20,000 documents.
    /// </summary>
    public SearchDocument WithBodyMadeOnRead(Func<string> make, Hash128 key) => this with { _text = new BodyText(make, key) };

    /// <summary>Makes the body now if it is made on read (<see cref="WithBodyMadeOnRead"/>): the index makes those of the
    /// documents it indexes on both cores before it indexes them.</summary>
    public void MakeBody() => _ = _text.Utf8;

    /// <summary>Whether the body has been made (always, but for <see cref="WithBodyMadeOnRead"/> before its first read).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool BodyMade => _text.Made;

    /// <summary>A key of the body: for a body made on read, "m" and the key of what it is made from; for any other, the hash
    /// of its text (<see cref="Hashing.ContentHash.Of(string)"/>). Equal keys, equal bodies.</summary>
    public string BodyKey => _text.Key;

    /// <summary>The body decoded into <paramref name="buffer"/> (made larger when it is too small), without a string: a
    /// pass over every document's text (the lexicon's) reuses one buffer per thread.</summary>
    public ReadOnlySpan<char> BodyInto(ref char[] buffer)
    {
        var body = _text.Utf8;
        var length = System.Text.Encoding.UTF8.GetMaxCharCount(body.Length);
        if (buffer.Length < length) buffer = new char[Math.Max(length, buffer.Length * 2)];
        return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetChars(body, buffer));
    }

    /// <summary>This document with its body replaced by the body's key (<see cref="BodyKey"/>, without making or decoding
    /// the body): enough to tell whether a document changed once its text is needed no more.</summary>
    public SearchDocument WithBodyHash() => this with { Body = BodyKey };

    /// <summary>A key of the searchable text (the title as indexed, the summary and the body's <see cref="BodyKey"/>;
    /// <see cref="Hashing.ContentHash.Key(ReadOnlySpan{byte})"/> of their UTF-8, each ended by a byte UTF-8 never holds):
    /// the lexicon's cache finds by it what it read of the same text before (<see cref="LexiconCache"/>).</summary>
    public Hash128 TextKey()
    {
        var body = BodyKey;
        var title = System.Text.Encoding.UTF8.GetByteCount(IndexedTitle);
        var summary = System.Text.Encoding.UTF8.GetByteCount(Summary);
        var length = title + summary + body.Length + 3;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            System.Text.Encoding.UTF8.GetBytes(IndexedTitle, buffer);
            buffer[title] = 0xFF;
            System.Text.Encoding.UTF8.GetBytes(Summary, buffer.AsSpan(title + 1));
            buffer[title + 1 + summary] = 0xFF;
            System.Text.Encoding.ASCII.GetBytes(body, buffer.AsSpan(title + summary + 2));
            buffer[length - 1] = 0xFF;
            return Hashing.ContentHash.Key(buffer.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A key of everything the document gives the index and its export: every field, the body by its <see cref="BodyKey"/>,
    /// the facets, translations and summaries in their order, written as a <see cref="Hashing.KeyText"/> (so that no two
    /// documents' fields run together into the same text). The index's runs, the search record and the fragments kept go
    /// by it. Written out by hand: serialising each document as JSON to hash it was 0.3 s of CPU at 20,000 documents.
    /// </summary>
    public string Key()
    {
        var text = new Hashing.KeyText().Add(Id).Add(Type).Add(Url).Add(Title).Add(IndexedTitle).Add(Summary).Add(BodyKey).Add(Language);
        text.Count(Facets.Count);
        foreach (var (facet, values) in Facets) text.Add(facet).List(values);
        text.Count(SummaryTranslations.Count);
        foreach (var (language, summary) in SummaryTranslations) text.Add(language).Add(summary);
        return Hashing.ContentHash.Of(text.List(Translations).ToString());
    }

    /// <summary>The body's first characters, at least <paramref name="length"/> of them when it has that many (the whole
    /// body when it is shorter), decoded without the rest: a snippet needs only the start of a long body.</summary>
    public string BodyStart(int length)
    {
        var body = _text.Utf8;
        // Each character takes at most four bytes; a sequence cut at the end decodes to one replacement character, after
        // at least length + 1 whole ones.
        var bytes = (long)(length + 2) * 4;
        return bytes >= body.Length ? System.Text.Encoding.UTF8.GetString(body) : System.Text.Encoding.UTF8.GetString(body, 0, (int)bytes);
    }

    /// <summary>A body's text as UTF-8, given or made on first read, and its key.</summary>
    private sealed class BodyText
    {
        private byte[]? _utf8;
        private Func<string>? _make;
        private string? _key;

        private BodyText(byte[] utf8) => _utf8 = utf8;

        public BodyText(Func<string> make, Hash128 key)
        {
            _make = make;
            _key = "m" + key.ToString();
        }

        public static BodyText Of(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

        public bool Made => Volatile.Read(ref _utf8) is not null;

        public byte[] Utf8
        {
            get
            {
                if (Volatile.Read(ref _utf8) is { } made) return made;
                lock (this)
                {
                    if (_utf8 is null)
                    {
                        _utf8 = System.Text.Encoding.UTF8.GetBytes(_make!());
                        _make = null;
                    }
                    return _utf8;
                }
            }
        }

        public string Key => _key ??= Hashing.ContentHash.Of("", Utf8);
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
