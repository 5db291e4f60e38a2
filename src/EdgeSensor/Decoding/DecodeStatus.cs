namespace EdgeSensor.Decoding;

/// <summary>
/// The outcome of every decoder call. Packet bytes never throw: a decoder answers with one of these,
/// and a <see cref="Malformed"/> answer comes with a protocol-specific reason enum.
/// </summary>
public enum DecodeStatus : byte
{
    /// <summary>A unit was decoded; the out values are valid.</summary>
    Ok = 0,

    /// <summary>The bytes are a prefix of a valid unit; nothing was consumed.</summary>
    NeedMoreData = 1,

    /// <summary>The bytes do not belong to this protocol (a cheap rejection test failed).</summary>
    NotThisProtocol = 2,

    /// <summary>The bytes claim to be this protocol but break its rules; see the reason.</summary>
    Malformed = 3,
}
