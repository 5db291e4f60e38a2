using System.Text;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A page in its own browser context, for dashboard tests. It records every console error, uncaught exception and
/// Content-Security-Policy violation of every document it loads (our scripts must log none), and each check made
/// through it fails with the step, the page's URL, what the console said and a screenshot of the moment.
/// </summary>
internal sealed class BrowserTab : IAsyncDisposable
{
    /// <summary>
    /// How long a check waits for the page to get there (live updates, scripts drawing). Generous: signing in hashes
    /// PBKDF2 (600,000 iterations) and a loaded 2-core CI machine was seen to need more than 15 s for it and the overview.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Chromium logs CSP refusals to the console too; the event also catches ones it might not, with the source line.
    private const string CspListener = """
        document.addEventListener('securitypolicyviolation', e =>
          console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private readonly IBrowserContext _context;
    private readonly string _name;
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();
    private readonly bool _ownsContext;
    private int _failures;

    private BrowserTab(IBrowserContext context, IPage page, string name, bool ownsContext)
    {
        _context = context;
        Page = page;
        _name = name;
        _ownsContext = ownsContext;
        Watch(page);
    }

    public IPage Page { get; }

    public string Url => Page.Url;

    /// <summary>Console errors, uncaught exceptions and CSP violations so far, each with the page it came from.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<BrowserTab> OpenAsync(IBrowser browser, Uri baseAddress, string name)
    {
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        await context.AddInitScriptAsync(CspListener);
        IPage page = await context.NewPageAsync();
        return new BrowserTab(context, page, name, ownsContext: true);
    }

    /// <summary>Another page in the same context (same session), watched the same way.</summary>
    public async Task<BrowserTab> OpenSiblingAsync(string name)
    {
        IPage page = await _context.NewPageAsync();
        return new BrowserTab(_context, page, name, ownsContext: false);
    }

    /// <summary>Signs in on /login through the form, as a person would, and lands on the overview.</summary>
    public async Task SignInAsync(string user, string password)
    {
        await GotoAsync("/login");
        await StepAsync($"sign in as {user}", async () =>
        {
            await Page.Locator("input[name=UserName]").FillAsync(user);
            await Page.Locator("input[name=Password]").FillAsync(password);
            await Page.Locator("form button[type=submit]").ClickAsync();
            await Page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
            await Assertions.Expect(Page.Locator("header nav")).ToBeVisibleAsync();
        });
    }

    /// <summary>
    /// Navigates to <paramref name="path"/>, expects 200 and, unless <paramref name="errorsLater"/>, no script error once
    /// it has loaded (a test whose own checks say more about a failure defers that to <see cref="AssertNoErrorsAsync"/>).
    /// </summary>
    public async Task GotoAsync(string path, bool errorsLater = false)
    {
        await StepAsync($"open {path}", async () =>
        {
            IResponse? response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.True(response is not null && response.Status == 200, $"{path} answered {response?.Status}");
        });
        if (!errorsLater)
        {
            await AssertNoErrorsAsync();
        }
    }

    /// <summary>Clicks <paramref name="locator"/> and waits until the page at <paramref name="path"/> has loaded (errors: as <see cref="GotoAsync"/>).</summary>
    public async Task FollowAsync(ILocator locator, string path, bool errorsLater = false)
    {
        await StepAsync($"follow the link to {path}", async () =>
        {
            // A live refresh (live.js swapping a list) can replace the link between Playwright finding it and the
            // click landing, and then nothing navigates: click the fresh link again, a few times at most.
            for (int attempt = 1; ; attempt++)
            {
                await locator.ClickAsync();
                try
                {
                    await Page.WaitForURLAsync(u => new Uri(u).AbsolutePath == path, new PageWaitForURLOptions
                    {
                        WaitUntil = WaitUntilState.Load,
                        Timeout = (float)(Patience.TotalMilliseconds / 3),
                    });
                    break;
                }
                catch (TimeoutException) when (new Uri(Page.Url).AbsolutePath == path)
                {
                    // It navigated but the page is still loading (a loaded machine): wait for it with full patience.
                    await Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = (float)Patience.TotalMilliseconds });
                    break;
                }
                catch (TimeoutException) when (attempt < 3)
                {
                }
            }
        });
        if (!errorsLater)
        {
            await AssertNoErrorsAsync();
        }
    }

    /// <summary>Waits until the live stream (server-sent events) is open: live.js sets body[data-live].</summary>
    public Task WaitForLiveAsync() =>
        StepAsync("live stream connected", () => Assertions.Expect(Page.Locator("body")).ToHaveAttributeAsync("data-live", "connected"));

    /// <summary>From now on keeps the text of every toast live.js shows in this document (each goes away after 15 s).</summary>
    public Task KeepToastsAsync() => StepAsync("watch the toasts", () => Page.EvaluateAsync("""
        () => {
          window.__toasts = [];
          new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => window.__toasts.push(n.className + ': ' + n.textContent))))
            .observe(document.getElementById('live'), { childList: true });
        }
        """));

    /// <summary>Waits until a toast kept since <see cref="KeepToastsAsync"/> reads "<c>class: text</c>" containing <paramref name="text"/>.</summary>
    public Task ExpectToastAsync(string text) => StepAsync($"a toast with '{text}'", () => Page.WaitForFunctionAsync(
        "text => (window.__toasts || []).some(t => t.includes(text))", text, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds }));

    /// <summary>Runs one check; on failure throws with the step, the URL, the console and a screenshot path.</summary>
    public async Task StepAsync(string step, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or XunitException)
        {
            throw new XunitException(await DescribeFailureAsync(step, ex.Message), ex);
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> (a JS function) in the page.</summary>
    public Task<T> EvaluateAsync<T>(string expression) => Page.EvaluateAsync<T>(expression);

    /// <summary>Fails (with the URL, all errors and a screenshot) if any page of this tab logged an error so far.</summary>
    public async Task AssertNoErrorsAsync()
    {
        int count = Errors.Count;
        if (count > 0)
        {
            throw new XunitException(await DescribeFailureAsync("no console errors", $"the browser logged {count} error(s)"));
        }
    }

    /// <summary>A full-page PNG in artifacts/screenshots/<paramref name="file"/>.png.</summary>
    public async Task<string> ScreenshotAsync(string file)
    {
        string path = Path.Combine(RepositoryPaths.Screenshots, file + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"screenshot {path} is empty");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing ends the page's server-sent event stream, so the collector can stop without waiting for it.
        if (_ownsContext)
        {
            await _context.CloseAsync();
        }
        else
        {
            await Page.CloseAsync();
        }
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error on {page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught exception on {page.Url}: {error}");
        page.Crash += (_, _) => Record($"the page crashed on {page.Url}");
    }

    private void Record(string error)
    {
        lock (_lock)
        {
            _errors.Add(error);
        }
    }

    private async Task<string> DescribeFailureAsync(string step, string reason)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"[{_name}] step '{step}' failed on {Page.Url}: {reason}");
        IReadOnlyList<string> errors = Errors;
        text.Append(errors.Count == 0 ? "\nbrowser console: no errors" : "\nbrowser console:\n  " + string.Join("\n  ", errors));
        try
        {
            string shot = Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryPaths.Screenshots, "failures")).FullName,
                $"{_name}-{Interlocked.Increment(ref _failures)}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            text.Append("\nscreenshot: ").Append(shot);
        }
        catch (PlaywrightException ex)
        {
            text.Append("\n(no screenshot: ").Append(ex.Message).Append(')');
        }

        return text.ToString();
    }
}
