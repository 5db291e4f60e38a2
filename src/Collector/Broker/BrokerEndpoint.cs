using System.Globalization;
using Collector.Hosting;

namespace Collector.Broker;

/// <summary>
/// The external broker of <c>--broker mqtts://host[:port]</c>. Only <c>mqtts</c>: findings and sensor identities
/// never cross the plant network in clear text, so <c>mqtt://</c> is refused with a reason rather than accepted.
/// </summary>
public readonly record struct BrokerEndpoint(string Host, int Port)
{
    public const int DefaultPort = 8883;

    /// <summary>Parses the option; a wrong value is a <see cref="CollectorConfigException"/> naming what is wrong.</summary>
    public static BrokerEndpoint Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            throw new CollectorConfigException($"--broker '{text}' is not a URL; use mqtts://host:port.");
        }

        if (uri.Scheme != "mqtts")
        {
            throw new CollectorConfigException(uri.Scheme == "mqtt"
                ? $"--broker '{text}': plain mqtt:// is not supported; the collector talks to brokers only over TLS (mqtts://)."
                : $"--broker '{text}': scheme '{uri.Scheme}' is not mqtts.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Never echo what may be a password.
            throw new CollectorConfigException("--broker: expected mqtts://host:port and nothing else; user names and passwords are not used (identity comes from --cert/--key).");
        }

        if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0)
        {
            throw new CollectorConfigException($"--broker '{text}': expected mqtts://host:port and nothing else (identity comes from --cert/--key).");
        }

        return new BrokerEndpoint(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"mqtts://{Host}:{Port}");
}
