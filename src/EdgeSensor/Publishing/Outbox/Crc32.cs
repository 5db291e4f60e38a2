namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// CRC-32/IEEE 802.3 (reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF; check value of "123456789" is
/// 0xCBF43926), table-driven. Written here because System.IO.Hashing is not among the project's central packages.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
