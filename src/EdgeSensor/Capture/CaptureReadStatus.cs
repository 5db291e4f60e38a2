namespace EdgeSensor.Capture;

/// <summary>What one read from a capture source gave.</summary>
public enum CaptureReadStatus : byte
{
    /// <summary>A frame was read; its bytes are valid until the next read.</summary>
    Frame = 0,

    /// <summary>A live source had nothing within its read timeout; call again.</summary>
    Timeout = 1,

    /// <summary>A file source reached its end.</summary>
    EndOfCapture = 2,

    /// <summary>The source failed; see the source's LastError.</summary>
    Error = 3,
}
