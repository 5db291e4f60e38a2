namespace Collector.Hosting;

/// <summary>Builds the collector's web application from the command line (also used by the tests).</summary>
public static class CollectorApp
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CollectorJsonContext.Default));
        RequireFiles(builder.Configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>() ?? new CollectorOptions());
        builder.Services.AddCollector(builder.Configuration);

        WebApplication app = builder.Build();
        app.MapIngestStatus();
        return app;
    }

    /// <summary>Fails before the host starts (one line, no host error log) when a certificate file is missing.</summary>
    private static void RequireFiles(CollectorOptions options)
    {
        foreach ((string? path, string option) in new[] { (options.CaPath, "--ca"), (options.CertPath, "--cert"), (options.KeyPath, "--key") })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CollectorConfigException($"{option} FILE (PEM) is required: the broker only listens with TLS and client certificates.");
            }

            if (!File.Exists(path))
            {
                throw new CollectorConfigException($"{option} {path}: no such file.");
            }
        }
    }
}
