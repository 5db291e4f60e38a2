using Collector.Broker;
using Collector.Ingest;
using Collector.Storage;
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
        services.AddSingleton<IEventStore>(sp =>
        {
            CollectorOptions o = sp.GetRequiredService<IOptions<CollectorOptions>>().Value;
            Directory.CreateDirectory(o.DataDirectory);
            return new SqliteStore(o.DatabasePath, o.SynchronousFull);
        });
        services.AddSingleton<MessageValidator>();
        services.AddSingleton<IngestWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        if (configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>()?.Broker is { Length: > 0 })
        {
            services.AddHostedService<BrokerSubscriber>();
        }
        else
        {
            services.AddHostedService<BrokerService>();
        }

        return services;
    }
}
