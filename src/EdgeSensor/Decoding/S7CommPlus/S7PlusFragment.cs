namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>Where one COTP payload sits in an S7comm-plus PDU (the reference's <c>s7p.fragment</c> column).</summary>
public enum S7PlusFragment : byte
{
    /// <summary>A whole PDU: header, data, trailer in one payload.</summary>
    Single = 0,

    /// <summary>Starts a PDU that continues in the next payload of the same direction (no trailer).</summary>
    First,

    /// <summary>Continues a PDU and is continued itself (no trailer).</summary>
    Middle,

    /// <summary>Ends a fragmented PDU (carries the trailer).</summary>
    Last,

    /// <summary>Version 0xFF: keep-alive.</summary>
    KeepAlive,

    /// <summary>Version 0xFE: extended keep-alive (TIA V14+).</summary>
    ExtendedKeepAlive,

    /// <summary>Fewer than the 4 header bytes.</summary>
    Short,
}
