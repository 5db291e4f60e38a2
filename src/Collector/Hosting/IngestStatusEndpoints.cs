using Collector.Ingest;

namespace Collector.Hosting;

/// <summary><c>GET /ingest/status</c>: what ingest stored, deduplicated and rejected (by reason) since start.</summary>
public static class IngestStatusEndpoints
{
    public static IEndpointRouteBuilder MapIngestStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ingest/status", (IngestCounters counters) => TypedResults.Ok(counters.Snapshot()));
        return app;
    }
}
