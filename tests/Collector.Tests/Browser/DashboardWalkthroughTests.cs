using Collector.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// The dashboard in a real Chromium, over what the real sensor reported from the reconnaissance capture: sign in on
/// /login, open every page (a full-page screenshot of each goes to artifacts/screenshots), follow an incident from the
/// overview to its device and acknowledge it. No page may log a script error or a CSP violation.
/// </summary>
public sealed class DashboardWalkthroughTests : IClassFixture<ChromiumFixture>, IClassFixture<ReconDashboardFixture>
{
    private const string Sensor = ReconDashboardFixture.Sensor;
    private const string Attacker = ReconDashboardFixture.Attacker;

    private readonly ChromiumFixture _chromium;
    private readonly ReconDashboardFixture _dashboard;

    public DashboardWalkthroughTests(ChromiumFixture chromium, ReconDashboardFixture dashboard)
    {
        _chromium = chromium;
        _dashboard = dashboard;
    }

    [Fact]
    public async Task Every_page_opens_from_the_navigation_with_its_data()
    {
        await using BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, "every-page");
        await tab.GotoAsync("/login");
        await tab.ScreenshotAsync("login");
        await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
        IPage page = tab.Page;

        await tab.StepAsync("overview: counts and the risky device", async () =>
        {
            await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
            await Expect(page.Locator("#risky tbody tr").First).ToContainTextAsync(Attacker);
            await Expect(page.Locator("a.card[href='/incidents'] b")).Not.ToHaveTextAsync("0");
            await Expect(page.Locator("canvas#trend")).ToBeVisibleAsync();
        });
        await tab.ScreenshotAsync("overview");

        await tab.FollowAsync(page.Locator("header nav a[href='/incidents']"), "/incidents");
        ILocator incident = page.Locator("#incidents tbody tr").Filter(new() { Has = page.Locator($"a[href='/assets/{Sensor}/{Attacker}']") }).First;
        await tab.StepAsync("incidents: a row about the attacker", () => Expect(incident).ToBeVisibleAsync());
        await tab.ScreenshotAsync("incidents");

        ILocator title = incident.Locator("a[href^='/incidents/']");
        string href = (await title.GetAttributeAsync("href"))!;
        string titleText = await title.InnerTextAsync();
        await tab.FollowAsync(title, Uri.UnescapeDataString(href));
        await tab.StepAsync("incident: title, narrative, models, charts", async () =>
        {
            await Expect(page.Locator("h1")).ToContainTextAsync(titleText);
            await Expect(page.Locator(".narrative")).Not.ToBeEmptyAsync();
            await Expect(page.Locator("ol.models li").First).ToBeVisibleAsync();
            await Expect(page.Locator("canvas#timeline")).ToBeVisibleAsync();
            await Expect(page.Locator("canvas#activity")).ToBeVisibleAsync();
        });
        await tab.ScreenshotAsync("incident");

        await tab.FollowAsync(page.Locator("header nav a[href='/assets']"), "/assets");
        await tab.StepAsync("assets: the attacker and others", async () =>
        {
            await Expect(page.Locator($"#assets a[href='/assets/{Sensor}/{Attacker}']")).ToBeVisibleAsync();
            Assert.True(await page.Locator("#assets tbody tr").CountAsync() >= 2);
        });
        await tab.ScreenshotAsync("assets");

        await tab.FollowAsync(page.Locator($"#assets a[href='/assets/{Sensor}/{Attacker}']"), $"/assets/{Sensor}/{Attacker}");
        await tab.StepAsync("device: identity, peers, event log", async () =>
        {
            await Expect(page.Locator("h1")).ToContainTextAsync(Attacker);
            await Expect(page.Locator("#identity")).ToContainTextAsync(Attacker);
            await Expect(page.Locator("#peers tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("#events tbody tr").First).ToBeVisibleAsync();
        });
        await tab.ScreenshotAsync("device");

        await tab.FollowAsync(page.Locator("header nav a[href='/map']"), "/map");
        await tab.StepAsync("map: Cytoscape drew the devices", async () =>
        {
            // map.js sets body[data-map-nodes] after Cytoscape laid the graph out on its canvas.
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-map-nodes", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
            int drawn = int.Parse((await page.Locator("body").GetAttributeAsync("data-map-nodes"))!, System.Globalization.CultureInfo.InvariantCulture);
            int listed = await tab.EvaluateAsync<int>("() => JSON.parse(document.getElementById('map-data').textContent).nodes.length");
            Assert.Equal(listed, drawn);
            Assert.True(await page.Locator("#map canvas").CountAsync() >= 1, "no canvas in #map");
        });
        await tab.ScreenshotAsync("map");

        await tab.FollowAsync(page.Locator("header nav a[href='/sensors']"), "/sensors");
        await tab.StepAsync("sensors: the replaying sensor, offline after its replay", () =>
            Expect(page.Locator($"#sensors tr[data-sensor='{Sensor}'] .state")).ToHaveTextAsync("offline"));
        await tab.ScreenshotAsync("sensors");

        await tab.FollowAsync(page.Locator("header nav a[href='/account']"), "/account");
        await tab.StepAsync("account: password form, users and tokens for an admin", async () =>
        {
            await Expect(page.Locator("h1")).ToHaveTextAsync("Account");
            await Expect(page.Locator("input[name=NewPassword]")).ToBeVisibleAsync();
            await Expect(page.Locator("table td", new() { HasTextString = "admin" }).First).ToBeVisibleAsync();
        });
        await tab.ScreenshotAsync("account");
        await tab.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task An_incident_is_followed_from_the_overview_to_its_device_and_acknowledged()
    {
        await using BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, "acknowledge");
        await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
        IPage page = tab.Page;

        // Overview → its "open incidents" card → the list, filtered to new ones → the attacker's incident.
        await tab.FollowAsync(page.Locator("a.card[href='/incidents']"), "/incidents");
        await tab.StepAsync("filter the list to new incidents", async () =>
        {
            await page.Locator("select[name=workflow]").SelectOptionAsync("new");
            await page.Locator("form.filters button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("workflow=new", StringComparison.Ordinal));
        });
        ILocator row = page.Locator("#incidents tbody tr").Filter(new() { Has = page.Locator($"a[href='/assets/{Sensor}/{Attacker}']") }).First;
        ILocator title = row.Locator("a[href^='/incidents/']");
        string path = Uri.UnescapeDataString((await title.GetAttributeAsync("href"))!);
        string titleText = await title.InnerTextAsync();
        await tab.FollowAsync(title, path);

        await tab.StepAsync("acknowledge", async () =>
        {
            await Expect(page.Locator("#workflow")).ToHaveTextAsync("new");
            await page.Locator("#acknowledge").ClickAsync();
            // The form posts, and the redirect brings the same page back with the new state.
            await Expect(page.Locator("#workflow")).ToHaveTextAsync("acknowledged");
            await Expect(page.Locator("#workflow")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\backnowledged\\b"));
            await Expect(page.Locator("#history li")).ToHaveCountAsync(1);
            await Expect(page.Locator("#history li").First).ToContainTextAsync("admin acknowledge");
            await Expect(page.Locator("#acknowledge")).ToHaveCountAsync(0);
        });
        Assert.Equal(path, new Uri(tab.Url).AbsolutePath);
        await tab.ScreenshotAsync("incident-acknowledged");

        await tab.FollowAsync(page.Locator($"p.meta a[href='/assets/{Sensor}/{Attacker}']"), $"/assets/{Sensor}/{Attacker}");
        await tab.StepAsync("the device page of the incident", () => Expect(page.Locator("h1")).ToContainTextAsync(Attacker));

        await tab.GotoAsync("/incidents?workflow=acknowledged");
        await tab.StepAsync("the acknowledged list has it", () =>
            Expect(page.Locator($"#incidents a[href^='/incidents/']", new() { HasTextString = titleText }).First).ToBeVisibleAsync());
        await tab.AssertNoErrorsAsync();
    }
}
