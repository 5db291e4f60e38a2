namespace EdgeSensor.Publishing.Outbox;

internal static class SeverityBands
{
    public const int Count = 5;

    public static OutboxSeverityBand Of(byte severity) =>
        severity >= 80 ? OutboxSeverityBand.Critical : (OutboxSeverityBand)(severity / 20);
}
