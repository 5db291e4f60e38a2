using Collector.Hosting;

try
{
    await CollectorApp.Build(args).RunAsync();
    return 0;
}
catch (CollectorConfigException ex)
{
    await Console.Error.WriteLineAsync($"edge-collector: {ex.Message}");
    return 2;
}
