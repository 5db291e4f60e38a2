namespace Collector.Web.Live;

/// <summary>
/// One change the dashboard shows without a reload: <c>incident</c> (new or updated breach summary),
/// <c>sensor</c> (a birth or death applied), <c>asset</c> (an inventory change). Sent as a server-sent event whose
/// data is this record as JSON; strings in it came from packets and are inserted as text by the page.
/// </summary>
public sealed record LiveEvent(string Type, string Sensor, string Id, string Title, int? Score, string? State);
