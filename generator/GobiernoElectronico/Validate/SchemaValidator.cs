using System.Globalization;
using System.Text.RegularExpressions;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Load;
using GobiernoElectronico.Schema;

namespace GobiernoElectronico.Validate;

/// <summary>
/// Checks a YAML tree against a schema and converts it into <see cref="Checked"/> values. Every problem is
/// reported at the position of the offending key or value; checking goes on after a problem so that one
/// run reports them all.
/// </summary>
public sealed partial class SchemaValidator(string path, DiagnosticBag diagnostics)
{

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    /// <summary>Unknown fields listed one by one in a mapping; past this, one line counts the rest.</summary>
    public const int MaxUnknownReported = 20;

    /// <summary>Validates a whole document's front matter. Returns null if the mapping itself is unusable.</summary>
    public CheckedObject? ValidateDocument(YamlMapping frontMatter, ObjectType schema) =>
        CheckObject(frontMatter, schema, parentName: null);

    private object? Check(YamlNode node, FieldType type, string name)
    {
        switch (type)
        {
            case ObjectType o: return CheckObject(node, o, name);
            case ListType l: return CheckList(node, l, name);
            case LocalizedTextType t: return CheckLocalized(node, t, name);
        }

        if (node is not YamlScalar scalar)
        {
            Error(node.Position, ErrorCodes.WrongType, $"'{name}' must be {type.Describe()}, not {node.KindName}");
            return null;
        }
        var value = scalar.Value;
        switch (type)
        {
            case TextType t:
                if (value.Length > t.MaxLength)
                {
                    Error(scalar.Position, ErrorCodes.ValueOutOfRange, $"'{name}' is {value.Length} characters long; the limit is {t.MaxLength}");
                    return null;
                }
                if (value.Trim().Length == 0)
                {
                    Error(scalar.Position, ErrorCodes.MissingField, $"'{name}' is blank; write the text or remove the line");
                    return null;
                }
                if (FirstControl(value) is var control and not '\0')
                {
                    Error(scalar.Position, ErrorCodes.ValueOutOfRange, $"'{name}' holds an invisible control character (U+{(int)control:X4}); remove it");
                    return null;
                }
                if (t.Markdown && MarkdownLimits.Problem(value) is { } markdownProblem)
                {
                    Error(scalar.Position, ErrorCodes.LimitExceeded, $"'{name}': {markdownProblem}");
                    return null;
                }
                return t.Markdown ? value : value.Trim();

            case UrlType u:
                if (SafeUrl.Problem(value, u.AllowRelative, u.AbsoluteOnly) is { } urlProblem)
                {
                    Error(scalar.Position, ErrorCodes.UnsafeUrl, $"'{name}' {urlProblem}: '{Shown.Value(value)}'");
                    return null;
                }
                return value.Trim();

            case BasePathType:
                var trimmedPath = value.Trim();
                if (!Patterns.BasePath().IsMatch(trimmedPath) || trimmedPath.Split('/').Any(s => s is "." or ".."))
                {
                    Error(scalar.Position, ErrorCodes.ValueNotAllowed, $"'{name}' must be a path such as / or /kb/ made of letters, digits, '-', '_', '.' and '~', with no '..': '{Shown.Value(value)}'");
                    return null;
                }
                return trimmedPath;

            case IntegerType i:
                var isWhole = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole);
                if (!scalar.Plain || !isWhole)
                {
                    Error(scalar.Position, ErrorCodes.WrongType, $"'{name}' must be {type.Describe()}, not '{value}'" + (isWhole ? Unquoted(name, value) : ""));
                    return null;
                }
                if (whole < i.Min || whole > i.Max)
                {
                    Error(scalar.Position, ErrorCodes.ValueOutOfRange, $"'{name}' must be from {i.Min} to {i.Max}, not {whole}");
                    return null;
                }
                return whole;

            case NumberType:
                var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                if (!scalar.Plain || !isNumber || !double.IsFinite(number))
                {
                    Error(scalar.Position, ErrorCodes.WrongType, $"'{name}' must be a number (with a '.' for decimals), not '{value}'"
                        + (!scalar.Plain && isNumber ? Unquoted(name, value) : ""));
                    return null;
                }
                return number;

            case BoolType:
                if (scalar.IsTrue) return true;
                if (scalar.IsFalse) return false;
                Error(scalar.Position, ErrorCodes.WrongType, $"'{name}' must be true or false, not '{value}'"
                    + (!scalar.Plain && value.Trim() is "true" or "false" ? Unquoted(name, value) : ""));
                return null;

            case DateType:
                if (!DatePattern().IsMatch(value))
                {
                    Error(scalar.Position, ErrorCodes.WrongType, $"'{name}' must be a date written YYYY-MM-DD, not '{value}'");
                    return null;
                }
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Error(scalar.Position, ErrorCodes.ValueOutOfRange, $"'{value}' is not a date in the calendar");
                    return null;
                }
                return date;

            case EnumType e:
                var match = Allowed(e, value);
                if (match is null)
                {
                    Error(scalar.Position, ErrorCodes.ValueNotAllowed,
                        $"'{value}' is not allowed for '{name}'{Suggestions.DidYouMean(value, e.Values)} (allowed: {string.Join(", ", e.Values)})");
                    return null;
                }
                return match;

            case CountryCodeType:
                if (!CountryCodes.IsValid(value) || !(All(value, char.IsUpper) || All(value, char.IsLower)))
                {
                    Error(scalar.Position, ErrorCodes.UnknownCountryCode, $"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. BO, PE, BR)");
                    return null;
                }
                return value.ToUpperInvariant();

            case SlugType:
                if (!Patterns.Slug().IsMatch(value))
                {
                    Error(scalar.Position, ErrorCodes.InvalidSlug, $"'{Shown.Value(value)}' is not a valid slug: use lower-case letters, digits and single hyphens");
                    return null;
                }
                if (FileNames.Problem(value) is { } nameProblem)
                {
                    Error(scalar.Position, ErrorCodes.ReservedName, $"'{Shown.Value(value)}' {nameProblem}");
                    return null;
                }
                return value;

            default:
                throw new InvalidOperationException($"no check for {type.GetType().Name}");
        }
    }

    /// <summary>The value of the list an enumeration allows that <paramref name="value"/> is (by its case rule), or null.
    /// A loop rather than a query: a lambda capturing the value made every scalar's check allocate.</summary>
    private static string? Allowed(EnumType e, string value)
    {
        var comparison = e.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var values = e.Values;
        for (var i = 0; i < values.Count; i++)
            if (string.Equals(values[i], value, comparison)) return values[i];
        return null;
    }

    /// <summary>The first control character of a text other than a line break or a tab, or '\0' when there is none (a '\0'
    /// itself is refused when the file is read).</summary>
    private static char FirstControl(string value)
    {
        foreach (var c in value.AsSpan())
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return c;
        return '\0';
    }

    /// <summary>Whether every character of a text is of a kind (true for an empty text, as the query it replaces).</summary>
    private static bool All(string value, Func<char, bool> kind)
    {
        foreach (var c in value.AsSpan())
            if (!kind(c)) return false;
        return true;
    }

    private CheckedObject? CheckObject(YamlNode node, ObjectType schema, string? parentName)
    {
        if (node is not YamlMapping mapping)
        {
            Error(node.Position, ErrorCodes.WrongType, $"'{parentName}' must be {schema.Describe()}, not {node.KindName}");
            return null;
        }
        var fields = new Dictionary<string, Checked>(mapping.Entries.Count, StringComparer.Ordinal);
        // Which of the schema's fields the mapping writes, by their place in it (a set of names per object was a tenth of what
        // validation allocated at 20,000 documents).
        var present = new bool[schema.Fields.Count];
        // What only a problem needs is made when one is met: a valid object (every one of 20,000 documents' many) makes none.
        HashSet<string>? suggested = null;
        List<string>? unwritten = null;
        var unknown = 0;
        string Where() => parentName is null ? "" : $" in '{parentName}'";
        var entries = mapping.Entries;
        for (var e = 0; e < entries.Count; e++)
        {
            var (key, valueNode) = entries[e];
            var field = schema.Find(key.Value);
            if (field is null && ++unknown > MaxUnknownReported)
                continue;
            if (field is null)
            {
                unwritten ??= Unwritten(mapping, schema);
                var suggestion = key.Value.Length > 64 ? null : Suggestions.Closest(key.Value, unwritten);
                if (suggestion is not null) (suggested ??= new HashSet<string>(StringComparer.Ordinal)).Add(suggestion);
                Error(key.Position, ErrorCodes.UnknownField,
                    $"unknown field '{Shown.Value(key.Value)}'{Where()}{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}");
                continue;
            }
            present[schema.IndexOf(field.Name)] = true;
            if (valueNode is YamlScalar { IsNull: true })
            {
                Error(key.Position, ErrorCodes.MissingField, field.Required
                    ? $"'{field.Name}'{Where()} is empty; it needs {field.Type.Describe()}"
                    : $"'{field.Name}'{Where()} is empty; give it {field.Type.Describe()} or remove the line");
                continue;
            }
            var value = Check(valueNode, field.Type, field.Name);
            // A private field is checked like any other, then dropped: nothing downstream can publish it.
            if (value is not null && !field.Private)
                fields[field.Name] = new Checked(value, valueNode.Position);
        }
        if (unknown > MaxUnknownReported)
            Error(mapping.Position, ErrorCodes.UnknownField,
                $"and {unknown - MaxUnknownReported:N0} more unknown fields{Where()} (only the first {MaxUnknownReported} are listed)");
        // A required field reported above as the likely meaning of a misspelt key is not reported again.
        foreach (var missing in schema.Fields)
        {
            if (!missing.Required || present[schema.IndexOf(missing.Name)] || suggested?.Contains(missing.Name) == true) continue;
            Error(mapping.Position, ErrorCodes.MissingField, $"required field '{missing.Name}'{Where()} is missing ({missing.Description})");
        }
        return new CheckedObject(mapping.Position, fields);
    }

    /// <summary>The schema's fields the mapping does not write, in the schema's order: what a misspelt key may have meant.</summary>
    private static List<string> Unwritten(YamlMapping mapping, ObjectType schema)
    {
        var written = mapping.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
        return schema.Fields.Where(f => !written.Contains(f.Name)).Select(f => f.Name).ToList();
    }

    private List<Checked>? CheckList(YamlNode node, ListType type, string name)
    {
        if (node is not YamlSequence sequence)
        {
            Error(node.Position, ErrorCodes.WrongType, $"'{name}' must be {type.Describe()} (one '- item' per line), not {node.KindName}");
            return null;
        }
        if (sequence.Items.Count < type.MinItems)
        {
            Error(node.Position, ErrorCodes.MissingField, $"'{name}' needs at least {type.MinItems} item{(type.MinItems == 1 ? "" : "s")}");
            return null;
        }
        var items = new List<Checked>(sequence.Items.Count);
        HashSet<string>? seen = null;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemNode = sequence.Items[i];
            var value = Check(itemNode, type.Item, name);
            if (value is null) continue;
            if (type.Unique && value is string s && Listed(items, ref seen, s))
            {
                Error(itemNode.Position, ErrorCodes.ValueOutOfRange, $"'{s}' is listed twice in '{name}'");
                continue;
            }
            items.Add(new Checked(value, itemNode.Position));
            if (seen is not null && value is string kept) seen.Add(kept);
        }
        return items;
    }

    /// <summary>Whether a text is among the list's items so far: looked for along a short list, in a set of them (made then)
    /// once the list is long.</summary>
    private static bool Listed(List<Checked> items, ref HashSet<string>? seen, string text)
    {
        if (seen is null && items.Count < 16)
        {
            foreach (var item in items)
                if (item.Value is string other && string.Equals(other, text, StringComparison.Ordinal)) return true;
            return false;
        }
        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
                if (item.Value is string other) seen.Add(other);
        }
        return seen.Contains(text);
    }

    private Dictionary<string, string>? CheckLocalized(YamlNode node, LocalizedTextType type, string name)
    {
        if (node is not YamlMapping mapping)
        {
            Error(node.Position, ErrorCodes.WrongType, $"'{name}' must be {type.Describe()}, not {node.KindName}");
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (!type.Languages.Contains(key.Value))
            {
                Error(key.Position, ErrorCodes.UnknownField,
                    $"'{key.Value}' is not a language of the site{Suggestions.DidYouMean(key.Value, type.Languages)} (languages: {string.Join(", ", type.Languages)})");
                continue;
            }
            if (value is not YamlScalar { IsNull: false } text)
            {
                Error(value.Position, ErrorCodes.WrongType, $"'{name}.{key.Value}' must be text, not {value.KindName}");
                continue;
            }
            if (text.Value.Trim().Length == 0)
            {
                Error(value.Position, ErrorCodes.MissingField, $"'{name}.{key.Value}' is blank; write the text or remove the line");
                continue;
            }
            result[key.Value] = text.Value.Trim();
        }
        if (result.Count == 0 && mapping.Entries.Count == 0)
            Error(node.Position, ErrorCodes.MissingField, $"'{name}' needs the text in at least one language");
        return result;
    }

    private void Error(SourcePosition at, string code, string message) => diagnostics.Error(path, at, code, message);

    /// <summary>For a value of the right kind written in quotes (<c>year_started: "2019"</c>), which YAML reads as text: how to write it.</summary>
    private static string Unquoted(string name, string value) => $" (in quotes it is text: write {name}: {value.Trim()})";
}
