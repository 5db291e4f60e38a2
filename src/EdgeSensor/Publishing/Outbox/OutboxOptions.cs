namespace EdgeSensor.Publishing.Outbox;

/// <summary>Where the outbox lives and how large it may grow.</summary>
public sealed class OutboxOptions
{
    /// <summary>The folder holding the segment files and the acknowledgement journal; created if missing.</summary>
    public required string Directory { get; init; }

    /// <summary>The most bytes of pending records (framed, as on disk) kept before the least important are dropped.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>A segment file is closed and a new one started once it would grow past this.</summary>
    public int SegmentBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest framed record accepted; a longer length field on disk is treated as corruption.</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>Receives one line per recovery problem (corrupt tail: file and offset) and per corrupt read.</summary>
    public Action<string>? Log { get; init; }
}
