using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Hosting;

/// <summary><c>edge-collector --version</c>: one line with the version set in Directory.Build.props, and nothing started.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_is_one_line_with_the_version_of_Directory_Build_props()
    {
        using Process process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"), "--version"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        string version = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Equal(0, process.ExitCode);
        Assert.Equal($"edge-collector {version}\n", (await stdout).ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, await stderr);

        string informational = typeof(Collector.Hosting.CollectorApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith(version, informational, StringComparison.Ordinal);
    }
}
