namespace Collector.Hosting;

/// <summary>Builds the collector's web application from the command line (also used by the tests).</summary>
public static class CollectorApp
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CollectorJsonContext.Default));
        builder.Services.AddCollector(builder.Configuration);

        WebApplication app = builder.Build();
        app.MapIngestStatus();
        return app;
    }
}
