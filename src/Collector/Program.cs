using System.Data.Common;
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
catch (DbException ex)
{
    // The store is opened as the host starts (its schema is created then): an unreachable PostgreSQL server or an
    // unreadable SQLite file ends the start with one line rather than a stack trace.
    await Console.Error.WriteLineAsync($"edge-collector: cannot open the database: {ex.Message.Split('\n')[0]}");
    return 1;
}
