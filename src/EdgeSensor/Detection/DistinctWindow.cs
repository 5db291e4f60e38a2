namespace EdgeSensor.Detection;

/// <summary>Distinct keys seen within a window of capture time (scan targets, failed peers, function codes); bounded.</summary>
public sealed class DistinctWindow
{
    public const int MaxKeys = 4096;

    private readonly HashSet<ulong> _keys = [];

    public long Start { get; private set; }

    public long Events { get; private set; }

    public int Count => _keys.Count;

    /// <summary>Adds a key at <paramref name="now"/>; the window restarts when it has run out. True when the key is new.</summary>
    public bool Add(ulong key, long now, long windowMicros)
    {
        if (now - Start > windowMicros)
        {
            _keys.Clear();
            Events = 0;
            Start = now;
        }

        Events++;
        return _keys.Count < MaxKeys && _keys.Add(key);
    }
}
