using System.Net;
using System.Text.RegularExpressions;

namespace Collector.Tests.Infrastructure;

/// <summary>An HTTP client of the dashboard signed in through the /login form (antiforgery token and all), for raw HTML and API reads.</summary>
internal static partial class DashboardHttp
{
    public static async Task<HttpClient> SignInAsync(TestCollector collector, string user, string password)
    {
        HttpClient http = collector.Http();
        string form = await http.GetStringAsync("/login");
        Match token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "no antiforgery token in the sign-in form");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using HttpResponseMessage response = await http.PostAsync("/login", content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
