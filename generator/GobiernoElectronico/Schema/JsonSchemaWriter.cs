using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GobiernoElectronico.Schema;

/// <summary>
/// JSON Schema (draft 2020-12) for every content type, generated from <see cref="ContentSchemas"/> — the same
/// data the validator checks against — so that editors' autocomplete and the build cannot drift apart.
/// The files live in <c>content/.schemas/</c>; <c>ge schema</c> rewrites them and a test fails if they are stale.
/// </summary>
public static class JsonSchemaWriter
{
    public const string Folder = ".schemas";

    /// <summary>Content type → its schema object.</summary>
    public static readonly IReadOnlyDictionary<string, ObjectType> Types = new SortedDictionary<string, ObjectType>(StringComparer.Ordinal)
    {
        ["site"] = ContentSchemas.Site,
        ["country"] = ContentSchemas.Country,
        ["practice"] = ContentSchemas.Practice,
        ["activity"] = ContentSchemas.Activity,
        ["organisation"] = ContentSchemas.Organisation,
        ["directory"] = ContentSchemas.DirectoryEntry,
        ["telecentre"] = ContentSchemas.Telecentre,
        ["workshop"] = ContentSchemas.Workshop,
    };

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FileName(string type) => $"{type}.schema.json";

    /// <summary>The schema document of one content type, as text.</summary>
    public static string Write(string type)
    {
        var root = Node(Types[type]);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = FileName(type),
            ["title"] = $"GobiernoElectronico {type}",
        };
        foreach (var (k, v) in root) document[k] = v?.DeepClone();
        return document.ToJsonString(Options) + "\n";
    }

    private static JsonObject Node(FieldType type) => type switch
    {
        ObjectType o => new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(o.Fields.Select(f =>
            {
                var node = Node(f.Type);
                node["description"] = f.Description;
                if (f.Private) node["x-private"] = true;
                return KeyValuePair.Create(f.Name, (JsonNode?)node);
            })),
            ["required"] = new JsonArray(o.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray()),
            ["additionalProperties"] = false,
        },
        TextType t => new JsonObject { ["type"] = "string", ["maxLength"] = t.MaxLength },
        UrlType u => new JsonObject
        {
            ["type"] = "string", ["maxLength"] = UrlType.MaxLength,
            ["pattern"] = u.AbsoluteOnly ? "^\\s*[Hh][Tt][Tt][Pp][Ss]?://" : u.AllowRelative ? "^(?![\\s\\x00-\\x1f]*[A-Za-z][A-Za-z0-9+.\\-\\t\\n\\r]*:)|^\\s*([Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):" : "^\\s*([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)",
            ["format"] = "uri-reference",
        },
        BasePathType => new JsonObject { ["type"] = "string", ["pattern"] = Patterns.BasePath().ToString() },
        IntegerType i => new JsonObject { ["type"] = "integer", ["minimum"] = i.Min, ["maximum"] = i.Max },
        NumberType => new JsonObject { ["type"] = "number" },
        BoolType => new JsonObject { ["type"] = "boolean" },
        DateType => new JsonObject { ["type"] = "string", ["format"] = "date", ["pattern"] = @"^\d{4}-\d{2}-\d{2}$" },
        EnumType e => new JsonObject { ["enum"] = new JsonArray(e.Values.Select(v => (JsonNode)v).ToArray()) },
        CountryCodeType => new JsonObject
        {
            ["enum"] = new JsonArray(CountryCodes.Codes.Order(StringComparer.Ordinal).SelectMany(c => new[] { c, c.ToLowerInvariant() }).Select(c => (JsonNode)c).ToArray()),
        },
        SlugType => new JsonObject { ["type"] = "string", ["pattern"] = Patterns.Slug().ToString() },
        ListType l => new JsonObject
        {
            ["type"] = "array",
            ["items"] = Node(l.Item),
            ["minItems"] = l.MinItems,
            ["uniqueItems"] = l.Unique,
        },
        LocalizedTextType t => new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(t.Languages.Select(lang => KeyValuePair.Create(lang, (JsonNode?)new JsonObject { ["type"] = "string" }))),
            ["additionalProperties"] = false,
            ["minProperties"] = 1,
        },
        _ => throw new InvalidOperationException($"no JSON Schema for {type.GetType().Name}"),
    };
}
