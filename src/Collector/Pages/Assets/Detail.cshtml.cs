using Collector.Web.Data;
using Edge.Contracts.Assets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages.Assets;

/// <summary>A device: identity, peers with protocols and functions, and its event log (changes, ICS commands, anomalies).</summary>
public sealed class AssetDetailModel(IDashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Sensor { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public AssetRecord Asset { get; private set; } = null!;

    public IReadOnlyList<AssetChange> Events { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (queries.Asset(Sensor, Id) is not { } asset)
        {
            return NotFound();
        }

        Asset = asset;
        Events = queries.AssetChanges(Sensor, Id, 500);
        return Page();
    }
}
