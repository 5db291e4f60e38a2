using Collector.Web;
using Collector.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>The operational overview: counts, open incidents by severity, sensors, risky devices, changes, trends.</summary>
public sealed class IndexModel(IDashboardQueries queries, TimeProvider time) : PageModel
{
    public OverviewData Data { get; private set; } = null!;

    /// <summary>The trend series as JSON for the chart script (escaped for a script element by <see cref="PageJson"/>).</summary>
    public string TrendJson { get; private set; } = "{}";

    public void OnGet()
    {
        Data = queries.Overview(time.GetUtcNow());
        TrendJson = PageJson.Serialize(new TrendSeries(
            [.. Data.AssetsDiscoveredByDay.Select(d => d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            [.. Data.AssetsDiscoveredByDay.Select(d => d.Count)],
            [.. Data.IncidentsByDay.Select(d => d.Count)]));
    }
}
