using Collector.Web;
using Collector.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>Who talks to whom, grouped by zone / Purdue level, IT-to-OT relations highlighted (Cytoscape.js).</summary>
public sealed class MapModel(IDashboardQueries queries) : PageModel
{
    public const int MaxNodes = 400;

    public string GraphJson { get; private set; } = "{}";

    public int NodeCount { get; private set; }

    public int EdgeCount { get; private set; }

    public bool Truncated { get; private set; }

    public void OnGet()
    {
        (IReadOnlyList<MapNode> nodes, IReadOnlyList<MapEdge> edges) = queries.Map(MaxNodes);
        NodeCount = nodes.Count;
        EdgeCount = edges.Count;
        Truncated = nodes.Count >= MaxNodes;
        GraphJson = PageJson.Serialize(new { nodes, edges });
    }
}
