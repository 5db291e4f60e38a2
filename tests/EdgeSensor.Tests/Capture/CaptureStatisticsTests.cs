using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeSensor.Capture;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Capture;

/// <summary>
/// libpcap's statistics through our seam, on the loopback interface: a live capture counts the frames the kernel
/// handed it, a file has no statistics, and a disposed source answers false instead of touching a closed handle.
/// </summary>
public sealed class CaptureStatisticsTests
{
    [Fact]
    public void A_live_capture_counts_what_the_kernel_handed_it()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var source = PcapSource.OpenLive("lo", $"udp dst port {port}");
        try
        {
            Assert.True(source.TryReadStatistics(out CaptureStatistics before));
            Assert.Equal((0L, 0L), (before.Received, before.KernelDropped));

            using var sender = new UdpClient();
            for (int i = 0; i < 10; i++)
            {
                sender.Send([1, 2, 3, (byte)i], new IPEndPoint(IPAddress.Loopback, port));
            }

            // Read until the interface has been quiet for half a second. On lo the packet socket gets each datagram
            // twice (going out and coming in) and the kernel counts both, while libpcap hands over only one copy.
            int frames = 0;
            var deadline = Stopwatch.StartNew();
            var quiet = Stopwatch.StartNew();
            while ((frames < 10 || quiet.Elapsed < TimeSpan.FromMilliseconds(500)) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (source.TryReadNext(out _) == CaptureReadStatus.Frame)
                {
                    frames++;
                    quiet.Restart();
                }
            }

            Assert.Equal(10, frames);
            Assert.True(source.TryReadStatistics(out CaptureStatistics after));
            Assert.InRange(after.Received, frames, 2 * frames);
            Assert.Equal(0, after.KernelDropped);
            Assert.NotNull(after.InterfaceDropped);   // lo has statistics files; its drops are its own
        }
        finally
        {
            source.Dispose();
        }

        Assert.False(source.TryReadStatistics(out _));
    }

    [Fact]
    public void A_capture_file_has_no_statistics()
    {
        using var source = PcapSource.OpenFile(SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap"));
        Assert.False(source.TryReadStatistics(out _));
    }
}
