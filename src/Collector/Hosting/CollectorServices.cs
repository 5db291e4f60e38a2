using Collector.Broker;
using Collector.Ingest;
using Collector.Provisioning.Discovery;
using Collector.Storage;
using Collector.Web.Auth;
using Collector.Web.Data;
using Collector.Web.Live;
using Microsoft.Extensions.Options;

namespace Collector.Hosting;

/// <summary>Registers the collector: storage, validation, the ingest writer, then the embedded broker or the subscriber to an external one (started last, stopped first).</summary>
public static class CollectorServices
{
    public static IServiceCollection AddCollector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CollectorOptions>().Bind(configuration.GetSection(CollectorOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestCounters>();
        services.AddSingleton(sp => new SensorAllowList(sp.GetRequiredService<IOptions<CollectorOptions>>().Value.Sensors));
        StoreUrl storeUrl = ParseStoreUrl(configuration);
        services.AddSingleton<IEventStore>(sp =>
        {
            CollectorOptions o = sp.GetRequiredService<IOptions<CollectorOptions>>().Value;
            if (!storeUrl.IsPostgres)
            {
                Directory.CreateDirectory(o.DataDirectory);
            }

            IEventStore store = storeUrl.Open(o.DatabasePath, o.SynchronousFull);
            if (store is DbEventStore db)
            {
                db.Projection = DashboardProjection.Definition;
            }

            return store;
        });
        services.AddSingleton<LiveEvents>();
        services.AddSingleton(sp => ((DbEventStore)sp.GetRequiredService<IEventStore>()).Dialect);
        services.AddSingleton<IDashboardQueries>(sp => new SqlDashboardQueries(sp.GetRequiredService<StoreDialect>()));
        services.AddSingleton<IAccountStore>(sp => new SqlAccountStore(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MessageValidator>();
        services.AddOptions<Provisioning.ProvisioningOptions>().Bind(configuration.GetSection(Provisioning.ProvisioningOptions.Section));
        services.AddSingleton(sp =>
        {
            CollectorOptions o = sp.GetRequiredService<IOptions<CollectorOptions>>().Value;
            Provisioning.CollectorPki pki = sp.GetRequiredService<Provisioning.CollectorPki>();
            var service = new Provisioning.ProvisioningService(new Provisioning.ProvisioningStore(sp.GetRequiredService<StoreDialect>()), pki,
                sp.GetRequiredService<IOptions<Provisioning.ProvisioningOptions>>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Provisioning.ProvisioningService>>())
            {
                // Mosquitto's crlfile (README: the external broker); kept current on every revocation.
                CrlPath = pki.CanIssue ? Path.Combine(o.DataDirectory, Provisioning.CollectorPki.Folder, "crl.pem") : null,
            };
            return service;
        });
        services.AddSingleton<Web.IncidentAlarms>();
        services.AddSingleton<IngestWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        services.AddHostedService<AdminBootstrapService>();
        if (configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>()?.Broker is { Length: > 0 })
        {
            services.AddSingleton<BrokerSubscriber>();
            services.AddHostedService(sp => sp.GetRequiredService<BrokerSubscriber>());
            services.AddSingleton<ISensorCommands>(sp => sp.GetRequiredService<BrokerSubscriber>());
        }
        else
        {
            services.AddSingleton<BrokerService>();
            services.AddHostedService(sp => sp.GetRequiredService<BrokerService>());
            services.AddSingleton<ISensorCommands>(sp => sp.GetRequiredService<BrokerService>());
        }

        services.AddMdnsResponder(configuration);

        return services;
    }

    /// <summary>Parsed while the app is built, so a bad <c>--db</c> is one line and exit code 2 before the host starts.</summary>
    private static StoreUrl ParseStoreUrl(IConfiguration configuration)
    {
        try
        {
            return StoreUrl.Parse(configuration[$"{CollectorOptions.Section}:{nameof(CollectorOptions.Database)}"]);
        }
        catch (FormatException ex)
        {
            throw new CollectorConfigException($"--db: {ex.Message}");
        }
    }
}
