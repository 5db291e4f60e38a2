using System.Threading;
using Edge.IoModule.Firmware.Hardware;

namespace Edge.IoModule.Firmware
{
    /// <summary>
    /// The firmware's main loop, written against <see cref="IPins"/>, <see cref="ISerialLink"/> and
    /// <see cref="IClock"/> so it compiles against mscorlib alone and runs in tests with fakes. One pass reads what
    /// the UART holds, ticks the state machine, writes the pins and sends a due Status frame.
    /// </summary>
    public sealed class ModuleLoop
    {
        /// <summary>10 ms: well inside the 30 ms debounce and the 50 ms Flash pulse, and about 3 frames of UART time.</summary>
        public const int PeriodMs = 10;

        private readonly IPins _pins;
        private readonly ISerialLink _serial;
        private readonly IClock _clock;
        private readonly ModuleStateMachine _machine;
        private readonly byte[] _rx = new byte[64];
        private readonly byte[] _tx = new byte[IoProtocol.MaxEncodedFrameLength];

        public ModuleLoop(IPins pins, ISerialLink serial, IClock clock)
        {
            _pins = pins;
            _serial = serial;
            _clock = clock;
            _machine = new ModuleStateMachine(clock.NowMs, FirmwareVersion.Major, FirmwareVersion.Minor);
            WriteOutputs();
        }

        public ModuleStateMachine Machine
        {
            get { return _machine; }
        }

        /// <summary>Runs forever: the module has nothing else to do.</summary>
        public void Run()
        {
            while (true)
            {
                RunOnce();
                Thread.Sleep(PeriodMs);
            }
        }

        public void RunOnce()
        {
            long now = _clock.NowMs;

            // Bounded: at most 4 reads (256 bytes, ~22 ms at 115200) per pass, so a flood cannot starve the LEDs.
            for (int i = 0; i < 4; i++)
            {
                int n = _serial.Read(_rx, 0, _rx.Length);
                if (n <= 0)
                {
                    break;
                }

                _machine.OnReceived(_rx, 0, n, now);
            }

            _machine.Tick(now, _pins.ReadButton());
            WriteOutputs();

            int length = _machine.TakeStatusFrame(_tx, 0);
            if (length > 0)
            {
                _serial.Write(_tx, 0, length);
            }
        }

        private void WriteOutputs()
        {
            _pins.SetLed(Led.Run, _machine.IsLedOn(Led.Run));
            _pins.SetLed(Led.Net, _machine.IsLedOn(Led.Net));
            _pins.SetLed(Led.Tap, _machine.IsLedOn(Led.Tap));
            _pins.SetLed(Led.Alarm, _machine.IsLedOn(Led.Alarm));
            _pins.SetRelay(_machine.RelayEnergised);
        }
    }
}
