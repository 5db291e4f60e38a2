using Collector.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>Sensor health: online/offline from birth and death, learning progress, capture rate, drops, outbox, skew.</summary>
public sealed class SensorsModel(IDashboardQueries queries, TimeProvider time) : PageModel
{
    public IReadOnlyList<SensorRow> Sensors { get; private set; } = [];

    public void OnGet() => Sensors = queries.Sensors(time.GetUtcNow());
}
