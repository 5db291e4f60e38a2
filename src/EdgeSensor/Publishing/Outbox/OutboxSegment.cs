using System.Globalization;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>One append-only segment file, <c>seg-{first sequence, 19 digits}.log</c>, and how many of its records are still pending.</summary>
internal sealed class OutboxSegment(long id, string path, long length)
{
    public const string Prefix = "seg-";
    public const string Suffix = ".log";

    /// <summary>Names the segment; increases with each new segment (the next sequence when it was opened, or higher).</summary>
    public long Id { get; } = id;

    public string Path { get; } = path;

    /// <summary>Bytes of valid frames (the file is truncated to this on recovery when it is the last segment).</summary>
    public long Length { get; set; } = length;

    public int Live { get; set; }

    /// <summary>Bytes of the segment's pending frames; a sealed segment mostly dead is copied forward when disk use runs over.</summary>
    public long LiveBytes { get; set; }

    public static string FileNameFor(long id) => Prefix + id.ToString("D19", CultureInfo.InvariantCulture) + Suffix;

    public static bool TryParseId(string fileName, out long id)
    {
        id = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal)
            && fileName.EndsWith(Suffix, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
