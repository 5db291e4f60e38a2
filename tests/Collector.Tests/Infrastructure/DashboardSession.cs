using System.Net;

namespace Collector.Tests.Infrastructure;

/// <summary>Signs in to the dashboard over HTTP as a browser would: GET the form, POST it with its antiforgery token.</summary>
internal static class DashboardSession
{
    public const string AdminPassword = "test-admin-password-1";

    /// <summary>The argument that makes the first admin's password <see cref="AdminPassword"/>.</summary>
    public const string AdminPasswordArgument = "--EDGE_ADMIN_PASSWORD=" + AdminPassword;

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string user, string password)
    {
        string form = await http.GetStringAsync("/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        });
        return await http.PostAsync("/login", content);
    }

    /// <summary>A client with an admin session.</summary>
    public static async Task<HttpClient> AdminAsync(TestCollector collector)
    {
        HttpClient http = collector.Http();
        HttpResponseMessage response = await SignInAsync(http, "admin", AdminPassword);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in failed: {(int)response.StatusCode}");
        return http;
    }

    public static string AntiforgeryToken(string html)
    {
        const string marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        int start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "no antiforgery token in the form");
        start += marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
