using System.Security.Cryptography.X509Certificates;
using Collector.Hosting;

namespace Collector.Broker;

/// <summary>The server certificate (with its key) and the CA sensors' certificates must chain to, read from PEM files.</summary>
public sealed class BrokerCertificates : IDisposable
{
    private BrokerCertificates(X509Certificate2 server, X509Certificate2 ca)
    {
        Server = server;
        Ca = ca;
    }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Ca { get; }

    public static BrokerCertificates Load(CollectorOptions options)
    {
        string ca = Require(options.CaPath, "--ca");
        string cert = Require(options.CertPath, "--cert");
        string key = Require(options.KeyPath, "--key");
        try
        {
            X509Certificate2 server = X509Certificate2.CreateFromPemFile(cert, key);
            if (!server.HasPrivateKey)
            {
                throw new CollectorConfigException($"{cert}: the key in {key} does not belong to this certificate.");
            }

            return new BrokerCertificates(server, X509Certificate2.CreateFromPem(File.ReadAllText(ca)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CollectorConfigException($"cannot load the TLS certificates ({ca}, {cert}, {key}): {ex.Message}");
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
    }

    private static string Require(string? path, string option) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new CollectorConfigException($"{option} FILE (PEM) is required: the broker only listens with TLS and client certificates.")
            : path;
}
