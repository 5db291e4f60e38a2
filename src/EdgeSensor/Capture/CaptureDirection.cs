namespace EdgeSensor.Capture;

/// <summary>Which frames a live capture takes from its interface.</summary>
public enum CaptureDirection
{
    /// <summary>
    /// Frames the interface received only (libpcap's <c>PCAP_D_IN</c>): all a tap or mirror port delivers. Anything
    /// the sensor's own host transmitted on it is not captured, so the host never shows up as a plant device.
    /// </summary>
    Inbound,

    /// <summary>Frames received and frames the host itself transmitted (an interface with an address, a host's own NIC).</summary>
    Both,
}
