using System.Globalization;
using System.Text;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>
/// Every capture in ../shared/pcaps: the TLS and RDP facts found by our decoders equal tshark's counts in
/// reference/summary.tsv (tls_client_hello, tls_ch_with_sni, tls_ch_without_sni, tls_distinct_leaf_certs,
/// tls_self_signed_leaf_certs, rdp_conn_requests, rdp_cookies). Self-signed here is our stricter rule (subject ==
/// issuer and the signature verifies with the certificate's own key); tshark's reference used subject == issuer text.
/// The comparison table is written to artifacts/tls-rdp-counts.tsv.
/// </summary>
public sealed class TlsCaptureCountTests
{
    private static readonly string[] Columns =
        ["tls_client_hello", "tls_ch_with_sni", "tls_ch_without_sni", "tls_distinct_leaf_certs", "tls_self_signed_leaf_certs", "rdp_conn_requests", "rdp_cookies"];

    /// <summary>
    /// Where our decoder is right and tshark's default dissection is not, with the evidence. In
    /// rdp_tls-security_cookie.pcap the server selects PROTOCOL_SSL and both connections continue with TLS inside the
    /// TCP stream on 3389; tshark 4.0 with default preferences shows those segments as "TPKT Continuation" and finds no
    /// TLS. `tshark -d tcp.port==3389,tls` shows 2 ClientHellos (SNI "192.168.1.150") and the same Certificate twice,
    /// whose leaf (CN=WIN2K8R2.awakecoding.ath.cx, subject == issuer) `openssl verify -no_check_time -CAfile leaf.pem
    /// leaf.pem` accepts: self-signed.
    /// The other two are content on a port tshark binds to another protocol (we decode by content, not by port):
    /// modbus_and-non-modbus-on-port-502.pcap frame 80 is a scanner's RDP X.224 CR sent to 502; with
    /// `-d tcp.port==502,tpkt` tshark shows "Cookie: mstshash=admin, Negotiate Request" (requestedProtocols 0x1).
    /// scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap frames 171 and 207 are nmap's SSLv3/TLS 1.2 ClientHellos
    /// (no SNI) to 5020, which the reference decodes as Modbus (`-d tcp.port==5020,mbtcp`); with
    /// `-d tcp.port==5020,tls` tshark shows both as Client Hello, besides frames 119 and 133 on 10201. Likewise frame
    /// 187 is nmap's RDP probe to 5020: with `-d tcp.port==5020,tpkt` tshark shows "Cookie: mstshash=nmap" there too,
    /// besides frame 125 on 10201.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Overrides = new(StringComparer.Ordinal)
    {
        ["rdp_tls-security_cookie.pcap"] = new(StringComparer.Ordinal)
        {
            ["tls_client_hello"] = "2",
            ["tls_ch_with_sni"] = "2",
            ["tls_ch_without_sni"] = "0",
            ["tls_distinct_leaf_certs"] = "1",
            ["tls_self_signed_leaf_certs"] = "1",
        },
        ["modbus_and-non-modbus-on-port-502.pcap"] = new(StringComparer.Ordinal)
        {
            ["rdp_conn_requests"] = "1",
            ["rdp_cookies"] = "mstshash=admin:1",
        },
        ["scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap"] = new(StringComparer.Ordinal)
        {
            ["tls_client_hello"] = "4",
            ["tls_ch_without_sni"] = "4",
            ["rdp_conn_requests"] = "2",
            ["rdp_cookies"] = "mstshash=nmap:2",
        },
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (string c in SharedData.AllCaptures())
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Counts_match_the_tshark_summary(string capture)
    {
        Dictionary<string, string> expected = Expected(capture);
        Dictionary<string, string> actual = Count(CaptureHandshakeScan.Run(capture));
        foreach (string column in Columns)
        {
            Assert.True(expected[column] == actual[column], $"{capture} {column}: tshark {expected[column]}, ours {actual[column]}");
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Byte_by_byte_feeding_finds_the_same_facts(string capture)
    {
        CaptureHandshakeScan whole = CaptureHandshakeScan.Run(capture);
        if (whole.ServerNames.Count == 0 && whole.ServerHellos.Count == 0)
        {
            return;
        }

        foreach (int chunk in new[] { 1, 3, 7 })
        {
            CaptureHandshakeScan cut = CaptureHandshakeScan.Run(capture, chunk);
            Assert.Equal(whole.ServerNames, cut.ServerNames);
            Assert.Equal(whole.ClientHelloVersions, cut.ClientHelloVersions);
            Assert.Equal(whole.ServerHellos, cut.ServerHellos);
            Assert.Equal(whole.LeafCertificates.Order(), cut.LeafCertificates.Order());
            Assert.Equal(whole.TlsMalformed, cut.TlsMalformed);
            Assert.Equal(0, cut.PoolOutstandingAtEnd);
        }
    }

    [Fact]
    public void Writes_the_comparison_table()
    {
        var table = new StringBuilder("file\tcolumn\ttshark\tours\texpected\n");
        foreach (string capture in SharedData.AllCaptures())
        {
            Dictionary<string, string> tshark = Summary(capture);
            Dictionary<string, string> expected = Expected(capture);
            Dictionary<string, string> actual = Count(CaptureHandshakeScan.Run(capture));
            foreach (string column in Columns)
            {
                if (tshark[column] is "0" or "" && actual[column] is "0" or "")
                {
                    continue;
                }

                table.Append(CultureInfo.InvariantCulture, $"{capture}\t{column}\t{tshark[column]}\t{actual[column]}\t{expected[column]}\n");
            }
        }

        File.WriteAllText(Path.Combine(SharedData.ArtifactsDirectory, "tls-rdp-counts.tsv"), table.ToString());
    }

    private static Dictionary<string, string> Count(CaptureHandshakeScan scan)
    {
        int selfSigned = 0;
        foreach (string hex in scan.LeafCertificates)
        {
            if (TlsCertificateInspector.Inspect(Convert.FromHexString(hex)) is { IsSelfSigned: true })
            {
                selfSigned++;
            }
        }

        int withSni = scan.ServerNames.Count(n => n.Length > 0);
        string cookies = string.Join(' ', scan.RdpCookies.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tls_client_hello"] = Str(scan.ServerNames.Count),
            ["tls_ch_with_sni"] = Str(withSni),
            ["tls_ch_without_sni"] = Str(scan.ServerNames.Count - withSni),
            ["tls_distinct_leaf_certs"] = Str(scan.LeafCertificates.Count),
            ["tls_self_signed_leaf_certs"] = Str(selfSigned),
            ["rdp_conn_requests"] = Str(scan.RdpCookies.Count),
            ["rdp_cookies"] = cookies,
        };
    }

    private static Dictionary<string, string> Expected(string capture)
    {
        Dictionary<string, string> row = Summary(capture);
        if (Overrides.TryGetValue(capture, out Dictionary<string, string>? fixes))
        {
            foreach ((string column, string value) in fixes)
            {
                row[column] = value;
            }
        }

        return row;
    }

    private static Dictionary<string, string> Summary(string capture)
    {
        string[] lines = File.ReadAllLines(Path.Combine(SharedData.SharedRoot, "reference", "summary.tsv"));
        string[] header = lines[0].Split('\t');
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            if (cells.Length > 1 && cells[1] == capture)
            {
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < header.Length; i++)
                {
                    row[header[i]] = i < cells.Length ? cells[i] : string.Empty;
                }

                return row;
            }
        }

        throw new InvalidOperationException($"{capture} has no row in summary.tsv");
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
