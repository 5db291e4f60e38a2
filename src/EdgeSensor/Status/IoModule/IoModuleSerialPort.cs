using System.IO.Ports;
using Edge.IoModule;

namespace EdgeSensor.Status.IoModule;

/// <summary>
/// The serial settings of the I/O module link: 115200 8N1, no flow control. The module's USB-UART bridge shows up
/// as /dev/ttyUSB0 (CP210x, CH340, FTDI) or /dev/ttyACM0 (CDC-ACM); prefer the stable /dev/serial/by-id/ name.
/// Open the port, then hand <see cref="SerialPort.BaseStream"/> to <see cref="IoModuleLink"/>.
/// </summary>
public static class IoModuleSerialPort
{
    /// <summary>A configured, not yet opened port.</summary>
    public static SerialPort Create(string portName) => new(portName, IoProtocol.BaudRate, Parity.None, 8, StopBits.One)
    {
        Handshake = Handshake.None,
        DtrEnable = false,
        RtsEnable = false,
        ReadTimeout = SerialPort.InfiniteTimeout,
        WriteTimeout = 1000,
    };

    /// <summary>Creates and opens the port (throws IOException or UnauthorizedAccessException as SerialPort.Open does).</summary>
    public static SerialPort Open(string portName)
    {
        var port = Create(portName);
        try
        {
            port.Open();
            return port;
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
