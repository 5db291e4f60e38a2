namespace EdgeSensor.Publishing.Outbox;

/// <summary>What <see cref="RecordFrame.TryReadHeader"/> found at an offset.</summary>
internal enum FrameStatus
{
    Ok,
    Truncated,
    BadMagic,
    BadLength,
    BadCrc,
    BadFields,
}
