using GobiernoElectronico.Diagnostics;

namespace GobiernoElectronico.Validate;

/// <summary>
/// A value that passed its schema, with the position it was written at. The value is a
/// <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateOnly"/>,
/// a list of <see cref="Checked"/>, a <see cref="CheckedObject"/> or a language → text dictionary.
/// </summary>
public sealed record Checked(object Value, SourcePosition Position);

/// <summary>The valid fields of a mapping. Fields that failed validation are absent.</summary>
public sealed class CheckedObject(SourcePosition position, IReadOnlyDictionary<string, Checked> fields)
{
    public SourcePosition Position { get; } = position;

    public IReadOnlyDictionary<string, Checked> Fields { get; } = fields;

    public bool Has(string name) => Fields.ContainsKey(name);

    public SourcePosition PositionOf(string name) => Fields.TryGetValue(name, out var c) ? c.Position : Position;

    public string Text(string name) => (string)Fields[name].Value;

    public string? OptionalText(string name) => Fields.TryGetValue(name, out var c) ? (string)c.Value : null;

    public long WholeNumber(string name) => (long)Fields[name].Value;

    public long? OptionalInteger(string name) => Fields.TryGetValue(name, out var c) ? (long)c.Value : null;

    public double Number(string name) => (double)Fields[name].Value;

    public bool Flag(string name) => Fields.TryGetValue(name, out var c) && (bool)c.Value;

    public DateOnly Date(string name) => (DateOnly)Fields[name].Value;

    public CheckedObject Mapping(string name) => (CheckedObject)Fields[name].Value;

    public IReadOnlyList<T> List<T>(string name, Func<Checked, T> map) =>
        Fields.TryGetValue(name, out var c) ? ((IReadOnlyList<Checked>)c.Value).Select(map).ToList() : [];

    public IReadOnlyList<string> TextList(string name) => List(name, c => (string)c.Value);

    public IReadOnlyList<CheckedObject> ObjectList(string name) => List(name, c => (CheckedObject)c.Value);

    public IReadOnlyDictionary<string, string> Localized(string name) => (IReadOnlyDictionary<string, string>)Fields[name].Value;
}
