namespace Edge.IoModule
{
    /// <summary>
    /// CRC-16/CCITT-FALSE (Reveng catalogue name; "CRC-16/IBM-3740"): width 16, poly 0x1021, init 0xFFFF,
    /// refin false, refout false, xorout 0x0000, check ("123456789") 0x29B1.
    /// Bitwise rather than table driven: frames are at most 39 bytes and the table would cost nano 512 bytes of RAM.
    /// </summary>
    public static class Crc16CcittFalse
    {
        public const ushort Initial = 0xFFFF;
        public const ushort Polynomial = 0x1021;

        public static ushort Compute(byte[] data, int offset, int count)
        {
            ushort crc = Initial;
            for (int i = 0; i < count; i++)
            {
                crc = Update(crc, data[offset + i]);
            }

            return crc;
        }

        public static ushort Update(ushort crc, byte value)
        {
            int c = crc ^ (value << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 0x8000) != 0 ? (c << 1) ^ Polynomial : c << 1;
            }

            return (ushort)c;
        }
    }
}
