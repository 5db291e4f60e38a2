using EdgeSensor.Capture;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Identity;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Identity;

public sealed class OuiTableTests
{
    private static readonly OuiTable Table = OuiTable.Default;

    [Theory]
    // Vendors of the MACs in ../shared/pcaps; the comment is tshark's eth.src_resolved (manuf short name) for
    // `tshark -N m -r F -T fields -e eth.src -e eth.src_resolved`. Names are as the IEEE registers them.
    [InlineData(0x001B1B01952FUL, "Siemens AG")]                        // Siemens_01:95:2f (wincc-s400)
    [InlineData(0x000E8CD0F9CBUL, "Siemens AG")]                        // Siemens_d0:f9:cb (snap7/tia s300)
    [InlineData(0x001C0608E7DBUL, "Siemens Numerical Control Ltd., Nanjing")] // SiemensN_08:e7:db
    [InlineData(0x00005414F24FUL, "Schneider Electric")]                // Schneide_14:f2:4f
    [InlineData(0x000417022388UL, "Schneider Electric")]                // Schneide_02:23:88
    [InlineData(0x0000BC5F48FAUL, "Rockwell Automation")]               // Rockwell_5f:48:fa (mixed plant1)
    [InlineData(0x00077C1A6183UL, "Westermo Network Technologies AB")]  // Westermo_1a:61:83 (fc43-14)
    [InlineData(0x00E062405766UL, "HOST ENGINEERING")]                  // HostEngi_40:57:66 (fc43-14)
    [InlineData(0x000ADC5B27A0UL, "RuggedCom Inc.")]                    // RuggedCo_5b:27:a0
    [InlineData(0x000C29C14992UL, "VMware, Inc.")]                      // VMware_c1:49:92
    [InlineData(0x90E6BA845E41UL, "ASUSTek COMPUTER INC.")]             // ASUSTekC_84:5e:41 (read-plc-status)
    [InlineData(0x040E3C1F4BC1UL, "HP Inc.")]                           // HP_1f:4b:c1
    [InlineData(0x0080F4000001UL, "TELEMECANIQUE ELECTRIQUE")]          // not in the captures: Schneider's Telemecanique block
    public void Registered_vendors(ulong mac, string vendor)
    {
        Assert.Equal(vendor, Table.Lookup(mac));
        Assert.True(Table.TryGetVendor(mac, out string found));
        Assert.Equal(vendor, found);
    }

    [Fact]
    public void Span_lookup_reads_wire_order()
    {
        Assert.Equal("Siemens AG", Table.Lookup([0x00, 0x1b, 0x1b, 0x23, 0xeb, 0x3b]));
        Assert.Null(Table.Lookup([0x00, 0x1b, 0x1b]));
    }

    [Fact]
    public void Longest_prefix_wins_for_ma_m_and_ma_s_blocks()
    {
        // 00:55:DA is an MA-L block of the IEEE Registration Authority, subdivided into MA-M blocks (oui-data keys
        // 0055DA0.. ); 70:B3:D5 is subdivided into MA-S blocks (9 hex digits).
        Assert.Equal("Shinko Technos co.,ltd.", Table.Lookup(0x0055DA012345UL));
        Assert.Equal("SOREDI touch systems GmbH", Table.Lookup(0x70B3D5001123UL));
        // 70:B3:D5:00:0x has no MA-S entry: the MA-L owner answers.
        Assert.Equal("IEEE Registration Authority", Table.Lookup(0x70B3D5000123UL));
    }

    [Theory]
    [InlineData(0x5A0C296B2D28UL)] // 5a: U/L bit set (tshark leaves it unresolved)
    [InlineData(0x020000000001UL)]
    [InlineData(0xDA1234567890UL)] // a randomised (private) MAC of a phone
    public void Locally_administered_unicast(ulong mac)
    {
        Assert.Equal(OuiTable.LocallyAdministered, Table.Lookup(mac));
        Assert.False(Table.TryGetVendor(mac, out _));
    }

    [Theory]
    [InlineData(0x000000000000UL)] // placeholder of rewritten captures (s7ident, icsnpp)
    [InlineData(0xFFFFFFFFFFFFUL)] // broadcast
    [InlineData(0x01005E000001UL)] // IPv4 multicast
    [InlineData(0x010ECF000000UL)] // PROFINET multicast
    [InlineData(0x2500297A2D28UL)] // I/G bit set, seen as a source in a capture (tshark: unresolved)
    [InlineData(0x00FFE60F408DUL)] // unassigned prefix (tshark: unresolved)
    public void No_vendor(ulong mac)
    {
        Assert.Null(Table.Lookup(mac));
        Assert.False(Table.TryGetVendor(mac, out _));
    }

    [Fact]
    public void Table_holds_all_three_registries()
    {
        Assert.Equal(53_730, Table.Count);
        Assert.Equal(30_658, Table.VendorCount);
    }

    [Fact]
    public void Lookup_allocates_nothing()
    {
        ulong[] macs = [0x001B1B01952FUL, 0x0055DA012345UL, 0x70B3D5000123UL, 0x5A0C296B2D28UL, 0x00FFE60F408DUL, 0];
        // Warm up the same loop first: tiered JIT (on-stack replacement) may allocate on this thread the first time.
        Assert.True(LookupMany(Table, macs) > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = LookupMany(Table, macs);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(found > 0);
    }

    private static int LookupMany(OuiTable table, ulong[] macs)
    {
        int found = 0;
        for (int i = 0; i < 10_000; i++)
        {
            found += table.Lookup(macs[i % macs.Length]) is null ? 0 : 1;
        }

        return found;
    }

    [Fact]
    public void Every_source_mac_in_the_shared_captures_resolves_exactly_when_tshark_resolves_it()
    {
        // The oracle is tshark itself, asked at test time over every shared capture (`tshark -N m -e eth.src
        // -e eth.src_resolved`): a MAC "resolves" in tshark when eth.src_resolved names a vendor. Its manuf file
        // lists the all-zero block 00:00:00 under the "name" 00:00:00, which names nothing.
        var tshark = new Dictionary<ulong, string>();
        foreach (string[] row in Tshark.FieldsOfAllCaptures(["-N", "m", "-Y", "eth"], "eth.src", "eth.src_resolved"))
        {
            if (row.Length == 2 && TryParseMac(row[0], out ulong mac))
            {
                tshark[mac] = row[1];
            }
        }

        var seen = new HashSet<ulong>();
        foreach (string capture in SharedData.AllCaptures())
        {
            using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
            if (source.LinkType != LinkType.Ethernet)
            {
                continue;
            }

            while (source.TryReadNext(out CapturedFrame frame) == CaptureReadStatus.Frame)
            {
                if (frame.Data.Length >= 12)
                {
                    ulong mac = 0;
                    foreach (byte b in frame.Data.Slice(6, 6))
                    {
                        mac = (mac << 8) | b;
                    }

                    seen.Add(mac);
                }
            }
        }

        Assert.True(seen.Count > 100, $"only {seen.Count} source MACs");
        var disagreements = new List<string>();
        foreach (ulong mac in seen.Order())
        {
            Assert.True(tshark.TryGetValue(mac, out string? resolved), $"{mac:X12}: tshark did not see this source MAC");
            string vendorPart = resolved!.Split('_')[0];
            bool tsharkResolves = !string.Equals(resolved, FormatMac(mac), StringComparison.OrdinalIgnoreCase)
                && !string.Equals(vendorPart, FormatMac(mac)[..8], StringComparison.OrdinalIgnoreCase);
            bool ours = Table.TryGetVendor(mac, out _);
            if (ours != tsharkResolves)
            {
                disagreements.Add($"{mac:X12}: tshark {resolved}, ours {Table.Lookup(mac) ?? "none"}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("; ", disagreements));
    }

    private static bool TryParseMac(string text, out ulong mac)
    {
        mac = 0;
        string hex = text.Replace(":", string.Empty, StringComparison.Ordinal);
        return hex.Length == 12 && ulong.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out mac);
    }

    private static string FormatMac(ulong mac) =>
        string.Join(':', Enumerable.Range(0, 6).Select(i => ((mac >> (40 - (8 * i))) & 0xFF).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Malformed_table_is_rejected()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write("# comment\n001B1B\tSiemens AG\nXYZ\tbad\n"u8);
        }

        ms.Position = 0;
        Assert.Throws<InvalidDataException>(() => OuiTable.Load(ms));
    }
}
