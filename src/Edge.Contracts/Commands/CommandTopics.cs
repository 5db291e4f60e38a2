using Edge.Contracts.Topics;

namespace Edge.Contracts.Commands;

/// <summary>
/// Where commands to a sensor go: <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;</c>. A root of its own, apart from the
/// <c>edge/v1</c> tree sensors publish in, so a collector's subscription to everything sensors send never receives
/// the commands collectors send, and a broker's ACL can let a sensor read exactly its own command topic and write none.
/// </summary>
public static class CommandTopics
{
    public const string Root = "edge-cmd/v1";

    public static string For(string site, string sensor)
    {
        EdgeIds.ThrowIfInvalid(site, nameof(site));
        EdgeIds.ThrowIfInvalid(sensor, nameof(sensor));
        return string.Concat(Root, "/", site, "/", sensor);
    }

    /// <summary>The sensor's configuration, retained: <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;/config</c>.</summary>
    public static string Config(string site, string sensor) => For(site, sensor) + "/" + ConfigLevel;

    public const string ConfigLevel = "config";

    /// <summary>Everything for one sensor (its commands and its configuration): <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;/#</c>.</summary>
    public static string All(string site, string sensor) => For(site, sensor) + "/#";

    /// <summary>Site and sensor of a configuration topic; false for anything else.</summary>
    public static bool TryParseConfig(string? topic, out string site, out string sensor)
    {
        site = sensor = string.Empty;
        string suffix = "/" + ConfigLevel;
        return topic is not null && topic.EndsWith(suffix, StringComparison.Ordinal) && TryParse(topic[..^suffix.Length], out site, out sensor);
    }

    /// <summary>Site and sensor of a command topic; false for anything else (wildcards included).</summary>
    public static bool TryParse(string? topic, out string site, out string sensor)
    {
        site = sensor = string.Empty;
        if (topic is null || !topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return false;
        }

        string[] levels = topic[(Root.Length + 1)..].Split('/');
        if (levels.Length != 2 || !EdgeIds.IsValid(levels[0]) || !EdgeIds.IsValid(levels[1]))
        {
            return false;
        }

        (site, sensor) = (levels[0], levels[1]);
        return true;
    }
}
