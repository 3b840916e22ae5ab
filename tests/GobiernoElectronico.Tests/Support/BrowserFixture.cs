using Microsoft.Playwright;

namespace GobiernoElectronico.Tests.Support;

/// <summary>Debian's chromium, launched once for a class of browser tests and closed after them.</summary>
[Category("Browser")]
public abstract class BrowserFixture
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium was not launched");

    /// <summary>True when the tests also need the npm tools (axe-core): missing, they fail under CI and are skipped loudly otherwise.</summary>
    protected virtual bool NeedsNodeTools => false;

    [OneTimeSetUp]
    public async Task LaunchChromium()
    {
        if (NeedsNodeTools) NodeTools.Require();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task CloseChromium()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
