using Collector.Tests.Infrastructure;

namespace Collector.Tests.Browser;

/// <summary>A collector with its first admin and no data yet: the tests make everything arrive while pages are open.</summary>
public sealed class EmptyDashboardFixture : DashboardFixture
{
    protected override Task FeedAsync() => Task.CompletedTask;
}
