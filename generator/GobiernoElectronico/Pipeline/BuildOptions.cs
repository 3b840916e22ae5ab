namespace GobiernoElectronico.Pipeline;

/// <summary>Where a build reads and writes. Paths may be relative to the working directory.</summary>
/// <param name="Today">The date "future" is measured against (default: today); fixed in tests.</param>
/// <param name="Cache">Whether <c>ge build</c> reads and leaves its build cache beside the output (<c>.NAME.cache</c>): with
/// it, a build after an edit keeps the pages whose inputs did not change and writes only the files that did; without
/// it (<c>--no-cache</c>), everything is made and the site written whole. The bytes are the same either way.</param>
public sealed record BuildOptions(string ContentRoot = "content", string TemplatesRoot = "templates", string OutputRoot = "site", DateOnly? Today = null,
    bool Cache = true);
