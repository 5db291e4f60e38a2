using Collector.Tests.Infrastructure;
using Xunit.Sdk;

namespace Collector.Tests.Browser;

/// <summary>
/// The guard the other browser tests rely on: a script error or a Content-Security-Policy refusal on a page makes
/// <see cref="BrowserTab"/> fail, naming the page, the error and a screenshot.
/// </summary>
public sealed class ConsoleGuardTests : IClassFixture<ChromiumFixture>, IClassFixture<EmptyDashboardFixture>
{
    private readonly ChromiumFixture _chromium;
    private readonly EmptyDashboardFixture _dashboard;

    public ConsoleGuardTests(ChromiumFixture chromium, EmptyDashboardFixture dashboard)
    {
        _chromium = chromium;
        _dashboard = dashboard;
    }

    [Fact]
    public async Task An_uncaught_exception_and_a_csp_refusal_fail_the_test_with_the_page()
    {
        await using BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, "console-guard-expected");
        await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
        await tab.GotoAsync("/sensors");

        // What markup that escaped encoding would do: an inline script (refused by the CSP), and a script that throws.
        await tab.EvaluateAsync<bool>("""
            () => {
              const inline = document.createElement('script');
              inline.textContent = 'window.__inline = 1';
              document.body.appendChild(inline);
              setTimeout(() => { throw new Error('thrown by the guard test'); });
              return true;
            }
            """);
        DateTime deadline = DateTime.UtcNow + BrowserTab.Patience;
        while (!(tab.Errors.Any(e => e.Contains("uncaught exception on ", StringComparison.Ordinal))
                 && tab.Errors.Any(e => e.Contains("script-src", StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        XunitException failure = await Assert.ThrowsAsync<XunitException>(tab.AssertNoErrorsAsync);
        Assert.Contains("/sensors", failure.Message, StringComparison.Ordinal);
        Assert.Contains("script-src", failure.Message, StringComparison.Ordinal);
        Assert.Contains("uncaught exception on ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("thrown by the guard test", failure.Message, StringComparison.Ordinal);
        string screenshot = failure.Message[(failure.Message.IndexOf("screenshot: ", StringComparison.Ordinal) + "screenshot: ".Length)..].Trim();
        Assert.True(File.Exists(screenshot), failure.Message);
        File.Delete(screenshot); // made on purpose: not a failure for CI's artifacts
        Assert.False(await tab.EvaluateAsync<bool>("() => window.__inline === 1"), "the CSP let an inline script run");
    }
}
