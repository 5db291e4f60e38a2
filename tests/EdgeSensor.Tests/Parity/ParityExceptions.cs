using EdgeSensor.Dissect;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Parity;

/// <summary>
/// parity-exceptions.tsv: PDUs where we keep our behaviour because we believe Wireshark is wrong, each with the
/// reason. Columns: capture, protocol (modbus|s7), frame/pdu_in_frame, reason. Lines starting with # are comments.
/// </summary>
public sealed class ParityExceptions
{
    private readonly Dictionary<(string, DissectProtocol, string), string> _reasons = [];

    public static ParityExceptions Load()
    {
        var result = new ParityExceptions();
        string path = Path.Combine(SharedData.RepoRoot, "tests", "EdgeSensor.Tests", "Parity", "parity-exceptions.tsv");
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] p = line.Split('\t');
            var protocol = p[1] == "modbus" ? DissectProtocol.Modbus : DissectProtocol.S7;
            result._reasons[(p[0], protocol, p[2])] = p[3];
        }

        return result;
    }

    public string? Reason(string capture, DissectProtocol protocol, string key) =>
        _reasons.TryGetValue((capture, protocol, key), out string? r) ? r : null;
}
