namespace Edge.IoModule.Firmware
{
    /// <summary>Reported in every Status frame (offsets 0 and 1).</summary>
    public static class FirmwareVersion
    {
        public const byte Major = 1;
        public const byte Minor = 0;
    }
}
