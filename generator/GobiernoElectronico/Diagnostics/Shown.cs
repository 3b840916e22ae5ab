namespace GobiernoElectronico.Diagnostics;

/// <summary>A value from content as a message shows it.</summary>
public static class Shown
{
    /// <summary>A value as quoted in a message: control characters made visible, and cut if long.</summary>
    public static string Value(string value)
    {
        var visible = string.Concat(value.Take(120).Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return value.Length > 120 ? visible + "…" : visible;
    }
}
