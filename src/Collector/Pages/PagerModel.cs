using Microsoft.AspNetCore.WebUtilities;

namespace Collector.Pages;

/// <summary>Previous/next links that keep the list's other query parameters.</summary>
public sealed record PagerModel(int Page, int Pages, long Total, string? QueryString)
{
    public string Link(int page)
    {
        Dictionary<string, string?> query = QueryHelpers.ParseQuery(QueryString)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(string.Empty, query);
    }
}
