using System.Globalization;
using System.Text;

namespace GobiernoElectronico.Schema;

/// <summary>
/// A new document for any content type, written from its schema: every field present with a value that
/// passes validation (or, for references to other documents and private fields, as a comment), each
/// with its description. Used by <c>ge new</c> for the types without a hand-written template.
/// </summary>
public static class SchemaTemplate
{
    /// <param name="values">Values given on the command line (title, country…), by field name.</param>
    public static string Write(string type, ObjectType schema, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        var sb = new StringBuilder("---\n");
        sb.Append(CultureInfo.InvariantCulture, $"# yaml-language-server: $schema=../.schemas/{type}.schema.json\n");
        sb.Append(CultureInfo.InvariantCulture, $"# {type}. Formato completo: README.md, sección \"Content format\".\n");
        Fields(sb, schema, values, today, "");
        sb.Append("---\n");
        return sb.ToString();
    }

    private static void Fields(StringBuilder sb, ObjectType schema, IReadOnlyDictionary<string, string> values, DateOnly today, string indent)
    {
        foreach (var field in schema.Fields)
        {
            var comment = $"# {field.Description}";
            // Optional fields are offered as comments: a placeholder value could be published by accident.
            if (field.Private || (!field.Required && field.Name is not ("draft" or "illustrative" or "language")))
            {
                sb.Append(indent).Append("# ").Append((field.Name + ": " + (IsReference(field) || field.Type is ObjectType ? "…" : Placeholder(field, today))).PadRight(38)).Append(' ').Append(comment).Append('\n');
                continue;
            }
            if (field.Type is ObjectType nested)
            {
                sb.Append(indent).Append(field.Name).Append(":  ").Append(comment).Append('\n');
                Fields(sb, nested, values, today, indent + "  ");
                continue;
            }
            var value = values.TryGetValue(field.Name, out var given) ? Quote(given) : Placeholder(field, today);
            sb.Append(indent).Append((field.Name + ": " + value).PadRight(40)).Append(' ').Append(comment).Append('\n');
        }
    }

    private static bool IsReference(Field f) => f.Type is SlugType || f.Type is ListType { Item: SlugType } || f.Name == "slug";

    private static string Placeholder(Field field, DateOnly today) => field.Name switch
    {
        "draft" => "true",
        "illustrative" => "true",
        "language" => "es",
        "year" or "year_started" => today.Year.ToString(CultureInfo.InvariantCulture),
        _ => field.Type switch
        {
            TextType => Quote(Placeholders.Text),
            UrlType => Quote(Placeholders.Url),
            BasePathType => "/",
            IntegerType i => Math.Max(i.Min, Math.Min(i.Max, 1)).ToString(CultureInfo.InvariantCulture),
            NumberType => "0",
            BoolType => "false",
            DateType => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EnumType e => e.Values[0],
            ListType { MinItems: 0 } => "[]",
            ListType { Item: EnumType e } => $"[{e.Values[0]}]",
            ListType { Item: ObjectType } => $"[{{title: {Quote(Placeholders.Source)}}}]",
            ListType => $"[{Quote(Placeholders.Text)}]",
            LocalizedTextType => $"{{es: {Quote(Placeholders.Text)}}}",
            _ => Quote(Placeholders.Text),
        },
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
