using System.Text.Json;
using Collector.Web.Auth;
using Edge.Contracts.Provisioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collector.Provisioning;

/// <summary>
/// Provisioning over HTTP: the CA certificate for anyone to pin (<c>GET /pki/ca.pem</c>, no sign-in: it is public),
/// and under <c>/api</c> the requests, certificates and configurations (read: any signed-in user or token), and the
/// decisions (approve, reject, revoke, decommission, a new configuration: an admin API token, as for incidents).
/// </summary>
public static class ProvisioningEndpoints
{
    public static IEndpointRouteBuilder MapProvisioning(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pki/ca.pem", (CollectorPki pki) => TypedResults.Text(pki.Ca.ExportCertificatePem() + "\n", "application/x-pem-file"))
            .AllowAnonymous()
            .WithSummary("The collector's CA certificate (PEM); its SHA-256 fingerprint is printed at start and in every claim bundle.");

        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Provisioning");
        api.MapGet("/provisioning/requests", (ProvisioningService p) => TypedResults.Ok(p.Requests().Select(r => r with { Csr = string.Empty })))
            .WithSummary("Every device that asked to be provisioned, with its state (pending, approved, rejected).");
        api.MapGet("/provisioning/log", (ProvisioningService p, int? limit) => TypedResults.Ok(p.RecentLog(Math.Clamp(limit ?? 50, 1, 500))))
            .WithSummary("What provisioning did and refused, newest first.");
        api.MapGet("/provisioning/certificates", (ProvisioningService p, string? sensor) => TypedResults.Ok(p.Certificates(sensor)))
            .WithSummary("The sensor certificates the collector's CA issued, active and revoked.");

        api.MapPost("/provisioning/requests/{serial}/approve", Results<Ok<ProvisioningRequestRow>, NotFound<string>, BadRequest<string>> (
                ProvisioningService p, HttpContext http, string serial, ApproveRequest? body) =>
            {
                var (row, error) = p.Approve(serial, body?.Site, body?.SensorId, http.User.Identity!.Name!);
                return row is null ? TypedResults.NotFound(error ?? serial) : error is not null ? TypedResults.BadRequest(error) : TypedResults.Ok(row with { Csr = string.Empty });
            })
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("Approve a held request (admin API token): the CA signs the sensor's certificate and the sensor gets it with its configuration.");

        api.MapPost("/provisioning/requests/{serial}/reject", Results<NoContent, BadRequest<string>> (ProvisioningService p, HttpContext http, string serial, RejectRequest? body) =>
                p.Reject(serial, body?.Reason ?? string.Empty, http.User.Identity!.Name!) is { } error ? TypedResults.BadRequest(error) : TypedResults.NoContent())
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("Reject a held request (admin API token), with a reason the sensor is told.");

        api.MapPost("/sensors/{sensor}/revoke", async Task<Ok<int>> (ProvisioningService p, HttpContext http, string sensor, RejectRequest? body) =>
                TypedResults.Ok(await p.RevokeAsync(sensor, http.User.Identity!.Name!, string.IsNullOrWhiteSpace(body?.Reason) ? "revoked by an admin" : body.Reason.Trim())))
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("Revoke every certificate of a sensor (admin API token): its next connection is refused. Answers how many were revoked.");

        api.MapPost("/sensors/{sensor}/decommission", async Task<Ok<int>> (ProvisioningService p, HttpContext http, string sensor) =>
                TypedResults.Ok(await p.DecommissionAsync(sensor, http.User.Identity!.Name!)))
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("Revoke a sensor and free its serial number, so that the device can be provisioned again (admin API token).");

        api.MapGet("/sensors/{site}/{sensor}/configuration", (ProvisioningService p, string site, string sensor) => TypedResults.Ok(p.CurrentConfiguration(site, sensor)))
            .WithSummary("The sensor's current configuration (version 0: none pushed yet).");

        api.MapPut("/sensors/{site}/{sensor}/configuration", Results<Ok<SensorConfiguration>, BadRequest<string>> (
                ProvisioningService p, HttpContext http, string site, string sensor, ConfigurationChange body) =>
            {
                var (config, error) = p.ChangeConfiguration(site, sensor, c => body.ApplyTo(c), http.User.Identity!.Name!);
                return config is null ? TypedResults.BadRequest(error!) : TypedResults.Ok(config);
            })
            .RequireAuthorization(DashboardRoles.TokenAdmin)
            .WithSummary("A new configuration version (admin API token): the fields given replace the current ones; the sensor applies it and reports the version it runs.");
        return app;
    }
}

/// <summary>Body of <c>POST /api/provisioning/requests/{serial}/approve</c>: the ids to give the sensor (defaults: the collector's site, edge-&lt;serial&gt;).</summary>
public sealed record ApproveRequest(string? Site, string? SensorId);

/// <summary>Body of a reject or revoke: why.</summary>
public sealed record RejectRequest(string? Reason);

/// <summary>Body of <c>PUT /api/sensors/{site}/{sensor}/configuration</c>: the fields to change (absent: unchanged).</summary>
public sealed record ConfigurationChange(double? LearningSeconds, JsonElement? Zones, int? RelayThreshold, double? NoTrafficSeconds, double? MetricsIntervalSeconds,
    string? BrokerHost, int? BrokerPort)
{
    public SensorConfiguration ApplyTo(SensorConfiguration c) => c with
    {
        LearningSeconds = LearningSeconds ?? c.LearningSeconds,
        Zones = Zones is { ValueKind: not JsonValueKind.Undefined } z ? (z.ValueKind == JsonValueKind.Null ? null : z) : c.Zones,
        RelayThreshold = RelayThreshold ?? c.RelayThreshold,
        NoTrafficSeconds = NoTrafficSeconds ?? c.NoTrafficSeconds,
        MetricsIntervalSeconds = MetricsIntervalSeconds ?? c.MetricsIntervalSeconds,
        BrokerHost = BrokerHost ?? c.BrokerHost,
        BrokerPort = BrokerPort ?? c.BrokerPort,
    };
}
