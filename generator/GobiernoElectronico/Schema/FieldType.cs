using System.Collections.Frozen;

namespace GobiernoElectronico.Schema;

/// <summary>
/// The type of a front-matter value. The schema is data, so that one description drives validation,
/// the README's field tables and (later) the JSON Schema given to editors.
/// </summary>
public abstract record FieldType
{
    /// <summary>How the type is named in error messages ("a whole number", "one of …").</summary>
    public abstract string Describe();
}

/// <summary>Free text on one line or several. <paramref name="Markdown"/> marks text rendered as Markdown.</summary>
public sealed record TextType(bool Markdown = false, int MaxLength = 20_000) : FieldType
{
    public override string Describe() => Markdown ? "Markdown text" : "text";
}

/// <summary>A whole number within a range.</summary>
public sealed record IntegerType(long Min, long Max) : FieldType
{
    public override string Describe() => $"a whole number from {Min} to {Max}";
}

/// <summary>A decimal number.</summary>
public sealed record NumberType : FieldType
{
    public override string Describe() => "a number";
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BoolType : FieldType
{
    public override string Describe() => "true or false";
}

/// <summary>A calendar date written <c>YYYY-MM-DD</c>.</summary>
public sealed record DateType : FieldType
{
    public override string Describe() => "a date (YYYY-MM-DD)";
}

/// <summary>One value out of a fixed, documented list.</summary>
public sealed record EnumType(IReadOnlyList<string> Values, bool IgnoreCase = false) : FieldType
{
    public override string Describe() => "one of " + string.Join(", ", Values);
}

/// <summary>An ISO 3166-1 alpha-2 country code (upper or lower case; stored upper case).</summary>
public sealed record CountryCodeType : FieldType
{
    public override string Describe() => "an ISO 3166-1 alpha-2 country code";
}

/// <summary>A URL-safe identifier: lower-case letters, digits and single hyphens.</summary>
public sealed record SlugType : FieldType
{
    public override string Describe() => "a slug (lower-case letters, digits and hyphens)";
}

/// <summary>
/// A web address written into an <c>href</c>: http, https or mailto, or a relative link when
/// <paramref name="AllowRelative"/>. <paramref name="AbsoluteOnly"/> (the site's own address) allows only
/// absolute http(s). Anything else — <c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, in any spelling a
/// browser would still read as that scheme — is refused (see <c>SafeUrl</c>).
/// </summary>
public sealed record UrlType(bool AllowRelative = true, bool AbsoluteOnly = false) : FieldType
{
    /// <summary>The longest address accepted.</summary>
    public const int MaxLength = 2048;

    public override string Describe() => AbsoluteOnly ? "an http(s) address" : "a web address (http, https, mailto or a relative link)";
}

/// <summary>A path the site is served under: '/' or '/segment/…/', with no '..', '.' or backslash.</summary>
public sealed record BasePathType : FieldType
{
    public override string Describe() => "a path such as / or /kb/ (no '..')";
}

/// <summary>A list of values of one type.</summary>
public sealed record ListType(FieldType Item, int MinItems = 0, bool Unique = true) : FieldType
{
    public override string Describe() => $"a list of {Item.Describe()}";
}

/// <summary>Text per language: a mapping from language code to text.</summary>
public sealed record LocalizedTextType(IReadOnlyList<string> Languages) : FieldType
{
    public override string Describe() => "text per language (" + string.Join(", ", Languages) + ")";
}

/// <summary>A mapping with named fields.</summary>
public sealed record ObjectType(string Name, IReadOnlyList<Field> Fields) : FieldType
{
    public override string Describe() => "a mapping of fields";

    /// <summary>The field of that name, or null (the first of that name, as the list gives them).</summary>
    public Field? Find(string name) => ByName.TryGetValue(name, out var index) ? Fields[index] : null;

    /// <summary>The place in <see cref="Fields"/> of the first field of that name, or -1.</summary>
    public int IndexOf(string name) => ByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Each name's first place among the fields, made on first use: every key of every document's front matter is
    /// looked up here (at 20,000 documents, a walk along the list with a lambda for each was a tenth of the validate stage's time).</summary>
    private FrozenDictionary<string, int> ByName => _byName ??=
        Fields.Select((f, i) => (f.Name, i)).GroupBy(f => f.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

    private FrozenDictionary<string, int>? _byName;

    // The lazily made table is no part of the record's value.
    public bool Equals(ObjectType? other) => other is not null && Name == other.Name && Fields.Equals(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Name, Fields);
}

/// <summary>One named field of a mapping.</summary>
/// <param name="Private">Validated, but never bound into the model: it reaches no page, data file, search
/// shard or index (for contact details of people in the directory).</param>
public sealed record Field(string Name, FieldType Type, bool Required, string Description, bool Private = false);
