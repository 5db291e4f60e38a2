namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>
/// Per TCP direction: whether the next COTP payload continues a fragmented S7comm-plus PDU. A payload without
/// trailer opens (or continues) a fragmented PDU; one with a trailer closes it. Keep-alives and short payloads
/// leave it alone. Also remembers the opening payload's opcode and function so that continuations can be
/// attributed. Held by the lead's flow state and updated in place by <see cref="S7PlusDecoder.TryRead"/>.
/// </summary>
public struct S7PlusFragmentState
{
    /// <summary>True while inside a fragmented PDU (the last payload had no trailer).</summary>
    public bool InFragmentedPdu { get; internal set; }

    /// <summary>Opcode of the payload that opened the current fragmented PDU (0 if it had none).</summary>
    public byte OpenOpcode { get; internal set; }

    /// <summary>Function of the payload that opened the current fragmented PDU (0 if it had none).</summary>
    public ushort OpenFunction { get; internal set; }

    /// <summary>Continuation payloads seen in the current fragmented PDU.</summary>
    public int ContinuationCount { get; internal set; }

    /// <summary>Forgets everything (e.g. when the connection restarts).</summary>
    public void Reset() => this = default;
}
