using Microsoft.Extensions.Hosting;

namespace EdgeSensor.Hosting;

/// <summary>Writes findings (incident versions as JSON Lines) to the findings file or standard output, off the capture thread.</summary>
public sealed class FindingsService(SensorRuntime runtime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? path = runtime.Config.FindingsFile;
        if (path is null)
        {
            await foreach (var _ in runtime.Findings.Reader.ReadAllAsync(CancellationToken.None))
            {
            }

            return;
        }

        await using var output = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using var writer = new StreamWriter(output) { NewLine = "\n" };
        await foreach (var line in runtime.Findings.Reader.ReadAllAsync(CancellationToken.None))
        {
            await writer.WriteLineAsync(line);
            if (runtime.Findings.Reader.Count == 0)
            {
                await writer.FlushAsync(CancellationToken.None);
            }
        }
    }
}
