using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Collector.Tests.Infrastructure;
using Collector.Web.Auth;
using Edge.Contracts.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// Provisioning on the dashboard's Sensors page, in Chromium against a collector that made its own CA: a real sensor
/// in factory state waits until an admin approves it there under a sensor id of their choosing, then reports under
/// it; the admin pushes a configuration version, revokes and decommissions the sensor through the page's forms. A
/// viewer sees the requests but cannot decide; what a device sent (hardware profile, version, interfaces, serial) is
/// shown as text whatever it holds.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisioningPageTests : IClassFixture<ChromiumFixture>, IAsyncLifetime, IDisposable
{
    private const string Capture = "modbus_attack_characterization-recon__labelled.pcap";
    private const string LearningNever = "--Collector:Provisioning:LearningSeconds=0";
    private const string HostileProfile = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
    private const string HostileVersion = "0.9\"><b>x</b>";
    private const string HostileInterface = "eth0<script>window.__xss=3</script>";
    private const string HostileMac = "<img src=x onerror=window.__xss=4>";
    private const string HostileSerial = "<script>window.__xss=5</script>";
    private const string HostileReason = "<b>x</b><img src=x onerror=window.__xss=6>";

    private readonly ChromiumFixture _chromium;
    private readonly string _work = Directory.CreateTempSubdirectory("edge-ztp-page-").FullName;
    private readonly int _port = TestCollector.FreePort();
    private TestCollector _collector = null!;
    private string _bundle = null!;

    public ProvisioningPageTests(ChromiumFixture chromium) => _chromium = chromium;

    private string Data => Path.Combine(_work, "collector");

    public async Task InitializeAsync()
    {
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, "--site", "plant-default", LearningNever, DashboardSession.AdminPasswordArgument);
        _bundle = await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "edge-provisioning.json"), $"127.0.0.1:{_port}");
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task An_admin_approves_a_waiting_sensor_on_the_page_then_configures_revokes_and_decommissions_it()
    {
        const string Serial = "10000000c0ffee77";
        await using var sensor = new FactorySensor(_work, _bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        sensor.Start();
        await sensor.WaitForLogAsync("provisioning: pending");

        await using BrowserTab tab = await _chromium.OpenAsync(_collector.BaseAddress, "provisioning-approve");
        await tab.SignInAsync("admin", DashboardSession.AdminPassword);
        await tab.FollowAsync(tab.Page.Locator("header nav a[href='/sensors']"), "/sensors");
        IPage page = tab.Page;
        ILocator request = page.Locator($"#provisioning-requests tr[data-serial='{Serial}']");
        await tab.StepAsync("the waiting request is listed with what the device said", async () =>
        {
            await Expect(request.Locator(".request-state")).ToHaveTextAsync("pending");
            await Expect(request.Locator(".claim")).ToHaveTextAsync("claim.test-batch");
            await Expect(request.Locator(".source")).ToContainTextAsync("127.0.0.1");
            await Expect(request.Locator(".software")).Not.ToBeEmptyAsync();
            await Expect(request.Locator("input[name=Site]")).ToHaveValueAsync("plant-default");
            await Expect(request.Locator("input[name=SensorId]")).ToHaveValueAsync("edge-" + Serial);
        });
        await tab.ScreenshotAsync("provisioning-pending");

        await tab.StepAsync("approve it as plant7/cabinet-7", async () =>
        {
            await request.Locator("input[name=Site]").FillAsync("plant7");
            await request.Locator("input[name=SensorId]").FillAsync("cabinet-7");
            await request.Locator("button[value=approve]").ClickAsync();
            await Expect(page.Locator("#provisioning-message")).ToHaveTextAsync($"Serial {Serial} approved as plant7/cabinet-7.");
            await Expect(request.Locator(".request-state")).ToHaveTextAsync("approved");
            await Expect(request.Locator(".decided")).ToContainTextAsync("by admin");
            await Expect(request.Locator(".given")).ToHaveTextAsync("plant7/cabinet-7");
        });
        Assert.True(new Uri(page.Url).AbsolutePath == "/sensors", page.Url);

        // The sensor gets its identity, reconnects with its own certificate and reports under the id the admin chose.
        Assert.True(await sensor.WaitForExitAsync() == 0, sensor.Log);
        Assert.Contains("provisioning: approved as plant7/cabinet-7", sensor.Log, StringComparison.Ordinal);
        await _collector.WaitForAsync("SELECT count(*) FROM sensors WHERE sensor = 'cabinet-7' AND site = 'plant7'", 1);
        Assert.True(_collector.Scalar("SELECT count(*) FROM messages WHERE sensor = 'cabinet-7' AND kind = 'status' AND payload LIKE '%\"state\":\"online\"%'") >= 1);
        Assert.Equal(["approved|admin|cabinet-7"], _collector.Strings($"SELECT state || '|' || decided_by || '|' || sensor FROM provisioning_requests WHERE serial = '{Serial}'"));

        await tab.GotoAsync("/sensors");
        ILocator row = page.Locator("#sensors tr[data-sensor='cabinet-7']");
        ILocator card = page.Locator("article.provisioned[data-sensor='cabinet-7']");
        await tab.StepAsync("the sensor's row and card: the configuration it ran, its certificate", async () =>
        {
            await Expect(row.Locator(".config [data-field=runs]")).ToHaveTextAsync("runs v1");
            await Expect(row.Locator(".config [data-field=latest]")).ToHaveTextAsync("· latest v1");
            await Expect(row.Locator(".revoked")).ToHaveCountAsync(0);
            await Expect(card.Locator("table.certificates tbody tr")).ToHaveCountAsync(1);
            await Expect(card.Locator(".cert-state")).ToHaveTextAsync("active");
            await Expect(card.Locator("[data-field=config-version]")).ToContainTextAsync("version 1, by admin");
        });
        await tab.ScreenshotAsync("provisioning-approved");

        ILocator form = card.Locator("form.configure");
        await tab.StepAsync("zones that are not JSON are refused with the reason, the text kept", async () =>
        {
            await card.Locator("details.edit-config summary").ClickAsync();
            await form.Locator("textarea[name=Zones]").FillAsync("{ \"zones\": [ oops");
            await form.Locator("button[value=configure]").ClickAsync();
            await Expect(page.Locator("#provisioning-error")).ToContainTextAsync("zones: not valid JSON");
            await Expect(form.Locator("textarea[name=Zones]")).ToHaveValueAsync("{ \"zones\": [ oops");
        });
        const string Zones = """{ "zones": [ { "name": "cell-1", "purdueLevel": 1, "subnets": ["10.10.1.0/24"] } ] }""";
        await tab.StepAsync("a new configuration version is pushed from the form", async () =>
        {
            await form.Locator("textarea[name=Zones]").FillAsync(Zones);
            await form.Locator("input[name=RelayThreshold]").FillAsync("70");
            await form.Locator("input[name=NoTrafficSeconds]").FillAsync("120");
            await form.Locator("input[name=LearningSeconds]").FillAsync("3600");
            await form.Locator("button[value=configure]").ClickAsync();
            await Expect(page.Locator("#provisioning-message")).ToHaveTextAsync("Configuration version 2 of cabinet-7 pushed.");
            await Expect(card.Locator("[data-field=config-version]")).ToContainTextAsync("version 2, by admin");
            await Expect(card.Locator("[data-field=relay]")).ToHaveTextAsync("70");
            await Expect(row.Locator(".config [data-field=latest]")).ToHaveTextAsync("· latest v2");
        });
        await tab.ScreenshotAsync("provisioning-configuration");
        using (HttpClient api = _collector.AdminApi())
        {
            JsonElement config = await api.GetFromJsonAsync<JsonElement>("/api/sensors/plant7/cabinet-7/configuration");
            Assert.Equal(2, config.GetProperty("version").GetInt64());
            Assert.Equal(70, config.GetProperty("relayThreshold").GetInt32());
            Assert.Equal(120, config.GetProperty("noTrafficSeconds").GetDouble());
            Assert.Equal(3600, config.GetProperty("learningSeconds").GetDouble());
            Assert.Equal("cell-1", config.GetProperty("zones").GetProperty("zones")[0].GetProperty("name").GetString());
            Assert.Equal("admin", config.GetProperty("changedBy").GetString());
        }

        await tab.StepAsync("revoke it: shown as revoked, with who and why", async () =>
        {
            await card.Locator("form.revoke input[name=Reason]").FillAsync("box stolen from cabinet 7");
            await card.Locator("button[value=revoke]").ClickAsync();
            await Expect(page.Locator("#provisioning-message")).ToHaveTextAsync("Sensor cabinet-7: 1 certificate(s) revoked.");
            await Expect(row.Locator(".revoked")).ToHaveTextAsync("revoked");
            await Expect(card.Locator("h4 .revoked")).ToHaveTextAsync("revoked");
            await Expect(card.Locator(".cert-state")).ToContainTextAsync("revoked by admin");
            await Expect(card.Locator(".cert-state q.reason")).ToHaveTextAsync("box stolen from cabinet 7");
            await Expect(card.Locator("form.configure")).ToHaveCountAsync(0);
        });
        await tab.ScreenshotAsync("provisioning-revoked");

        await tab.StepAsync("decommission asks for confirmation, then frees the serial", async () =>
        {
            await card.Locator("button[value=decommission]").ClickAsync();
            await Expect(page.Locator("#provisioning-error")).ToContainTextAsync("Tick \"confirm\" to decommission cabinet-7");
            await card.Locator("form.decommission input[name=Confirm]").CheckAsync();
            await card.Locator("button[value=decommission]").ClickAsync();
            await Expect(page.Locator("#provisioning-message")).ToContainTextAsync("Sensor cabinet-7 decommissioned");
            await Expect(request).ToHaveCountAsync(0);
            await Expect(page.Locator("#provisioning-log tr.decommissioned .serial")).ToHaveTextAsync(Serial);
        });
        await tab.AssertNoErrorsAsync();
        Assert.Equal(0, _collector.Scalar($"SELECT count(*) FROM provisioning_requests WHERE serial = '{Serial}'"));
    }

    [Fact]
    public async Task A_viewer_sees_the_requests_but_a_decision_posted_by_a_viewer_is_forbidden()
    {
        const string Serial = "20000000aa55aa55";
        await using (ClaimDevice device = await ClaimDevice.ConnectAsync(_bundle, _port, Serial))
        {
            ProvisioningResponse answer = await device.RequestAsync(ClaimDevice.NewRequest(Serial, "rpi-cm4-io", "0.9.0", [new InterfaceInfo("eth0", "dc:a6:32:00:00:01")]));
            Assert.Equal(ProvisioningResponse.Pending, answer.Status);
        }

        var accounts = _collector.Services.GetRequiredService<IAccountStore>();
        Assert.True(accounts.CreateUser("vera", PasswordHasher.Hash("viewer password 1", iterations: 1000), DashboardRoles.Viewer));
        using HttpClient viewer = await DashboardHttp.SignInAsync(_collector, "vera", "viewer password 1");
        string html = await viewer.GetStringAsync("/sensors");
        Assert.Contains($"data-serial=\"{Serial}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"approve\"", html, StringComparison.Ordinal);
        string token = DashboardSession.AntiforgeryToken(html);

        foreach (string action in new[] { "approve", "reject", "configure", "revoke", "decommission" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Action"] = action,
                ["Serial"] = Serial,
                ["Site"] = "plant2",
                ["SensorId"] = "edge-" + Serial,
                ["Reason"] = "a viewer's decision",
                ["Confirm"] = "true",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            });
            using HttpResponseMessage response = await viewer.PostAsync("/sensors", form);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action}: {(int)response.StatusCode}");
        }

        Assert.Equal(["pending"], _collector.Strings($"SELECT state FROM provisioning_requests WHERE serial = '{Serial}'"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM sensor_certificates"));

        // The same form posted by an admin session is a decision (the page's path without a browser).
        using HttpClient admin = await DashboardHttp.SignInAsync(_collector, "admin", DashboardSession.AdminPassword);
        string adminHtml = await admin.GetStringAsync("/sensors");
        Assert.Contains("value=\"approve\"", adminHtml, StringComparison.Ordinal);
        using var approve = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "approve",
            ["Serial"] = Serial,
            ["Site"] = "plant2",
            ["SensorId"] = "press-2",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(DashboardSession.AntiforgeryToken(adminHtml)),
        });
        using HttpResponseMessage approved = await admin.PostAsync("/sensors", approve);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(["approved|admin|plant2/press-2"], _collector.Strings($"SELECT state || '|' || decided_by || '|' || site || '/' || sensor FROM provisioning_requests WHERE serial = '{Serial}'"));

        // Without the antiforgery token even an admin's post is refused.
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "revoke", ["SensorId"] = "press-2" });
        using HttpResponseMessage refused = await admin.PostAsync("/sensors", forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["active"], _collector.Strings("SELECT state FROM sensor_certificates WHERE sensor = 'press-2'"));
    }

    [Fact]
    public async Task What_a_device_sent_is_shown_as_text_and_runs_no_script()
    {
        const string Serial = "30000000deadbeef";
        await using (ClaimDevice device = await ClaimDevice.ConnectAsync(_bundle, _port, Serial))
        {
            ProvisioningResponse held = await device.RequestAsync(ClaimDevice.NewRequest(Serial, HostileProfile, HostileVersion, [new InterfaceInfo(HostileInterface, HostileMac)]));
            Assert.Equal(ProvisioningResponse.Pending, held.Status);

            // Refused (a serial must be an id), and logged with the serial as sent.
            ProvisioningResponse refused = await device.RequestAsync(ClaimDevice.NewRequest(HostileSerial, null, null, null));
            Assert.Equal(ProvisioningResponse.Rejected, refused.Status);
        }

        await using BrowserTab tab = await _chromium.OpenAsync(_collector.BaseAddress, "provisioning-hostile");
        await tab.SignInAsync("admin", DashboardSession.AdminPassword);
        await tab.GotoAsync("/sensors", errorsLater: true);
        IPage page = tab.Page;
        ILocator request = page.Locator($"#provisioning-requests tr[data-serial='{Serial}']");
        await ExpectTextAsync(tab, "hardware profile", request.Locator(".hardware"), HostileProfile);
        await ExpectTextAsync(tab, "software version", request.Locator(".software"), HostileVersion);
        await ExpectTextAsync(tab, "interfaces", request.Locator(".interfaces"), $"{HostileInterface} {HostileMac}");
        await ExpectTextAsync(tab, "refused serial in the log", page.Locator("#provisioning-log tr.refused .serial"), HostileSerial);
        await tab.StepAsync("the refusal's reason is shown", () =>
            Expect(page.Locator("#provisioning-log tr.refused .reason")).ToHaveTextAsync("serial must be a lower-case id (letters, digits, '-', '_', '.')"));
        await ExpectNothingInjectedAsync(tab);

        await tab.StepAsync("reject it with a reason made of markup", async () =>
        {
            await request.Locator("form.reject input[name=Reason]").FillAsync(HostileReason);
            await request.Locator("button[value=reject]").ClickAsync();
            await Expect(page.Locator("#provisioning-message")).ToHaveTextAsync($"Request of {Serial} rejected.");
            await Expect(request.Locator(".request-state")).ToHaveTextAsync("rejected");
        });
        await ExpectTextAsync(tab, "rejection reason", request.Locator("q.reason"), HostileReason);
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("provisioning-hostile");
        await tab.AssertNoErrorsAsync();

        // The raw HTML carries every string entity-encoded, none of them as markup.
        using HttpClient http = await DashboardHttp.SignInAsync(_collector, "admin", DashboardSession.AdminPassword);
        string html = await http.GetStringAsync("/sensors");
        foreach (string hostile in new[] { HostileProfile, HostileVersion, HostileInterface, HostileMac, HostileSerial, HostileReason })
        {
            Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
            Assert.Contains(HtmlEncoder.Default.Encode(hostile), html, StringComparison.Ordinal);
        }
    }

    /// <summary>The element's whole text is <paramref name="expected"/>, and it has no child elements.</summary>
    private static Task ExpectTextAsync(BrowserTab tab, string what, ILocator element, string expected) =>
        tab.StepAsync(what + " is text", async () =>
        {
            await Expect(element).ToHaveCountAsync(1);
            Assert.Equal(expected, await element.InnerTextAsync());
            Assert.Equal(0, await element.EvaluateAsync<int>("e => e.childElementCount"));
        });

    private static Task ExpectNothingInjectedAsync(BrowserTab tab) =>
        tab.StepAsync("nothing was made from the strings", async () => Assert.Empty(await tab.EvaluateAsync<string[]>(HostileStringsTests.InjectionProbe)));
}
