using Microsoft.Playwright;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium (/usr/bin/chromium, driven by Microsoft.Playwright; no <c>playwright install</c>) per
/// test class: a class takes it as an <c>IClassFixture</c>, and each test opens its own <see cref="BrowserTab"/>
/// (a fresh context: no cookies shared between tests).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install the Debian package chromium (scripts/bootstrap.sh)");
        }

        // Expect(...) polls this long: live updates and chart drawing are asynchronous.
        Assertions.SetDefaultExpectTimeout((float)BrowserTab.Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // As measured in shared/TOOLCHAIN.md: root in a VM without a user namespace sandbox or a GPU.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context and page on <paramref name="baseAddress"/>; <paramref name="name"/> names failure screenshots.</summary>
    internal Task<BrowserTab> OpenAsync(Uri baseAddress, string name) => BrowserTab.OpenAsync(Browser, baseAddress, name);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
