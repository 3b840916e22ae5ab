namespace GobiernoElectronico.Validate;

/// <summary>
/// Names that become folders of the site must be usable on every file system the site is copied to — a
/// USB stick formatted FAT32, a Windows laptop — not just the one it was built on.
/// </summary>
public static class FileNames
{
    /// <summary>The longest slug: a folder name with room for the path around it on any system.</summary>
    public const int MaxSlugLength = 100;

    private static readonly HashSet<string> Reserved = new(
        new[] { "con", "prn", "aux", "nul", "conin$", "conout$", "clock$" }
            .Concat(Enumerable.Range(0, 10).SelectMany(i => new[] { $"com{i}", $"lpt{i}" })),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="slug"/> cannot name a folder of the site, or null.</summary>
    public static string? Problem(string slug)
    {
        if (slug.Length > MaxSlugLength) return $"is {slug.Length} characters long; a slug may have at most {MaxSlugLength} (it names a folder of the site)";
        var stem = slug.Split('.')[0];
        if (Reserved.Contains(stem)) return $"is a name Windows reserves for a device ('{stem}'), so the site could not be copied to Windows or to some USB sticks";
        return null;
    }
}
