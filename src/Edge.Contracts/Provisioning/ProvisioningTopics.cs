using Edge.Contracts.Topics;

namespace Edge.Contracts.Provisioning;

/// <summary>
/// Where provisioning happens: <c>edge-prov/v1/&lt;claim&gt;/&lt;serial&gt;/request</c> (the sensor publishes its
/// request) and <c>.../response</c> (the collector answers), a root of its own apart from the findings
/// (<c>edge/v1</c>) and commands (<c>edge-cmd/v1</c>). The first level is the identity of the certificate the sensor
/// connects with, the second its MQTT client id, so a broker's ACL can bind both with one pattern each
/// (Mosquitto: <c>pattern write edge-prov/v1/%u/%c/request</c>, <c>pattern read edge-prov/v1/%u/%c/response</c>):
/// a claim certificate (<c>claim.&lt;batch&gt;</c>, client id = the device's serial) for a first provisioning, the
/// sensor's own certificate (sensor id twice) for a renewal.
/// </summary>
public static class ProvisioningTopics
{
    public const string Root = "edge-prov/v1";

    /// <summary>The common name of every claim certificate starts with this; no sensor id may.</summary>
    public const string ClaimPrefix = "claim.";

    public const string RequestLevel = "request";

    public const string ResponseLevel = "response";

    public static string Request(string identity, string clientId) => Build(identity, clientId, RequestLevel);

    public static string Response(string identity, string clientId) => Build(identity, clientId, ResponseLevel);

    /// <summary>A claim identity: <c>claim.</c> and a batch name, as a valid id.</summary>
    public static bool IsClaim(string? id) =>
        id is not null && id.StartsWith(ClaimPrefix, StringComparison.Ordinal) && id.Length > ClaimPrefix.Length && EdgeIds.IsValid(id);

    /// <summary>Identity, client id and level (request or response) of a provisioning topic; false for anything else.</summary>
    public static bool TryParse(string? topic, out string identity, out string clientId, out string level)
    {
        identity = clientId = level = string.Empty;
        if (topic is null || !topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return false;
        }

        string[] levels = topic[(Root.Length + 1)..].Split('/');
        if (levels.Length != 3 || !EdgeIds.IsValid(levels[0]) || !EdgeIds.IsValid(levels[1]) || levels[2] is not (RequestLevel or ResponseLevel))
        {
            return false;
        }

        (identity, clientId, level) = (levels[0], levels[1], levels[2]);
        return true;
    }

    private static string Build(string identity, string clientId, string level)
    {
        EdgeIds.ThrowIfInvalid(identity, nameof(identity));
        EdgeIds.ThrowIfInvalid(clientId, nameof(clientId));
        return string.Concat(Root, "/", identity, "/", clientId, "/", level);
    }
}
