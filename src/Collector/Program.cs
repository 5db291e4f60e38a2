using System.Data.Common;
using System.Reflection;
using Collector.Hosting;

if (args is ["--version"])
{
    // Set once, as <Version> in Directory.Build.props; the SDK appends "+<commit>" to the informational version.
    string version = typeof(CollectorApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
    Console.WriteLine($"edge-collector {version.Split('+')[0]}");
    return 0;
}

if (args is ["claim", .. var claimArgs])
{
    if (claimArgs is ["--help"] or ["-h"])
    {
        Console.Write(Collector.Provisioning.PkiCommands.ClaimHelp);
        return 0;
    }

    return Collector.Provisioning.PkiCommands.Claim(claimArgs, Console.Out, Console.Error);
}

if (args is ["server-certificate", .. var serverArgs])
{
    if (serverArgs is ["--help"] or ["-h"])
    {
        Console.Write(Collector.Provisioning.PkiCommands.ServerHelp);
        return 0;
    }

    return Collector.Provisioning.PkiCommands.ServerCertificate(serverArgs, Console.Out, Console.Error);
}

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
catch (DbException ex)
{
    // The store is opened as the host starts (its schema is created then): an unreachable PostgreSQL server or an
    // unreadable SQLite file ends the start with one line rather than a stack trace.
    await Console.Error.WriteLineAsync($"edge-collector: cannot open the database: {ex.Message.Split('\n')[0]}");
    return 1;
}
