using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Collector.Hosting;
using Microsoft.Extensions.Options;

namespace Collector.Provisioning.Discovery;

/// <summary>Registers the <see cref="MdnsResponder"/> when <see cref="MdnsOptions.IsEnabled"/> (the embedded broker, by default).</summary>
public static class MdnsServices
{
    public static IServiceCollection AddMdnsResponder(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MdnsOptions>().Bind(configuration.GetSection(MdnsOptions.Section));
        MdnsOptions mdns = configuration.GetSection(MdnsOptions.Section).Get<MdnsOptions>() ?? new MdnsOptions();
        CollectorOptions collector = configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>() ?? new CollectorOptions();
        if (!mdns.IsEnabled(collector))
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            CollectorOptions o = sp.GetRequiredService<IOptions<CollectorOptions>>().Value;
            Func<string?> fingerprint = sp.GetService<ICaFingerprintSource>() is { } source ? source.GetCaFingerprint : CaFileFingerprint(o.CaPath);
            return new MdnsResponder(sp.GetRequiredService<IOptions<MdnsOptions>>(), sp.GetRequiredService<IOptions<CollectorOptions>>(),
                fingerprint, sp.GetRequiredService<ILogger<MdnsResponder>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<MdnsResponder>());
        return services;
    }

    /// <summary>SHA-256 of the first certificate (DER) in the <c>--ca</c> PEM, read once; null without one.</summary>
    internal static Func<string?> CaFileFingerprint(string? caPath)
    {
        var value = new Lazy<string?>(() =>
        {
            if (string.IsNullOrEmpty(caPath) || !File.Exists(caPath))
            {
                return null;
            }

            using X509Certificate2 ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
            return Convert.ToHexStringLower(SHA256.HashData(ca.RawData));
        });
        return () => value.Value;
    }
}
