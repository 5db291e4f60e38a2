namespace EdgeSensor.Plant.Connections;

/// <summary>Where a TCP connection (or UDP exchange) stands.</summary>
public enum ConnectionState : byte
{
    None = 0,

    /// <summary>SYN sent, no answer yet.</summary>
    SynSent,

    /// <summary>SYN answered by SYN-ACK.</summary>
    Established,

    /// <summary>Seen without its handshake (the capture started mid-connection).</summary>
    Midstream,

    /// <summary>Refused: RST in answer to the SYN.</summary>
    Refused,

    /// <summary>SYN never answered within the timeout.</summary>
    TimedOut,

    /// <summary>Reset after it was established.</summary>
    Reset,

    /// <summary>FIN in both directions.</summary>
    Closed,

    /// <summary>UDP: packets one way only so far.</summary>
    UdpOneWay,

    /// <summary>UDP: packets both ways.</summary>
    UdpAnswered,
}
