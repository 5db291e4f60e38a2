using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Tests.Tables;

/// <summary>Full fixed-capacity tables evict the entry seen least recently, and say which.</summary>
public sealed class EvictionTests
{
    [Fact]
    public void A_full_device_table_evicts_the_least_recently_seen_device()
    {
        var table = new DeviceTable(capacity: 3);
        for (int i = 0; i < 3; i++)
        {
            table.Add(NetAddress.Parse($"10.0.0.{i + 1}"), now: 100 + i, out _);
        }

        table[0].LastSeen = 500;   // 10.0.0.1 was seen again: 10.0.0.2 is now the oldest
        int index = table.Add(NetAddress.Parse("10.0.0.9"), now: 600, out int evicted);

        Assert.Equal(1, evicted);
        Assert.Equal(1, index);
        Assert.False(table.TryFind(NetAddress.Parse("10.0.0.2"), out _));
        Assert.True(table.TryFind(NetAddress.Parse("10.0.0.9"), out _));
        Assert.Equal(1, table.Evicted);
    }

    [Fact]
    public void A_full_relation_table_evicts_the_oldest_and_frees_its_ics_detail()
    {
        var table = new RelationTable(capacity: 2, icsCapacity: 1);
        int a = table.GetOrAdd(new RelationKey(0, 1, 6, 502), now: 10, out _);
        Assert.True(table.TryGetIcsDetail(a, create: true, out _));
        table.GetOrAdd(new RelationKey(2, 1, 6, 502), now: 20, out _);
        int c = table.GetOrAdd(new RelationKey(3, 1, 6, 102), now: 30, out bool added);

        Assert.True(added);
        Assert.Equal(a, c);                                  // the oldest slot was reused
        Assert.Equal(0, table.IcsDetailCount);               // and its ICS detail freed for the next relation
        Assert.True(table.TryGetIcsDetail(c, create: true, out _));
        Assert.Equal(1, table.Evicted);
    }

    [Fact]
    public void A_full_receive_backlog_drops_the_address_seen_least_recently()
    {
        var backlog = new ReceiveBacklog(capacity: 2);
        backlog.Add(NetAddress.Parse("10.0.0.1"), 60, now: 100);
        backlog.Add(NetAddress.Parse("10.0.0.2"), 60, now: 200);
        backlog.Add(NetAddress.Parse("10.0.0.1"), 70, now: 300);   // 10.0.0.2 is now the oldest
        backlog.Add(NetAddress.Parse("10.0.0.3"), 80, now: 400);

        Assert.Equal(2, backlog.Count);
        Assert.Equal(1, backlog.Evicted);
        Assert.False(backlog.TryTake(NetAddress.Parse("10.0.0.2"), out _, out _));
        Assert.True(backlog.TryTake(NetAddress.Parse("10.0.0.1"), out long packets, out long bytes));
        Assert.Equal((2L, 130L), (packets, bytes));
        Assert.Equal(1, backlog.Count);
        Assert.True(backlog.TryTake(NetAddress.Parse("10.0.0.3"), out packets, out bytes));
        Assert.Equal((1L, 80L), (packets, bytes));
        Assert.Equal(0, backlog.Count);
    }

    [Fact]
    public void A_device_added_for_an_address_takes_what_was_addressed_to_it_before()
    {
        var table = new DeviceTable(capacity: 4, backlogCapacity: 4);
        table.Backlog.Add(NetAddress.Parse("10.0.0.7"), 87, now: 100);
        table.Backlog.Add(NetAddress.Parse("10.0.0.8"), 60, now: 150);

        int index = table.Add(NetAddress.Parse("10.0.0.7"), now: 200, out _);

        Assert.Equal(1, table[index].PacketsReceived);
        Assert.Equal(87, table[index].BytesReceived);
        Assert.Equal(1, table.Backlog.Count);                       // 10.0.0.8 still waits
        Assert.Equal(0, table[table.Add(NetAddress.Parse("10.0.0.9"), now: 300, out _)].PacketsReceived);
    }

    [Fact]
    public void A_backlog_of_capacity_zero_holds_nothing()
    {
        var backlog = new ReceiveBacklog(capacity: 0);
        backlog.Add(NetAddress.Parse("10.0.0.1"), 60, now: 100);

        Assert.Equal(0, backlog.Count);
        Assert.False(backlog.TryTake(NetAddress.Parse("10.0.0.1"), out _, out _));
    }
}
