namespace Collector.Storage;

/// <summary>Stable text of each <see cref="DeadLetterReason"/>, as stored and counted.</summary>
public static class DeadLetterReasons
{
    public static string Name(DeadLetterReason reason) => reason switch
    {
        DeadLetterReason.BadTopic => "bad-topic",
        DeadLetterReason.TopicNotClientIdentity => "topic-not-client-identity",
        DeadLetterReason.UnknownSensor => "unknown-sensor",
        DeadLetterReason.BadJson => "bad-json",
        DeadLetterReason.UnsupportedSchemaVersion => "unsupported-schema-version",
        DeadLetterReason.EnvelopeMismatch => "envelope-mismatch",
        _ => "unknown",
    };
}
