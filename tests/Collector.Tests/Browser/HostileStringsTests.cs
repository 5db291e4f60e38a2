using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Collector.Tests.Infrastructure;
using Microsoft.Playwright;
using static Collector.Tests.Infrastructure.HostileCapture;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// A PLC name, a plant designation and an RDP cookie user name made of HTML and script travel from packet bytes
/// through the real sensor, MQTT and the collector to the dashboard, which shows them as text: in Chromium each
/// string is the exact text of an element with no child elements, no element or handler was made from it and
/// <c>window.__xss</c> stays undefined; the raw HTML carries them entity-encoded and the API verbatim. The pages'
/// Content-Security-Policy would block an injected script anyway, so these checks look at escaping, not at the CSP.
/// </summary>
public sealed class HostileStringsTests : IClassFixture<ChromiumFixture>, IClassFixture<HostileDashboardFixture>
{
    private const string Sensor = HostileDashboardFixture.Sensor;

    /// <summary>Anything the strings could have become if they were inserted as markup; our pages have no img at all.</summary>
    internal const string InjectionProbe = """
        () => [
          typeof window.__xss !== 'undefined' ? 'window.__xss = ' + window.__xss : null,
          document.querySelectorAll('img').length ? document.querySelectorAll('img').length + ' img element(s)' : null,
          [...document.querySelectorAll('b')].some(b => b.textContent === 'x') ? 'a <b>x</b> element' : null,
          [...document.scripts].some(s => s.type !== 'application/json' && s.textContent.includes('__xss')) ? 'a script element with __xss' : null,
          [...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on'))) ? 'an element with an on* handler attribute' : null,
        ].filter(x => x)
        """;

    private readonly ChromiumFixture _chromium;
    private readonly HostileDashboardFixture _dashboard;

    public HostileStringsTests(ChromiumFixture chromium, HostileDashboardFixture dashboard)
    {
        _chromium = chromium;
        _dashboard = dashboard;
    }

    [Fact]
    public async Task Markup_from_a_plc_and_an_rdp_client_is_shown_as_text()
    {
        await using BrowserTab tab = await _chromium.OpenAsync(_dashboard.Collector.BaseAddress, "hostile");
        await tab.SignInAsync("admin", DashboardFixture.AdminPassword);
        IPage page = tab.Page;

        // Console errors (CSP refusals included) are checked at the end, so a failure names the escaping check first.
        await tab.GotoAsync($"/assets/{Sensor}/{Plc}", errorsLater: true);
        await ExpectTextAsync(tab, "PLC name", page.Locator("dd.plc-name"), PlcName, exact: true);
        await ExpectTextAsync(tab, "plant id", page.Locator("#identity dt:text-is('Plant id') + dd"), PlantId, exact: true);
        await ExpectTextAsync(tab, "role evidence", page.Locator("#identity dt:text-is('Role evidence') + dd"), $"PLC name '{PlcName}'", exact: false);
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-plc-device");

        await tab.GotoAsync($"/assets/{Sensor}/{RdpClient}", errorsLater: true);
        await ExpectTextAsync(tab, "RDP cookie users", page.Locator("dd.rdp-users"), "cookie users: " + RdpUser, exact: false);
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-rdp-device");

        // The search echoes the query into the form: a reflected copy of the PLC name must stay text too.
        await tab.GotoAsync("/assets?q=" + Uri.EscapeDataString(PlcName), errorsLater: true);
        ILocator plcRow = page.Locator("#assets tbody tr").Filter(new() { Has = page.Locator($"a[href='/assets/{Sensor}/{Plc}']") });
        await ExpectTextAsync(tab, "assets list, name column", plcRow.Locator("td:nth-child(6)"), PlcName, exact: true);
        await tab.StepAsync("the search box holds the query as typed", async () =>
        {
            Assert.Equal(PlcName, await page.Locator("input[name=q]").InputValueAsync());
            await Expect(page.Locator("#assets tbody tr")).ToHaveCountAsync(1);
        });
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-assets");

        await tab.FollowAsync(page.Locator("header nav a[href='/incidents']"), "/incidents", errorsLater: true);
        ILocator rdpIncident = page.Locator("#incidents tbody tr").Filter(new() { Has = page.Locator($"a[href='/assets/{Sensor}/{RdpClient}']") })
            .Locator("a[href^='/incidents/']");
        await ExpectNothingInjectedAsync(tab);
        await tab.FollowAsync(rdpIncident, Uri.UnescapeDataString((await rdpIncident.GetAttributeAsync("href"))!), errorsLater: true);
        await ExpectTextAsync(tab, "incident evidence", page.Locator("dl.evidence dt:text-is('rdp user (cookie)') + dd"), RdpUser, exact: true);
        await ExpectTextAsync(tab, "incident narrative", page.Locator(".narrative"), RdpUser, exact: false);
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-incident");

        await tab.FollowAsync(page.Locator("header nav a[href='/map']"), "/map", errorsLater: true);
        await tab.StepAsync("the map's data and drawing", async () =>
        {
            string label = await tab.EvaluateAsync<string>(
                $"() => JSON.parse(document.getElementById('map-data').textContent).nodes.find(n => n.id === '{Plc}').label");
            Assert.Equal($"{Plc} {PlcName}", label);
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-map-nodes", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        });
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-map");

        await tab.FollowAsync(page.Locator("header nav a[href='/']"), "/", errorsLater: true);
        await ExpectNothingInjectedAsync(tab);
        await tab.ScreenshotAsync("hostile-overview");
        await tab.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task The_html_carries_the_strings_encoded_and_the_api_verbatim()
    {
        using HttpClient http = await DashboardHttp.SignInAsync(_dashboard.Collector, "admin", DashboardFixture.AdminPassword);

        string plcPage = await GetOkAsync(http, $"/assets/{Sensor}/{Plc}");
        AssertEncoded(plcPage, PlcName, PlantId);
        string rdpPage = await GetOkAsync(http, $"/assets/{Sensor}/{RdpClient}");
        AssertEncoded(rdpPage, RdpUser);
        string search = await GetOkAsync(http, "/assets?q=" + Uri.EscapeDataString(PlcName));
        AssertEncoded(search, PlcName);
        Assert.Contains($"value=\"{HtmlEncoder.Default.Encode(PlcName)}\"", search, StringComparison.Ordinal);

        // Inside <script type="application/json"> the JSON encoder's \u003C keeps "</script>" from ending the element.
        string map = await GetOkAsync(http, "/map");
        AssertNoRawMarkup(map);
        Assert.Contains(JsonEncodedText.Encode(PlcName, JavaScriptEncoder.Default).ToString(), map, StringComparison.Ordinal);

        using JsonDocument plc = JsonDocument.Parse(await GetOkAsync(http, $"/api/assets/{Sensor}/{Plc}"));
        Assert.Equal(PlcName, plc.RootElement.GetProperty("identity").GetProperty("plcName").GetString());
        Assert.Equal(PlantId, plc.RootElement.GetProperty("identity").GetProperty("plantId").GetString());
        using JsonDocument rdp = JsonDocument.Parse(await GetOkAsync(http, $"/api/assets/{Sensor}/{RdpClient}"));
        Assert.Equal([RdpUser], rdp.RootElement.GetProperty("rdp").GetProperty("cookieUserNames").EnumerateArray().Select(e => e.GetString()));
        using JsonDocument found = JsonDocument.Parse(await GetOkAsync(http, "/api/assets?q=" + Uri.EscapeDataString("__xss=1")));
        Assert.Equal([PlcName], found.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        using JsonDocument incidents = JsonDocument.Parse(await GetOkAsync(http, "/api/incidents?q=" + RdpClient));
        string id = incidents.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("device").GetString() == RdpClient).GetProperty("incidentId").GetString()!;
        AssertEncoded(await GetOkAsync(http, $"/incidents/{Sensor}/{Uri.EscapeDataString(id)}"), RdpUser);
        using JsonDocument incident = JsonDocument.Parse(await GetOkAsync(http, $"/api/incidents/{Sensor}/{Uri.EscapeDataString(id)}"));
        Assert.Contains(RdpUser, incident.RootElement.GetProperty("summary").GetProperty("models").EnumerateArray()
            .SelectMany(m => m.GetProperty("evidence").EnumerateArray()).Select(e => e.GetProperty("value").GetString()));
    }

    /// <summary>The element's whole text (or a part of it) is <paramref name="expected"/>, and it has no child elements.</summary>
    private static Task ExpectTextAsync(BrowserTab tab, string what, ILocator element, string expected, bool exact) =>
        tab.StepAsync(what + " is text", async () =>
        {
            await Expect(element).ToHaveCountAsync(1);
            string text = await element.InnerTextAsync();
            if (exact)
            {
                Assert.Equal(expected, text);
            }
            else
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            Assert.Equal(0, await element.EvaluateAsync<int>("e => e.childElementCount"));
        });

    private static Task ExpectNothingInjectedAsync(BrowserTab tab) =>
        tab.StepAsync("nothing was made from the strings", async () => Assert.Empty(await tab.EvaluateAsync<string[]>(InjectionProbe)));

    private static async Task<string> GetOkAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static void AssertEncoded(string html, params string[] values)
    {
        AssertNoRawMarkup(html);
        foreach (string value in values)
        {
            Assert.Contains(HtmlEncoder.Default.Encode(value), html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    private static void AssertNoRawMarkup(string html)
    {
        foreach (string raw in new[] { PlcName, PlantId, RdpUser, "<script>__xss", "<script>window.__xss", "<img", "<b>x" })
        {
            Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        }
    }
}
