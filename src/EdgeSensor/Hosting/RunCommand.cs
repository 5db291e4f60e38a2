using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Hosting;

/// <summary>
/// <c>edge-sensor run --config FILE</c>: the sensor as a service (.NET generic host, systemd-aware): capture, pipeline,
/// plant model and detection on the capture thread; state saving, findings output and the watchdog as their own
/// services. SIGTERM / Ctrl+C stop it cleanly with the state saved; a bad configuration stops it at start with one line.
/// </summary>
public static class RunCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        if (args.Count != 2 || args[0] != "--config")
        {
            stderr.WriteLine("edge-sensor run: usage: run --config FILE");
            return 2;
        }

        SensorConfig config;
        SensorRuntime runtime;
        try
        {
            config = SensorConfigLoader.Load(args[1]);
            runtime = new SensorRuntime(config, line => stderr.WriteLine($"edge-sensor run: {line}"));
        }
        catch (SensorConfigException e)
        {
            stderr.WriteLine($"edge-sensor run: {e.Message}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSystemd();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // Logs go to standard error, so findings can go to standard output.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddHostedService<StateService>();
        builder.Services.AddHostedService<FindingsService>();
        builder.Services.AddHostedService<WatchdogService>();
        builder.Services.AddHostedService<CaptureService>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        using var host = builder.Build();
        host.Run();
        return Environment.ExitCode;
    }
}
