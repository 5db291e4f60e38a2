namespace Edge.Contracts.Assets;

/// <summary>The device's traffic baseline in brief.</summary>
public sealed record TrafficSummary
{
    public required long PacketsSent { get; init; }

    public required long PacketsReceived { get; init; }

    public required long BytesSent { get; init; }

    public required long BytesReceived { get; init; }

    /// <summary>Distinct peers this device opened connections to.</summary>
    public required int FanOut { get; init; }

    /// <summary>Connection attempts by this device that were refused (RST) or never answered.</summary>
    public required long FailedConnections { get; init; }

    /// <summary>Mean and standard deviation of bytes per active minute.</summary>
    public required double BytesPerMinuteMean { get; init; }

    public required double BytesPerMinuteStdDev { get; init; }

    /// <summary>24 values: minutes with traffic in each hour of the day (UTC).</summary>
    public required IReadOnlyList<int> ActiveMinutesByHour { get; init; }
}
