using Collector.Web;
using Collector.Web.Auth;
using Collector.Web.Data;
using Edge.Contracts.Detection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages.Incidents;

/// <summary>One incident: narrative, models on a timeline, evidence, ATT&amp;CK, activity chart, workflow, versions.</summary>
public sealed class IncidentDetailModel(IDashboardQueries queries, IAuthorizationService authorization, TimeProvider time, IncidentAlarms alarms) : PageModel
{
    private static readonly HashSet<string> Actions = ["acknowledge", "assign", "comment", "close", "reopen"];

    [BindProperty(SupportsGet = true)]
    public string Sensor { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Assignee { get; set; }

    public BreachSummaryRecord Incident { get; private set; } = null!;

    public IncidentRow Row { get; private set; } = null!;

    public IReadOnlyList<IncidentVersionRow> Versions { get; private set; } = [];

    public IReadOnlyList<IncidentAction> History { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        if (Action is null || !Actions.Contains(Action))
        {
            return BadRequest();
        }

        string? comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim()[..Math.Min(Comment.Trim().Length, 2000)];
        string? assignee = string.IsNullOrWhiteSpace(Assignee) ? null : Assignee.Trim()[..Math.Min(Assignee.Trim().Length, 100)];
        // NotApplicable: the page was stale (someone else changed the state); the fresh page shows where it stands.
        IncidentActionResult result = queries.ActOnIncident(Sensor, Id, User.Identity!.Name!, Action, Action == "assign" ? assignee : null, comment, time.GetUtcNow());
        if (result == IncidentActionResult.Done)
        {
            await alarms.NotifyAsync(Sensor, Id, Action, User.Identity!.Name!, HttpContext.RequestAborted);
        }

        return result == IncidentActionResult.NotFound ? NotFound() : RedirectToPage(new { Sensor, Id });
    }

    private async Task<bool> LoadAsync()
    {
        if (queries.Incident(Sensor, Id) is not { } incident || queries.IncidentRow(Sensor, Id) is not { } row)
        {
            return false;
        }

        Incident = incident;
        Row = row;
        Versions = queries.IncidentVersions(Sensor, Id);
        History = queries.IncidentHistory(Sensor, Id);
        CanChange = (await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded;
        // Ten minutes either side, at most the last eight hours of it (a long-running incident: its latest activity).
        DateTimeOffset to = incident.LastSeen.AddMinutes(10);
        DateTimeOffset from = incident.FirstSeen.AddMinutes(-10) > to.AddHours(-8) ? incident.FirstSeen.AddMinutes(-10) : to.AddHours(-8);
        IReadOnlyList<ActivityPoint> activity = queries.DeviceActivity(Sensor, incident.Device, from, to);
        ChartJson = PageJson.Serialize(new IncidentCharts(
            [.. incident.Models.OrderBy(m => m.FirstSeen).Select(m => new TimelineBar(m.Title, m.FirstSeen, m.LastSeen, m.Score))],
            [.. activity]));
        return true;
    }
}
