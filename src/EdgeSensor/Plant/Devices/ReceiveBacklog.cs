using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Plant.Devices;

/// <summary>
/// Frames addressed to unicast IPs that are not devices (yet), counted per address and handed over when the address
/// becomes a device (<see cref="DeviceTable.Add"/>). A device's received counters thereby cover every frame addressed
/// to it, also those before it first sent: the SYN of its first connection, the request it answers in a capture that
/// starts mid-connection, the probe it answers with a RST. Addresses that never send stay here and never become
/// devices. Fixed capacity: when full, an address not seen since the clock hand last passed it is dropped and counted
/// (<see cref="Evicted"/>): second-chance (clock) eviction, O(1) amortised per frame, so a scan of addresses that never
/// answer can neither grow it nor make each frame scan the table. Not saved with the plant state.
/// </summary>
public sealed class ReceiveBacklog
{
    private readonly Dictionary<NetAddress, int> _index;
    private readonly Entry[] _entries;
    private int _count;
    private int _hand;

    /// <param name="capacity">Addresses held at most; 0 turns the backlog off (frames before a device's first send are not counted).</param>
    public ReceiveBacklog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _index = new Dictionary<NetAddress, int>(capacity);
        _entries = new Entry[capacity];
    }

    public int Count => _count;

    public int Capacity => _entries.Length;

    /// <summary>Addresses dropped (with their counts) to make room for another.</summary>
    public long Evicted { get; private set; }

    /// <summary>Counts one frame of <paramref name="bytes"/> addressed to <paramref name="address"/>.</summary>
    public void Add(NetAddress address, int bytes, long now)
    {
        if (_index.TryGetValue(address, out int i))
        {
            ref Entry e = ref _entries[i];
            e.Packets++;
            e.Bytes += bytes;
            e.LastSeen = now;
            e.Referenced = true;
            return;
        }

        if (_entries.Length == 0)
        {
            return;
        }

        if (_count < _entries.Length)
        {
            i = _count++;
        }
        else
        {
            i = Victim();
            _index.Remove(_entries[i].Address);
            Evicted++;
        }

        _entries[i] = new Entry { Address = address, Packets = 1, Bytes = bytes, LastSeen = now };
        _index.Add(address, i);
    }

    /// <summary>Removes the address and gives what it received so far; false (and zeros) when nothing is held for it.</summary>
    public bool TryTake(NetAddress address, out long packets, out long bytes)
    {
        if (!_index.Remove(address, out int i))
        {
            packets = 0;
            bytes = 0;
            return false;
        }

        packets = _entries[i].Packets;
        bytes = _entries[i].Bytes;
        int last = --_count;
        if (i != last)
        {
            _entries[i] = _entries[last];
            _index[_entries[i].Address] = i;
        }

        _entries[last] = default;
        return true;
    }

    /// <summary>The clock hand's next entry not seen since it last passed (at most two turns of the hand).</summary>
    private int Victim()
    {
        while (true)
        {
            ref Entry e = ref _entries[_hand];
            int here = _hand;
            _hand = _hand + 1 == _entries.Length ? 0 : _hand + 1;
            if (!e.Referenced)
            {
                return here;
            }

            e.Referenced = false;
        }
    }

    public void Clear()
    {
        _index.Clear();
        Array.Clear(_entries);
        _count = 0;
        _hand = 0;
    }

    private struct Entry
    {
        public NetAddress Address;
        public long Packets;
        public long Bytes;
        public long LastSeen;

        /// <summary>Seen again since the clock hand last passed.</summary>
        public bool Referenced;
    }
}
