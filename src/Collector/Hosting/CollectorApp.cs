using Collector.Web;

namespace Collector.Hosting;

/// <summary>Builds the collector's web application from the command line (also used by the tests).</summary>
public static partial class CollectorApp
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);

        // Defaults below everything else (settings, environment, command line override them): no per-request log lines.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });

        // The cookie keys sit unencrypted in --data/keys, protected by the folder's permissions like the database;
        // Data Protection warns about that at every start, which only teaches people to ignore warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CollectorJsonContext.Default));
        CollectorOptions options = builder.Configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>() ?? new CollectorOptions();
        RequireBrokerSettings(options);
        // The CA and TLS certificate: the plant's PEM files, or the collector's own, made in --data/pki on first start.
        var pki = Provisioning.CollectorPki.LoadOrCreate(options, TimeProvider.System);
        builder.Services.AddSingleton(pki);
        builder.Services.AddSingleton<Provisioning.Discovery.ICaFingerprintSource>(pki);
        // Under systemd (edge-collector.service, Type=notify): READY=1 once the broker and the web server listen,
        // STOPPING=1 at shutdown, and log lines the journal understands. Elsewhere it does nothing.
        builder.Services.AddSystemd();
        builder.Services.AddCollector(builder.Configuration);
        builder.Services.AddDashboard(options.DataDirectory);

        // HTTPS for the dashboard when --urls names an https:// address, with the collector's certificate (--cert/--key);
        // the session cookie is then Secure. Loaded only if such an address is configured.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            https.ServerCertificate = pki.Server));

        WebApplication app = builder.Build();
        LogPki(app.Logger, pki.Generated ? $"its own CA in {Path.Combine(options.DataDirectory, Provisioning.CollectorPki.Folder)}" : "the CA of --ca",
            Provisioning.CollectorPki.Colons(pki.CaFingerprint), pki.CanIssue ? "sensors can be provisioned" : "no CA key (--ca-key): sensors cannot be provisioned");
        app.UseDashboard();
        app.MapIngestStatus();
        return app;
    }

    /// <summary>With <c>--broker</c>: the URL, client id and share group must be usable before anything starts.</summary>
    private static void RequireBrokerSettings(CollectorOptions options)
    {
        if (string.IsNullOrEmpty(options.Broker))
        {
            return;
        }

        Broker.BrokerEndpoint.Parse(options.Broker);
        if (!Edge.Contracts.Topics.EdgeIds.IsValid(options.CollectorId))
        {
            throw new CollectorConfigException($"--collector-id '{options.CollectorId}' is not a valid id (lower-case letters, digits, '-', '_', '.').");
        }

        if (!Edge.Contracts.Topics.EdgeIds.IsValid(options.ShareGroup))
        {
            throw new CollectorConfigException($"--share-group '{options.ShareGroup}' is not a valid id (lower-case letters, digits, '-', '_', '.').");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS with {Which}; CA fingerprint (SHA-256) {Fingerprint}; {Provisioning}")]
    private static partial void LogPki(ILogger logger, string which, string fingerprint, string provisioning);
}
