using System.Text.RegularExpressions;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Capture;

/// <summary>
/// A tripwire, not the proof: the sensor's source calls no libpcap/SharpPcap send or inject API and opens no raw
/// socket, and its one P/Invoke into libpcap (pcap_setdirection) stays in Capture/. The proof that nothing leaves the
/// tap is measured on the wire: <c>Tap/TapSilenceTests</c>.
/// </summary>
public sealed partial class NoTransmitSourceTests
{
    [Fact]
    public void The_sensor_source_calls_no_send_or_inject_api()
    {
        string root = Path.Combine(SharedData.RepoRoot, "src", "EdgeSensor");
        var hits = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            string relative = Path.GetRelativePath(root, file);
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (SendApi().IsMatch(line))
                {
                    hits.Add($"{relative}:{i + 1}: {line.Trim()}");
                }

                if (LibPcapImport().IsMatch(line) && !relative.StartsWith($"Capture{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    hits.Add($"{relative}:{i + 1}: libpcap P/Invoke outside Capture/: {line.Trim()}");
                }
            }
        }

        Assert.True(hits.Count == 0, string.Join('\n', hits));
    }

    /// <summary>SharpPcap's SendPacket/SendQueue, libpcap's pcap_sendpacket/pcap_inject, raw and packet sockets.</summary>
    [GeneratedRegex(@"\bSendPacket\b|\bSendQueue\b|pcap_sendpacket|pcap_inject|\bInject\s*\(|SocketType\.Raw|ProtocolType\.Raw|AddressFamily\.Packet")]
    private static partial Regex SendApi();

    [GeneratedRegex(@"DllImport\(\s*""(lib)?w?pcap")]
    private static partial Regex LibPcapImport();
}
