namespace GobiernoElectronico.Pipeline;

/// <summary>Where a build reads and writes. Paths may be relative to the working directory.</summary>
public sealed record BuildOptions(string ContentRoot = "content", string TemplatesRoot = "templates", string OutputRoot = "site");
