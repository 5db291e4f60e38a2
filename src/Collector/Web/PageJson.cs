using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collector.Web;

/// <summary>Chart data for the pages' scripts: the trend on the overview.</summary>
public sealed record TrendSeries(IReadOnlyList<string> Days, IReadOnlyList<long> NewAssets, IReadOnlyList<long> Incidents);

/// <summary>
/// JSON placed inside <c>&lt;script type="application/json"&gt;</c> elements. The default encoder escapes
/// <c>&lt; &gt; &amp; ' "</c> and non-ASCII as <c>\uXXXX</c>, so a PLC name like <c>&lt;/script&gt;</c> cannot end the
/// element; the scripts read it with <c>JSON.parse(el.textContent)</c> and insert strings as text only.
/// </summary>
public static class PageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

/// <summary>A model's span on the incident timeline.</summary>
public sealed record TimelineBar(string Title, DateTimeOffset From, DateTimeOffset To, int Score);

/// <summary>Chart data of the incident page.</summary>
public sealed record IncidentCharts(IReadOnlyList<TimelineBar> Timeline, IReadOnlyList<Data.ActivityPoint> Activity);
