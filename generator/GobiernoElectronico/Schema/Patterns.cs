using System.Text.RegularExpressions;

namespace GobiernoElectronico.Schema;

/// <summary>The forms a slug and a base path must have (the validator checks them; the JSON Schema states them).</summary>
public static partial class Patterns
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Slug();

    [GeneratedRegex(@"^/?([A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*([A-Za-z0-9_~-][A-Za-z0-9._~-]*/?)?$")]
    public static partial Regex BasePath();
}
