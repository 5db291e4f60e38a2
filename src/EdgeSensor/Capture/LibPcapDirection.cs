using System.Runtime.InteropServices;
using SharpPcap.LibPcap;

namespace EdgeSensor.Capture;

/// <summary>
/// libpcap's <c>pcap_setdirection</c>, which SharpPcap 6.3.1 does not expose, called on the open device's own
/// <c>pcap_t</c> (<see cref="PcapDevice.Handle"/>). The only P/Invoke into libpcap outside SharpPcap; it lives here,
/// beside <see cref="PcapSource"/>. The library is looked up by the names SharpPcap itself tries on Linux (Debian's
/// soname libpcap.so.0.8 first); dlopen gives back the copy SharpPcap already loaded.
/// </summary>
internal static class LibPcapDirection
{
    /// <summary><c>PCAP_D_IN</c> in pcap/pcap.h (<c>PCAP_D_INOUT</c> is 0, <c>PCAP_D_OUT</c> 2).</summary>
    private const int PcapDirectionIn = 1;

    /// <summary>Sets inbound-only capture on an activated live device; null when done, else why not.</summary>
    public static string? TrySetInbound(PcapDevice device)
    {
        PcapHandle handle = device.Handle;
        int rc;
        try
        {
            rc = SetDirectionSo08(handle, PcapDirectionIn);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            try
            {
                rc = SetDirectionSo1(handle, PcapDirectionIn);
            }
            catch (Exception e1) when (e1 is DllNotFoundException or EntryPointNotFoundException)
            {
                try
                {
                    rc = SetDirectionPlain(handle, PcapDirectionIn);
                }
                catch (Exception e2) when (e2 is DllNotFoundException or EntryPointNotFoundException)
                {
                    return $"pcap_setdirection not available ({e2.Message})";
                }
            }
        }

        return rc == 0 ? null : $"pcap_setdirection failed: {device.LastError}";
    }

    [DllImport("libpcap.so.0.8", EntryPoint = "pcap_setdirection")]
    private static extern int SetDirectionSo08(PcapHandle pcap, int direction);

    [DllImport("libpcap.so.1", EntryPoint = "pcap_setdirection")]
    private static extern int SetDirectionSo1(PcapHandle pcap, int direction);

    [DllImport("libpcap", EntryPoint = "pcap_setdirection")]
    private static extern int SetDirectionPlain(PcapHandle pcap, int direction);
}
