using System.IO.Ports;
using EdgeSensor.Status.IoModule;

namespace EdgeSensor.Tests.IoModule;

public class IoModuleSerialPortTests
{
    [Fact]
    public void Create_Is115200_8N1_NoFlowControl()
    {
        using var port = IoModuleSerialPort.Create("/dev/ttyUSB-edge-test");
        Assert.Equal((115200, System.IO.Ports.Parity.None, 8, StopBits.One, Handshake.None), (port.BaudRate, port.Parity, port.DataBits, port.StopBits, port.Handshake));
        Assert.False(port.DtrEnable);
        Assert.False(port.IsOpen);
    }

    [Fact]
    public void Open_MissingDevice_Throws()
    {
        var ex = Record.Exception(() => IoModuleSerialPort.Open("/dev/ttyUSB-edge-test-missing"));
        Assert.True(ex is IOException or UnauthorizedAccessException, $"got {ex?.GetType().Name ?? "no exception"}");
    }
}
