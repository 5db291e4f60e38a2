// ───────────────────────────────────────────────────────────────────────────────────────────────────────────────
// NOT COMPILED HERE. This file needs nanoFramework.System.Device.Gpio, nanoFramework.System.IO.Ports and
// nanoFramework.Hardware.Esp32, which the NuGet feed of this build machine does not serve; IoModule.csproj removes Board/** from its compile-check. It is built only by the
// nanoFramework toolchain from nano/IoModule.nfproj (see README.md, "Building and flashing").
// ───────────────────────────────────────────────────────────────────────────────────────────────────────────────
using System;
using System.Device.Gpio;
using System.IO.Ports;
using Edge.IoModule.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Edge.IoModule.Firmware.Board
{
    /// <summary>
    /// Espressif ESP32-DevKitC V4 (ESP32-WROOM-32E), nanoFramework target ESP32_REV0 (or ESP32_REV3 for rev3 silicon).
    /// Pins avoid the strapping pins (0, 2, 5, 12, 15), the flash pins (6..11), UART0 (1, 3: nanoFramework's
    /// debug / deployment channel, COM1) and the input-only pins (34..39). Pin map: README.md, "Pin map".
    /// </summary>
    public sealed class Esp32Board : IPins, ISerialLink, IClock
    {
        public const int RunLedPin = 25;
        public const int NetLedPin = 26;
        public const int TapLedPin = 32;
        public const int AlarmLedPin = 33;

        /// <summary>Drives the relay's transistor / driver input, active high; the driver board has a pull-down so the relay is de-energised while the ESP32 is in reset or unflashed.</summary>
        public const int RelayPin = 23;

        /// <summary>Push button to GND, internal pull-up: low = pressed.</summary>
        public const int ButtonPin = 18;

        /// <summary>UART1 ("COM2" in nanoFramework) to the USB-UART bridge (3.3 V TTL).</summary>
        public const int UartTxPin = 17;
        public const int UartRxPin = 16;

        public const string PortName = "COM2";

        private readonly GpioController _gpio;
        private readonly GpioPin[] _leds;
        private readonly GpioPin _relay;
        private readonly GpioPin _button;
        private readonly SerialPort _port;
        private readonly long _startTicks;

        public Esp32Board()
        {
            _startTicks = DateTime.UtcNow.Ticks;
            _gpio = new GpioController();

            // Relay first, so it is driven de-energised before anything else can fail.
            _relay = _gpio.OpenPin(RelayPin, PinMode.Output);
            _relay.Write(PinValue.Low);

            _leds = new GpioPin[LedPatterns.LedCount];
            _leds[(int)Led.Run] = OpenLed(RunLedPin);
            _leds[(int)Led.Net] = OpenLed(NetLedPin);
            _leds[(int)Led.Tap] = OpenLed(TapLedPin);
            _leds[(int)Led.Alarm] = OpenLed(AlarmLedPin);

            _button = _gpio.OpenPin(ButtonPin, PinMode.InputPullUp);

            Configuration.SetPinFunction(UartRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(UartTxPin, DeviceFunction.COM2_TX);
            _port = new SerialPort(PortName, IoProtocol.BaudRate);
            _port.Parity = Parity.None;
            _port.DataBits = 8;
            _port.StopBits = StopBits.One;
            _port.Handshake = Handshake.None;
            _port.ReadTimeout = 50;
            _port.WriteTimeout = 100;
            _port.Open();
        }

        /// <summary>
        /// Milliseconds since start. The module has no network and never sets its clock, so nanoFramework's
        /// UtcNow (the ESP32's free-running timer plus a boot offset) only moves forward here; this avoids a
        /// dependency on nanoFramework.System.Diagnostics.Stopwatch.
        /// </summary>
        public long NowMs
        {
            get { return (DateTime.UtcNow.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond; }
        }

        public void SetLed(Led led, bool on)
        {
            _leds[(int)led].Write(on ? PinValue.High : PinValue.Low);
        }

        public void SetRelay(bool energised)
        {
            _relay.Write(energised ? PinValue.High : PinValue.Low);
        }

        public bool ReadButton()
        {
            return _button.Read() == PinValue.Low;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            // Only what is already there, so Read never waits for ReadTimeout.
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, available < count ? available : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        private GpioPin OpenLed(int pin)
        {
            GpioPin led = _gpio.OpenPin(pin, PinMode.Output);
            led.Write(PinValue.Low);
            return led;
        }
    }
}
