using Collector.Tests.Infrastructure;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;
using Microsoft.Playwright;
using MQTTnet.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// Pages left open in Chromium change when findings arrive, without a reload: live.js listens to /api/live
/// (server-sent events), shows a toast and swaps in the refreshed list. Each test marks the open documents and
/// checks the mark is still there at the end, so a reload or navigation would fail it.
/// </summary>
public sealed class LiveUpdateTests : IClassFixture<ChromiumFixture>, IClassFixture<EmptyDashboardFixture>
{
    private const string Site = "plant1";
    private const string MarkDocument = "() => { window.__sameDocument = true; return true; }";
    private const string StillSameDocument = "() => window.__sameDocument === true";

    private readonly ChromiumFixture _chromium;
    private readonly EmptyDashboardFixture _dashboard;

    public LiveUpdateTests(ChromiumFixture chromium, EmptyDashboardFixture dashboard)
    {
        _chromium = chromium;
        _dashboard = dashboard;
    }

    [Fact]
    public async Task Incidents_and_the_sensor_of_a_running_replay_arrive_on_open_pages()
    {
        const string sensor = "cabinet-live";
        await using BrowserTab incidents = await OpenLiveAsync("live-replay-incidents", "/incidents");
        await using BrowserTab sensors = await incidents.OpenSiblingAsync("live-replay-sensors");
        await sensors.GotoAsync("/sensors");
        await sensors.WaitForLiveAsync();
        await sensors.EvaluateAsync<bool>(MarkDocument);
        await Expect(sensors.Page.Locator($"#sensors tr[data-sensor='{sensor}']")).ToHaveCountAsync(0);
        await incidents.KeepToastsAsync();
        await sensors.KeepToastsAsync();

        // The real sensor replays the reconnaissance capture: birth, anomalies, incident versions, assets, death.
        await RealSensor.ReplayAsync(_dashboard.Pki, _dashboard.Collector, _dashboard.WorkDirectory,
            RepositoryPaths.SharedCapture("modbus_attack_characterization-recon__labelled.pcap"), Site, sensor);

        IPage page = incidents.Page;
        await incidents.StepAsync("the incident row arrived", async () =>
        {
            await Expect(page.Locator($"#incidents a[href='/assets/{sensor}/{ReconDashboardFixture.Attacker}']")).ToBeVisibleAsync();
            await Expect(page.Locator("p.empty")).ToHaveCountAsync(0);
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live-updated", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
            Assert.True(await incidents.EvaluateAsync<bool>(StillSameDocument), "the incidents page was reloaded");
        });
        await incidents.ExpectToastAsync("toast incident: Incident open: Network reconnaissance of the industrial network by device " + ReconDashboardFixture.Attacker);
        await incidents.ScreenshotAsync("live-incidents");

        await sensors.StepAsync("the sensor came online and went offline with its replay", async () =>
        {
            await Expect(sensors.Page.Locator($"#sensors tr[data-sensor='{sensor}'] .state")).ToHaveTextAsync("offline");
            await Expect(sensors.Page.Locator("p.empty")).ToHaveCountAsync(0);
            Assert.True(await sensors.EvaluateAsync<bool>(StillSameDocument), "the sensors page was reloaded");
        });
        await sensors.ExpectToastAsync($"toast sensor: Sensor {sensor} is online");
        await sensors.ExpectToastAsync($"toast offline: Sensor {sensor} is offline");
        await sensors.ScreenshotAsync("live-sensors-replay");
        await incidents.AssertNoErrorsAsync();
        await sensors.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_new_incident_and_its_next_version_update_the_open_list_and_overview()
    {
        const string sensorId = "line-9";
        await using BrowserTab list = await OpenLiveAsync("live-incident-list", "/incidents");
        await using BrowserTab overview = await list.OpenSiblingAsync("live-incident-overview");
        await overview.GotoAsync("/");
        await overview.WaitForLiveAsync();
        await overview.EvaluateAsync<bool>(MarkDocument);
        ILocator openCount = overview.Page.Locator("a.card[href='/incidents'] b");
        int openBefore = int.Parse(await openCount.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        DateTimeOffset now = DateTimeOffset.UtcNow;
        BreachSummaryRecord first = Samples.Incident with
        {
            IncidentId = "inc-live-" + Guid.NewGuid().ToString("N"),
            Version = 1,
            Title = "Live: program download to a PLC from a new laptop",
            Score = 62,
            Device = "10.220.0.77",
            FirstSeen = now.AddMinutes(-2),
            LastSeen = now.AddMinutes(-1),
        };
        using var certificate = _dashboard.Pki.IssueClient(sensorId);
        await using var sensor = new TestSensor(_dashboard.Collector.Port, _dashboard.Pki.Ca, certificate, sensorId);
        await sensor.ConnectAsync();
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, sensorId),
            Samples.IncidentMessage(Site, sensorId, $"{sensorId}:1:1", first))));

        IPage page = list.Page;
        ILocator row = page.Locator("#incidents tbody tr").Filter(new() { HasTextString = first.Title });
        await list.StepAsync("the new incident is listed and toasted", async () =>
        {
            await Expect(row.Locator(".score")).ToHaveTextAsync("62");
            await Expect(row.Locator(".wf")).ToHaveTextAsync("new");
            await Expect(page.Locator("#live .toast.incident", new() { HasTextString = $"{first.Title} (score 62)" })).ToBeVisibleAsync();
        });
        await overview.StepAsync("the overview counts it", () =>
            Expect(openCount).ToHaveTextAsync((openBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        BreachSummaryRecord second = first with { Version = 2, Score = 97, LastSeen = now };
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, sensorId),
            Samples.IncidentMessage(Site, sensorId, $"{sensorId}:1:2", second))));
        await list.StepAsync("the next version replaces the row's score", async () =>
        {
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator(".score")).ToHaveTextAsync("97");
            await Expect(page.Locator("#live .toast.incident", new() { HasTextString = $"{first.Title} (score 97)" })).ToBeVisibleAsync();
            Assert.True(await list.EvaluateAsync<bool>(StillSameDocument), "the incidents page was reloaded");
        });
        await list.ScreenshotAsync("live-incident-version");
        await overview.StepAsync("the overview was not reloaded", async () =>
        {
            await Expect(openCount).ToHaveTextAsync((openBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(await overview.EvaluateAsync<bool>(StillSameDocument), "the overview was reloaded");
        });
        await overview.ScreenshotAsync("live-overview");
        await list.AssertNoErrorsAsync();
        await overview.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_sensor_that_vanishes_goes_offline_on_the_open_sensors_page()
    {
        const string sensorId = "line-2";
        await using BrowserTab tab = await OpenLiveAsync("live-sensor-offline", "/sensors");
        IPage page = tab.Page;
        ILocator state = page.Locator($"#sensors tr[data-sensor='{sensorId}'] .state");

        // As the real sensor does: the will (a death with this connection's bdSeq) is registered at connect.
        byte[] will = Samples.StatusMessage(Site, sensorId, $"{sensorId}:1:1", SensorStatusRecord.Death(3));
        using var certificate = _dashboard.Pki.IssueClient(sensorId);
        await using var sensor = new TestSensor(_dashboard.Collector.Port, _dashboard.Pki.Ca, certificate, sensorId,
            configure: b => b.WithWillTopic(EdgeTopics.StatusTopic(Site, sensorId)).WithWillPayload(will)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithWillRetain());
        await sensor.ConnectAsync();
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.StatusTopic(Site, sensorId),
            Samples.StatusMessage(Site, sensorId, $"{sensorId}:1:2", Samples.Birth with { BdSeq = 3 }))));
        await tab.StepAsync("the birth shows the sensor online", async () =>
        {
            await Expect(state).ToHaveTextAsync("online");
            await Expect(page.Locator("#live .toast", new() { HasTextString = $"Sensor {sensorId} is online" })).ToBeVisibleAsync();
        });

        // Gone without a DISCONNECT: the broker publishes the will, the collector applies the death.
        sensor.Client.Dispose();
        await tab.StepAsync("the will shows it offline", async () =>
        {
            await Expect(state).ToHaveTextAsync("offline");
            await Expect(state).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\boffline\\b"));
            await Expect(page.Locator("#live .toast.offline", new() { HasTextString = $"Sensor {sensorId} is offline" })).ToBeVisibleAsync();
            Assert.True(await tab.EvaluateAsync<bool>(StillSameDocument), "the sensors page was reloaded");
        });
        await tab.ScreenshotAsync("live-sensor-offline");
        await tab.AssertNoErrorsAsync();
    }

    /// <summary>A signed-in tab on <paramref name="path"/> with its live stream open and its document marked.</summary>
    private async Task<BrowserTab> OpenLiveAsync(string name, string path)
    {
        BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, name);
        try
        {
            await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
            await tab.GotoAsync(path);
            await tab.WaitForLiveAsync();
            await tab.EvaluateAsync<bool>(MarkDocument);
            return tab;
        }
        catch
        {
            await tab.DisposeAsync();
            throw;
        }
    }
}
