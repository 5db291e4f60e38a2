using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EdgeSensor.Plant.Identity;

// Embedded data file oui.tsv.gz (tools/oui/README.md): gzip'd UTF-8 text, '#' comment lines, then
//   PREFIX TAB Vendor
// PREFIX is 6 (MA-L, 24-bit OUI), 7 (MA-M, 28-bit) or 9 (MA-S, 36-bit) hex digits. MA-M and MA-S blocks
// subdivide an MA-L block registered to "IEEE Registration Authority", so the longest prefix wins.
// MAC address bits (IEEE 802-2014 8.2.2): in the first octet, bit 0 (0x01) is I/G, group (multicast) address;
// bit 1 (0x02) is U/L, locally administered (randomised MACs of phones and VMs, MACs set by an admin).

/// <summary>
/// Vendor of a MAC address from the IEEE registries: three sorted key arrays (one per prefix length) and a
/// parallel index into one table of distinct vendor names. Loaded once; lookups allocate nothing and return a
/// string of that table (or <see cref="LocallyAdministered"/>). Thread-safe after construction.
/// </summary>
public sealed class OuiTable
{
    /// <summary>Answer for a unicast address with the U/L bit set: no vendor is registered for it.</summary>
    public const string LocallyAdministered = "locally administered";

    /// <summary>Name of the embedded data file.</summary>
    public const string ResourceName = "EdgeSensor.Plant.Identity.oui.tsv.gz";

    private const ulong GroupBit = 0x01_00_00_00_00_00UL;
    private const ulong LocalBit = 0x02_00_00_00_00_00UL;
    private const ulong Mac48Mask = 0xFFFF_FFFF_FFFFUL;

    private static readonly Lazy<OuiTable> DefaultLazy = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    // Keys are the prefix value (24, 28 or 36 bits); values index _names.
    private readonly uint[] _largeKeys;
    private readonly ushort[] _largeNames;
    private readonly uint[] _mediumKeys;
    private readonly ushort[] _mediumNames;
    private readonly ulong[] _smallKeys;
    private readonly ushort[] _smallNames;
    private readonly string[] _names;

    private OuiTable(uint[] largeKeys, ushort[] largeNames, uint[] mediumKeys, ushort[] mediumNames,
        ulong[] smallKeys, ushort[] smallNames, string[] names)
    {
        _largeKeys = largeKeys;
        _largeNames = largeNames;
        _mediumKeys = mediumKeys;
        _mediumNames = mediumNames;
        _smallKeys = smallKeys;
        _smallNames = smallNames;
        _names = names;
    }

    /// <summary>The table embedded in the sensor, loaded on first use.</summary>
    public static OuiTable Default => DefaultLazy.Value;

    /// <summary>Number of registered prefixes (all three lengths).</summary>
    public int Count => _largeKeys.Length + _mediumKeys.Length + _smallKeys.Length;

    /// <summary>Number of distinct vendor names.</summary>
    public int VendorCount => _names.Length;

    /// <summary>
    /// Vendor of a 48-bit MAC address (as <c>PacketInfo.SourceMac</c>: first octet in bits 40..47).
    /// Null for group (multicast, broadcast) addresses, the 00:00:00 block (registered to Xerox in 1988, but in traffic
    /// a placeholder: the all-zero address, rewritten captures, simulators' 00:00:00:00:00:01; Wireshark's manuf names
    /// it only "00:00:00" for that reason) and unregistered prefixes; <see cref="LocallyAdministered"/> for locally administered unicast.
    /// </summary>
    public string? Lookup(ulong mac)
    {
        mac &= Mac48Mask;
        if ((mac >> 24) == 0 || (mac & GroupBit) != 0)
        {
            return null;
        }

        if ((mac & LocalBit) != 0)
        {
            return LocallyAdministered;
        }

        int i = _smallKeys.AsSpan().BinarySearch(mac >> 12);
        if (i >= 0)
        {
            return _names[_smallNames[i]];
        }

        i = _mediumKeys.AsSpan().BinarySearch((uint)(mac >> 20));
        if (i >= 0)
        {
            return _names[_mediumNames[i]];
        }

        i = _largeKeys.AsSpan().BinarySearch((uint)(mac >> 24));
        return i >= 0 ? _names[_largeNames[i]] : null;
    }

    /// <summary>Vendor of a MAC address given as 6 bytes in wire order; null as <see cref="Lookup(ulong)"/>, or when not 6 bytes.</summary>
    public string? Lookup(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6)
        {
            return null;
        }

        ulong value = 0;
        for (int i = 0; i < 6; i++)
        {
            value = (value << 8) | mac[i];
        }

        return Lookup(value);
    }

    /// <summary>True when <paramref name="mac"/> has a registered vendor (not locally administered, not a group address).</summary>
    public bool TryGetVendor(ulong mac, out string vendor)
    {
        string? found = Lookup(mac);
        if (found is null || ReferenceEquals(found, LocallyAdministered))
        {
            vendor = string.Empty;
            return false;
        }

        vendor = found;
        return true;
    }

    /// <summary>Loads a table from a gzip'd stream in the format above. Throws on a malformed file: it is our own data.</summary>
    public static OuiTable Load(Stream gzip)
    {
        ArgumentNullException.ThrowIfNull(gzip);
        ReadOnlySpan<char> text = Inflate(gzip);

        // Only distinct names become strings (about 31k of 54k lines); the lookup by span avoids a string per line.
        var names = new Dictionary<string, ushort>(32_768, StringComparer.Ordinal);
        var byName = names.GetAlternateLookup<ReadOnlySpan<char>>();
        var nameList = new List<string>(32_768);
        var large = new List<(uint Key, ushort Name)>(48_000);
        var medium = new List<(uint Key, ushort Name)>(8_000);
        var small = new List<(ulong Key, ushort Name)>(8_000);
        int lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            int end = text.IndexOf('\n');
            ReadOnlySpan<char> line = end < 0 ? text : text.Slice(0, end);
            text = end < 0 ? default : text.Slice(end + 1);
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            int tab = line.IndexOf('\t');
            if (tab is not (6 or 7 or 9) || tab == line.Length - 1
                || !ulong.TryParse(line.Slice(0, tab), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong key))
            {
                throw new InvalidDataException($"OUI table line {lineNumber}: expected PREFIX<TAB>Vendor");
            }

            ReadOnlySpan<char> name = line.Slice(tab + 1);
            if (!byName.TryGetValue(name, out ushort index))
            {
                if (nameList.Count > ushort.MaxValue)
                {
                    throw new InvalidDataException("OUI table: more than 65536 distinct vendor names");
                }

                index = (ushort)nameList.Count;
                string s = name.ToString();
                names.Add(s, index);
                nameList.Add(s);
            }

            switch (tab)
            {
                case 6:
                    large.Add(((uint)key, index));
                    break;
                case 7:
                    medium.Add(((uint)key, index));
                    break;
                default:
                    small.Add((key, index));
                    break;
            }
        }

        // The generator sorts, but the lookup's correctness must not depend on it.
        Split(large, out uint[] largeKeys, out ushort[] largeNames);
        Split(medium, out uint[] mediumKeys, out ushort[] mediumNames);
        small.Sort((a, b) => a.Key.CompareTo(b.Key));
        var smallKeys = new ulong[small.Count];
        var smallNames = new ushort[small.Count];
        for (int i = 0; i < small.Count; i++)
        {
            (smallKeys[i], smallNames[i]) = small[i];
        }

        return new OuiTable(largeKeys, largeNames, mediumKeys, mediumNames, smallKeys, smallNames, nameList.ToArray());
    }

    private static void Split(List<(uint Key, ushort Name)> entries, out uint[] keys, out ushort[] names)
    {
        entries.Sort((a, b) => a.Key.CompareTo(b.Key));
        keys = new uint[entries.Count];
        names = new ushort[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            (keys[i], names[i]) = entries[i];
        }
    }

    private static char[] Inflate(Stream gzip)
    {
        using var inflate = new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true);
        using var bytes = new MemoryStream(2 * 1024 * 1024);
        inflate.CopyTo(bytes);
        ReadOnlySpan<byte> utf8 = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        var chars = new char[Encoding.UTF8.GetCharCount(utf8)];
        Encoding.UTF8.GetChars(utf8, chars);
        return chars;
    }

    private static OuiTable LoadEmbedded()
    {
        using Stream stream = typeof(OuiTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
        return Load(stream);
    }
}
