using System.Globalization;
using Edge.Contracts.Topics;

namespace Edge.Contracts.Messaging;

/// <summary>
/// The id of one published message: <c>&lt;sensor&gt;:&lt;run&gt;:&lt;sequence&gt;</c>, e.g. <c>s7-line1:1795881600000:42</c>.
/// <list type="bullet">
/// <item><c>run</c>: the sensor process's start time in Unix milliseconds, fixed for the life of the process;</item>
/// <item><c>sequence</c>: a counter from 1 within the run, taken when the message is created (before the outbox),
/// so a message keeps its id across retries and reconnects.</item>
/// </list>
/// Unique per sensor without persisted state (two runs of one sensor cannot start in the same millisecond), ordered
/// within a run, readable in logs. The collector deduplicates on it: at-least-once delivery becomes exactly-once storage.
/// Sensor ids never contain <c>:</c> (see <see cref="EdgeIds"/>), so the parts split unambiguously.
/// </summary>
public readonly record struct MessageId(string Sensor, long Run, long Sequence)
{
    public const char Separator = ':';

    /// <summary>Throws when the sensor id is invalid or run/sequence are negative or zero.</summary>
    public static MessageId Create(string sensor, long run, long sequence)
    {
        EdgeIds.ThrowIfInvalid(sensor, nameof(sensor));
        ArgumentOutOfRangeException.ThrowIfNegative(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return new MessageId(sensor, run, sequence);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Sensor}{Separator}{Run}{Separator}{Sequence}");

    /// <summary>Parses <c>&lt;sensor&gt;:&lt;run&gt;:&lt;sequence&gt;</c> (decimal, no sign, no spaces).</summary>
    public static bool TryParse(string? text, out MessageId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> span = text;
        Span<Range> parts = stackalloc Range[4];
        if (span.Split(parts, Separator) != 3)
        {
            return false;
        }

        string sensor = text[parts[0]];
        if (!EdgeIds.IsValid(sensor)
            || !TryParseCounter(span[parts[1]], out long run)
            || !TryParseCounter(span[parts[2]], out long sequence)
            || sequence == 0)
        {
            return false;
        }

        id = new MessageId(sensor, run, sequence);
        return true;
    }

    private static bool TryParseCounter(ReadOnlySpan<char> digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
