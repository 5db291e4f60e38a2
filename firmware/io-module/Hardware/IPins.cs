namespace Edge.IoModule.Firmware.Hardware
{
    /// <summary>The module's digital I/O: four LEDs, the relay driver and the push button. Levels are logical (true = lit, energised, pressed); the board maps them to pin levels.</summary>
    public interface IPins
    {
        void SetLed(Led led, bool on);

        void SetRelay(bool energised);

        /// <summary>The raw, undebounced button level: true while pressed.</summary>
        bool ReadButton();
    }
}
