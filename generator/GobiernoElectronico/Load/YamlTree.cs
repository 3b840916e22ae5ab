using GobiernoElectronico.Diagnostics;

namespace GobiernoElectronico.Load;

/// <summary>
/// A YAML node with the position it was written at. The loader builds this small tree itself from
/// YamlDotNet's parser events so that every value keeps its line and column, duplicate keys are
/// reported rather than thrown, and aliases (which have no place in front matter) are refused.
/// </summary>
public abstract record YamlNode(SourcePosition Position)
{
    /// <summary>The kind of node, as error messages name it.</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <paramref name="Plain"/> is false for quoted and block scalars (never numbers or booleans).</summary>
public sealed record YamlScalar(string Value, bool Plain, SourcePosition Position) : YamlNode(Position)
{
    /// <summary>A plain <c>~</c>, <c>null</c> or empty value: the YAML null.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A plain <c>true</c> (in YAML's three spellings): the boolean true.</summary>
    public bool IsTrue => Plain && Value is "true" or "True" or "TRUE";

    /// <summary>A plain <c>false</c> (in YAML's three spellings): the boolean false.</summary>
    public bool IsFalse => Plain && Value is "false" or "False" or "FALSE";

    public override string KindName => IsNull ? "an empty value" : "text";
}

/// <summary>A sequence (<c>- item</c> or <c>[a, b]</c>).</summary>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourcePosition Position) : YamlNode(Position)
{
    public override string KindName => "a list";
}

/// <summary>A mapping (<c>key: value</c>), keys in the order written.</summary>
public sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, SourcePosition Position) : YamlNode(Position)
{
    public override string KindName => "a mapping";

    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
