using Collector.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages.Incidents;

/// <summary>The incident list: score, title, device, models, first/last seen, workflow state, assignee.</summary>
public sealed class IncidentsModel(IDashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "workflow")]
    public string? WorkflowFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public int MinScore { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<IncidentRow> Result { get; private set; } = null!;

    public void OnGet() => Result = queries.Incidents(WorkflowFilter, Math.Clamp(MinScore, 0, 100), Search, Math.Max(1, PageNumber), 50);
}
