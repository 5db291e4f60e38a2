namespace EdgeSensor.Pipeline;

/// <summary>Capacities and ports of the decode pipeline. Everything that bounds memory is here.</summary>
public sealed class PipelineOptions
{
    public const ushort ModbusPort = 502;
    public const ushort IsoTsapPort = 102;

    /// <summary>TCP ports decoded as Modbus/TCP ("decode as"), in addition to none else.</summary>
    public HashSet<ushort> ModbusPorts { get; } = [ModbusPort];

    /// <summary>TCP ports decoded as ISO-on-TCP (TPKT/COTP/S7).</summary>
    public HashSet<ushort> IsoPorts { get; } = [IsoTsapPort];

    /// <summary>Concurrent ICS flows tracked; when full the least recently seen flow is evicted (and counted).</summary>
    public int FlowCapacity { get; set; } = 16_384;

    /// <summary>A flow silent this long (capture time) is evicted.</summary>
    public TimeSpan FlowIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Buffers for partial PDUs and COTP fragments (64 KiB each: a TPKT can claim 65535 bytes).</summary>
    public int PduBufferCount { get; set; } = 1_024;

    public int PduBufferSize { get; set; } = 65_544;

    /// <summary>Follow the cleartext start of TLS connections on any port (and RDP's X.224 request on 3389).</summary>
    public bool InspectTls { get; set; } = true;
}
