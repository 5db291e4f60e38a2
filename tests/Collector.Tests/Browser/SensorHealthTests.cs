using System.Net;
using System.Text.Json;
using Collector.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// The Sensors page in Chromium shows the health a sensor reported through the broker: every value of its last
/// metrics, its alerts highlighted (their text as text, markup and all), the previous run's watchdog kill, and the
/// chart of frames/s and CPU drawn from the stored metrics. The JSON API and its OpenAPI document carry the same.
/// </summary>
public sealed class SensorHealthTests : IClassFixture<ChromiumFixture>, IClassFixture<HealthDashboardFixture>
{
    private const string Sensor = HealthDashboardFixture.Sensor;

    /// <summary>The highlight of an alert (site.css .alert), as the browser computes it.</summary>
    private const string AlertBackground = "rgb(253, 226, 225)";

    private readonly ChromiumFixture _chromium;
    private readonly HealthDashboardFixture _dashboard;

    public SensorHealthTests(ChromiumFixture chromium, HealthDashboardFixture dashboard)
    {
        _chromium = chromium;
        _dashboard = dashboard;
    }

    [Fact]
    public async Task The_sensors_page_shows_the_health_alerts_previous_exit_and_chart_of_a_sensor()
    {
        await using BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, "sensors-health");
        await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
        await tab.FollowAsync(tab.Page.Locator("header nav a[href='/sensors']"), "/sensors");
        IPage page = tab.Page;
        ILocator row = page.Locator($"#sensors tr[data-sensor='{Sensor}']");
        ILocator card = page.Locator($"#sensor-health section.health-card[data-sensor='{Sensor}']");

        await tab.StepAsync("the table row flags the alerts and the previous run", async () =>
        {
            await Expect(row.Locator(".state")).ToHaveTextAsync("online");
            await Expect(row.Locator(".health-summary .alert[data-code='capture-drops']")).ToHaveTextAsync("capture-drops");
            await Expect(row.Locator(".health-summary .alert[data-code='memory-high']")).ToHaveCSSAsync("background-color", AlertBackground);
            await Expect(row.Locator(".health-summary .previous-exit")).ToHaveTextAsync("previous run: watchdog");
        });

        await tab.StepAsync("the card shows every reading of the last metrics", async () =>
        {
            await Expect(card.Locator("[data-field=cpu]")).ToHaveTextAsync("12.5 %");
            await Expect(card.Locator("[data-field=memory]")).ToHaveTextAsync("240 MiB of a 256 MiB cap (93.8 %)");
            await Expect(card.Locator("[data-field=temperature]")).ToHaveTextAsync("48.3 °C");
            await Expect(card.Locator("[data-field=disk]")).ToHaveTextAsync("1.0 GiB of 8.0 GiB (12.5 %)");
            await Expect(card.Locator("[data-field=received]")).ToHaveTextAsync("1,000,012");
            await Expect(card.Locator("[data-field=dropped]")).ToHaveTextAsync("kernel 12 · interface 3 · findings by the sensor 0");
            await Expect(card.Locator("[data-field=outbox]")).ToHaveTextAsync("5");
            await Expect(card.Locator("[data-field=uptime]")).ToHaveTextAsync("1 h 0 min");
        });

        await tab.StepAsync("the alerts are highlighted, their details shown as text", async () =>
        {
            await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\balerting\\b"));
            ILocator drops = card.Locator("ul.alerts li.alert[data-code='capture-drops']");
            await Expect(drops).ToContainTextAsync("15 frames lost; <img src=x id=injected> kernel 12, interface 3");
            await Expect(drops).ToHaveCSSAsync("background-color", AlertBackground);
            await Expect(card.Locator("ul.alerts li.alert[data-code='memory-high']")).ToContainTextAsync("240 MiB resident of a 256 MiB cap (93.8 %)");
            await Expect(page.Locator("#injected")).ToHaveCountAsync(0);
            await Expect(card.Locator("p.alert.previous-exit")).ToContainTextAsync("The previous run did not stop cleanly: watchdog, signal ABRT (systemd,");
        });

        await tab.StepAsync("the chart of frames/s and CPU is drawn from the stored metrics", async () =>
        {
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-health-charts", "1");
            ILocator canvas = card.Locator("canvas.health-chart");
            await Expect(canvas).ToBeVisibleAsync();
            string json = (await canvas.GetAttributeAsync("data-chart"))!;
            using JsonDocument chart = JsonDocument.Parse(json);
            Assert.Equal([null, 100.0, 100.0, 200.0], chart.RootElement.GetProperty("framesPerSecond").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()));
            Assert.Equal([3.0, 5.0, 8.0, 12.5], chart.RootElement.GetProperty("cpuPercent").EnumerateArray().Select(v => v.GetDouble()));
            // Chart.js drew on the canvas: not every pixel is blank.
            Assert.True(await canvas.EvaluateAsync<bool>("c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)"), "the chart canvas is blank");
        });

        await tab.ScreenshotAsync("sensors-health");
        await tab.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task The_api_lists_the_sensor_s_health_and_its_chart_points_and_the_openapi_document_describes_them()
    {
        using HttpClient http = await DashboardHttp.SignInAsync(_dashboard.Collector, "admin", DashboardFixture.AdminPassword);

        using JsonDocument sensors = JsonDocument.Parse(await http.GetStringAsync("/api/sensors"));
        JsonElement sensor = sensors.RootElement.EnumerateArray().Single(s => s.GetProperty("sensor").GetString() == Sensor);
        JsonElement health = sensor.GetProperty("health");
        Assert.Equal(12.5, health.GetProperty("cpuPercent").GetDouble());
        Assert.Equal(256L << 20, health.GetProperty("memoryLimitBytes").GetInt64());
        Assert.Equal(12, health.GetProperty("capture").GetProperty("kernelDropped").GetInt64());
        Assert.Equal(["capture-drops", "memory-high"], health.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        Assert.Equal("watchdog", sensor.GetProperty("previousExit").GetProperty("result").GetString());

        using JsonDocument points = JsonDocument.Parse(await http.GetStringAsync($"/api/sensors/{Sensor}/health?hours=1"));
        Assert.Equal(4, points.RootElement.GetArrayLength());
        Assert.Equal(200.0, points.RootElement[3].GetProperty("framesPerSecond").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/sensors/no-such-sensor/health")).StatusCode);

        string openApi = await http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/sensors/{sensor}/health\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"SensorHealth\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"previousExit\"", openApi, StringComparison.Ordinal);
    }
}
