namespace GobiernoElectronico.Pipeline;

/// <summary>Where a build reads and writes. Paths may be relative to the working directory.</summary>
/// <param name="Today">The date "future" is measured against (default: today); fixed in tests.</param>
public sealed record BuildOptions(string ContentRoot = "content", string TemplatesRoot = "templates", string OutputRoot = "site", DateOnly? Today = null);
