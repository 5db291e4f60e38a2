using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgeSensor.Capture;

/// <summary>
/// Whether a capture interface is a silent tap: a mirror or SPAN port the sensor's host has no address on, so the
/// kernel has nothing to answer, announce or ask there (firmware/sensor/TAP.md). <c>run</c> refuses an addressed
/// interface unless <c>capture.allowAddressedInterface</c>; <c>analyze</c> and <c>dissect</c> warn.
/// </summary>
public static class TapInterface
{
    /// <summary>What makes an interface a silent tap, for messages.</summary>
    public const string Hint = "a tap port has none (/usr/lib/edge-sensor/edge-tap-setup IFACE, see TAP.md)";

    /// <summary>
    /// The interface's unicast addresses, IPv4 and IPv6 (link-local included, a link-local one written
    /// <c>fe80::1%eth1</c>), as this process's network namespace sees them; null when there is no such interface here
    /// (the capture then fails to open and says so).
    /// </summary>
    public static IReadOnlyList<string>? Addresses(string interfaceName)
    {
        NetworkInterface[] all;
        try
        {
            all = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return null;
        }

        foreach (var ni in all)
        {
            if (ni.Name != interfaceName)
            {
                continue;
            }

            var addresses = new List<string>();
            foreach (var unicast in ni.GetIPProperties().UnicastAddresses)
            {
                IPAddress a = unicast.Address;
                addresses.Add(a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId != 0
                    ? $"{new IPAddress(a.GetAddressBytes())}%{interfaceName}"
                    : a.ToString());
            }

            return addresses;
        }

        return null;
    }

    /// <summary>
    /// Inbound only on a tap (no address: the host sends nothing there, and would it, that must not become part of
    /// the plant's picture); both directions on an interface with an address, which is a host's own NIC whose
    /// traffic is part of what is watched (a lab, a workstation).
    /// </summary>
    public static CaptureDirection DirectionFor(IReadOnlyList<string>? addresses) =>
        addresses is { Count: > 0 } ? CaptureDirection.Both : CaptureDirection.Inbound;

    /// <summary>"eth1 has addresses (10.0.0.5, fe80::1%eth1)".</summary>
    public static string Describe(string interfaceName, IReadOnlyList<string> addresses) =>
        $"{interfaceName} has {(addresses.Count == 1 ? "an address" : "addresses")} ({string.Join(", ", addresses)})";

    /// <summary>How a direction reads in the "capturing on" lines.</summary>
    public static string Text(CaptureDirection direction) =>
        direction == CaptureDirection.Inbound ? "inbound frames only" : "frames in both directions";
}
