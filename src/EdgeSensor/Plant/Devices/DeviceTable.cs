using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Plant.Devices;

/// <summary>
/// Fixed-capacity table of devices keyed by IP address, slots updated by ref. When full, the device seen least
/// recently is evicted (and counted) so a scan of a /16 cannot exhaust the sensor. Frames addressed to an address
/// that is not a device yet wait in <see cref="Backlog"/> and are added to the device's received counters when it is added.
/// </summary>
public sealed class DeviceTable
{
    private readonly Dictionary<NetAddress, int> _index;
    private readonly Device[] _slots;
    private readonly DeviceProfile?[] _profiles;
    private int _count;

    /// <summary>Addresses whose received frames are held until they become devices, unless told otherwise.</summary>
    public const int DefaultBacklogCapacity = 4096;

    public DeviceTable(int capacity, int backlogCapacity = DefaultBacklogCapacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "device capacity must be positive");
        }

        _index = new Dictionary<NetAddress, int>(capacity);
        _slots = new Device[capacity];
        _profiles = new DeviceProfile?[capacity];
        Backlog = new ReceiveBacklog(backlogCapacity);
    }

    public int Count => _count;

    public int Capacity => _slots.Length;

    public long Evicted { get; private set; }

    /// <summary>What was addressed to unicast addresses that are not devices (yet).</summary>
    public ReceiveBacklog Backlog { get; }

    public ref Device this[int index] => ref _slots[index];

    /// <summary>The devices in use (indices 0..Count-1 are dense).</summary>
    public Span<Device> AsSpan() => _slots.AsSpan(0, _count);

    public bool TryFind(NetAddress address, out int index) => _index.TryGetValue(address, out index);

    /// <summary>
    /// Adds a device. When the table is full the least recently seen device is evicted; <paramref name="evicted"/> then
    /// tells which index was reused so relations pointing at it can be dropped. The new device starts with the frames
    /// held for its address in <see cref="Backlog"/> as received.
    /// </summary>
    public int Add(NetAddress address, long now, out int evicted)
    {
        evicted = -1;
        int index;
        if (_count < _slots.Length)
        {
            index = _count++;
        }
        else
        {
            index = Tables.LeastRecentlySeen.Index<Device>(_slots);

            _index.Remove(_slots[index].Address);
            _profiles[index] = null;
            evicted = index;
            Evicted++;
        }

        _index.Add(address, index);
        ref Device d = ref _slots[index];
        d = default;
        d.Address = address;
        d.FirstSeen = now;
        d.LastSeen = now;
        d.ProfileIndex = -1;
        Backlog.TryTake(address, out d.PacketsReceived, out d.BytesReceived);
        return index;
    }

    /// <summary>The identity record of a device, made on first need (rare: only when a device identifies itself).</summary>
    public DeviceProfile Profile(int index) => _profiles[index] ??= new DeviceProfile();

    public DeviceProfile? TryGetProfile(int index) => _profiles[index];

    /// <summary>Replaces the whole table (state loaded from disk).</summary>
    public void Load(ReadOnlySpan<Device> devices, IReadOnlyDictionary<int, DeviceProfile> profiles)
    {
        if (devices.Length > _slots.Length)
        {
            throw new InvalidDataException($"saved state holds {devices.Length} devices, more than the capacity {_slots.Length}");
        }

        _index.Clear();
        Array.Clear(_profiles);
        Backlog.Clear();
        devices.CopyTo(_slots);
        _count = devices.Length;
        for (int i = 0; i < _count; i++)
        {
            _index[_slots[i].Address] = i;
        }

        foreach (var (i, p) in profiles)
        {
            if ((uint)i < (uint)_count)
            {
                _profiles[i] = p;
            }
        }
    }
}
