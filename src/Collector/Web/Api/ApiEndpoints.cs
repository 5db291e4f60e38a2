using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Collector.Web.Auth;
using Collector.Web.Data;
using Collector.Web.Live;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Ocsf;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collector.Web.Api;

/// <summary>
/// The JSON API under <c>/api/</c>: everything the pages show, paginated (<c>page</c>, <c>pageSize</c> up to 500), plus
/// the OCSF view of incidents and the live event stream. Reads need a session or an API token; the incident workflow
/// (<c>POST .../actions</c>) needs an admin API token, so a browser session cannot be ridden by a cross-site form.
/// </summary>
public static class ApiEndpoints
{
    public const int MaxPageSize = 500;

    /// <summary>The health history kept (7 days) and the points one answer carries.</summary>
    public const double MaxHealthHours = DashboardProjection.HealthRetentionDays * 24;

    public const int MaxHealthPoints = 500;

    private static readonly TimeSpan MaxStreamLifetime = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Edge");

        api.MapGet("/overview", (IDashboardQueries q, TimeProvider time) => TypedResults.Ok(q.Overview(time.GetUtcNow())))
            .WithSummary("Counts and trends shown on the overview page.");

        api.MapGet("/sensors", (IDashboardQueries q, TimeProvider time) => TypedResults.Ok(q.Sensors(time.GetUtcNow())))
            .WithSummary("Every sensor with its health: state, rates, the health of its last metrics (CPU, memory, temperature, disk, capture, alerts) and how its previous run ended.");

        api.MapGet("/sensors/{sensor}/health", Results<Ok<IReadOnlyList<HealthPoint>>, NotFound> (IDashboardQueries q, TimeProvider time, string sensor, double? hours) =>
            {
                if (q.SensorSite(sensor) is null)
                {
                    return TypedResults.NotFound();
                }

                DateTimeOffset now = time.GetUtcNow();
                TimeSpan span = TimeSpan.FromHours(Math.Clamp(hours ?? 6, 0.25, MaxHealthHours));
                return TypedResults.Ok(q.SensorHealthHistory(sensor, now - span, now, MaxHealthPoints).GetValueOrDefault(sensor) ?? []);
            })
            .WithSummary("The sensor's capture rate (frames/s) and CPU (%) over the last hours (hours: default 6, at most 168), oldest first, at most 500 points.");

        api.MapGet("/assets", (IDashboardQueries q, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string? search, AssetSort? sort, bool? desc, int? page, int? pageSize) =>
                TypedResults.Ok(q.Assets(search, sort ?? AssetSort.LastSeen, desc ?? true, Math.Max(1, page ?? 1), Size(pageSize))))
            .WithSummary("Assets, searchable (q: any of IP, MAC, vendor, model, firmware, name, role, zone) and sortable.");

        api.MapGet("/assets/{sensor}/{id}", Results<Ok<AssetRecord>, NotFound> (IDashboardQueries q, string sensor, string id) =>
                q.Asset(sensor, id) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound())
            .WithSummary("One asset as its sensor last reported it.");

        api.MapGet("/assets/{sensor}/{id}/events", (IDashboardQueries q, string sensor, string id, int? limit) =>
                TypedResults.Ok(q.AssetChanges(sensor, id, Math.Clamp(limit ?? 200, 1, 5000))))
            .WithSummary("The asset's event log, newest first.");

        api.MapGet("/incidents", (IDashboardQueries q, string? workflow, int? minScore, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string? search, int? page, int? pageSize) =>
                TypedResults.Ok(q.Incidents(workflow, Math.Clamp(minScore ?? 0, 0, 100), search, Math.Max(1, page ?? 1), Size(pageSize))))
            .WithSummary("Incidents (workflow: new, acknowledged, closed, all; default open).");

        api.MapGet("/incidents/{sensor}/{id}", Results<Ok<IncidentDetail>, NotFound> (IDashboardQueries q, string sensor, string id) =>
                q.Incident(sensor, id) is { } summary && q.IncidentRow(sensor, id) is { } row
                    ? TypedResults.Ok(new IncidentDetail(row, summary, q.IncidentVersions(sensor, id), q.IncidentHistory(sensor, id)))
                    : TypedResults.NotFound())
            .WithSummary("An incident: the latest breach summary, every version, and the workflow history.");

        api.MapGet("/incidents/{sensor}/{id}/ocsf", Results<JsonHttpResult<OcsfDetectionFinding>, NotFound> (IDashboardQueries q, string sensor, string id) =>
                q.Incident(sensor, id) is { } summary
                    ? TypedResults.Json(OcsfMapping.ToDetectionFinding(summary), OcsfJsonContext.Default.OcsfDetectionFinding) // OCSF's own snake_case names
                    : TypedResults.NotFound())
            .WithSummary("The incident as an OCSF 1.1 Detection Finding (class 2004) with ATT&CK for ICS in finding_info.attacks.");

        api.MapPost("/incidents/{sensor}/{id}/actions", async Task<Results<NoContent, NotFound, BadRequest<string>, Conflict<string>>> (
                    IDashboardQueries q, TimeProvider time, IncidentAlarms alarms, HttpContext http, string sensor, string id, IncidentActionRequest body) =>
            {
                if (body.Action is not ("acknowledge" or "assign" or "comment" or "close" or "reopen"))
                {
                    return TypedResults.BadRequest("action must be acknowledge, assign, comment, close or reopen");
                }

                IncidentActionResult result = q.ActOnIncident(sensor, id, http.User.Identity!.Name!, body.Action,
                    body.Action == "assign" ? Trim(body.Assignee, 100) : null, Trim(body.Comment, 2000), time.GetUtcNow());
                if (result == IncidentActionResult.Done)
                {
                    await alarms.NotifyAsync(sensor, id, body.Action, http.User.Identity!.Name!, http.RequestAborted);
                }

                return result switch
                {
                    IncidentActionResult.Done => TypedResults.NoContent(),
                    IncidentActionResult.NotFound => TypedResults.NotFound(),
                    _ => TypedResults.Conflict($"'{body.Action}' does not apply in the incident's current state"),
                };
            })
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("Acknowledge, assign, comment, close or reopen an incident (admin API token).");

        api.MapGet("/anomalies", (IDashboardQueries q, string? sensor, string? device, int? page, int? pageSize) =>
                TypedResults.Ok(q.Anomalies(sensor, device, Math.Max(1, page ?? 1), Size(pageSize))))
            .WithSummary("Anomalies, newest first, optionally of one sensor or device.");

        api.MapGet("/live", (LiveEvents live, CancellationToken cancellationToken) =>
                TypedResults.ServerSentEvents(Stream(live, cancellationToken)))
            .WithSummary("Server-sent events: incident, sensor, asset and anomaly changes as they are stored.");

        return app;
    }

    private static int Size(int? pageSize) => Math.Clamp(pageSize ?? 50, 1, MaxPageSize);

    private static string? Trim(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, max)];

    private static async IAsyncEnumerable<SseItem<LiveEvent>> Stream(LiveEvents live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A first event at once, so a client knows the stream is open (and tests need not guess).
        yield return new SseItem<LiveEvent>(new LiveEvent("hello", string.Empty, string.Empty, "connected", null, null), "hello")
        {
            ReconnectionInterval = TimeSpan.FromSeconds(3),
        };

        // A stream lives at most five minutes; the browser reconnects on its own, and that request is authenticated
        // again, so a disabled account or a revoked token stops receiving within minutes.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(MaxStreamLifetime);
        IAsyncEnumerator<LiveEvent> events = live.SubscribeAsync(lifetime.Token).GetAsyncEnumerator(lifetime.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                yield return new SseItem<LiveEvent>(events.Current, events.Current.Type);
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>An incident with its versions and workflow history (<c>GET /api/incidents/{sensor}/{id}</c>).</summary>
public sealed record IncidentDetail(IncidentRow Incident, BreachSummaryRecord Summary, IReadOnlyList<IncidentVersionRow> Versions, IReadOnlyList<IncidentAction> History);

/// <summary>Body of <c>POST /api/incidents/{sensor}/{id}/actions</c>.</summary>
public sealed record IncidentActionRequest(string Action, string? Assignee, string? Comment);
