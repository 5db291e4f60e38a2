namespace Edge.Contracts.Assets;

/// <summary>One learned relation of the device: a peer, the protocol and server port, and what was done over it.</summary>
public sealed record PeerSummary
{
    public required string Peer { get; init; }

    public required string Protocol { get; init; }

    public required int ServerPort { get; init; }

    /// <summary>"client" when this device opened the relation, "server" when the peer did.</summary>
    public required string Direction { get; init; }

    public required long Packets { get; init; }

    public required long Bytes { get; init; }

    /// <summary>ICS functions used over this relation, e.g. "modbus:3", "s7:read-var", "s7:szl-0x0011".</summary>
    public required IReadOnlyList<string> Functions { get; init; }
}
