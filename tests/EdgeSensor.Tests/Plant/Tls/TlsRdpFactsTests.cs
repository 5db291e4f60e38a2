using EdgeSensor.Analyze;
using EdgeSensor.Dissect;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Tests.Parity;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Tls;

/// <summary>
/// Through the live pipeline and the plant model, every ClientHello with and without SNI, every distinct and
/// self-signed leaf certificate and every RDP cookie counted in ../shared/reference/summary.tsv is found. Where we
/// find more than tshark it is because tshark bound the port to another protocol; each such case is listed here.
/// </summary>
public sealed class TlsRdpFactsTests
{
    /// <summary>capture → (column, our count, why it differs from tshark's).</summary>
    private static readonly Dictionary<(string Capture, string Column), (int Ours, string Why)> Known = new()
    {
        [("rdp_tls-security_cookie.pcap", "tls_client_hello")] = (2, "tshark shows the TLS after X.224 on 3389 as TPKT continuation; -d tcp.port==3389,tls finds 2 ClientHellos with SNI"),
        [("rdp_tls-security_cookie.pcap", "tls_ch_with_sni")] = (2, "same"),
        [("rdp_tls-security_cookie.pcap", "tls_distinct_leaf_certs")] = (1, "same; the leaf is the RDP server's self-signed certificate"),
        [("rdp_tls-security_cookie.pcap", "tls_self_signed_leaf_certs")] = (1, "same; openssl verify -no_check_time accepts it as self-signed"),
        [("scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap", "tls_client_hello")] = (4, "frames 171 and 207 are ClientHellos to 5020, which the reference decodes as Modbus (-d tcp.port==5020,mbtcp)"),
        [("scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap", "tls_ch_without_sni")] = (4, "same"),
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
    public void Counts_match_the_reference_summary(string capture)
    {
        var summary = TsvTable.Parse(File.ReadAllText(Path.Combine(SharedData.SharedRoot, "reference", "summary.tsv")));
        var row = summary.Rows.Single(r => summary.Get(r, "file") == capture);

        var options = new PipelineOptions();
        foreach (string spec in SharedData.DecodeAs(capture))
        {
            Assert.True(DissectCommand.TryParseDecodeAs(spec, options, out _));
        }

        var model = new PlantModel(new PlantOptions());
        using (var source = EdgeSensor.Capture.PcapSource.OpenFile(SharedData.Pcap(capture)))
        {
            var pipeline = new DecodePipeline(options, model, source.LinkType, model);
            pipeline.Run(source);
            pipeline.Complete();
        }

        var assets = PlantRuns.Assets(model).Values.ToList();
        var certs = assets.SelectMany(a => a.Tls?.CertificatesServed ?? []).DistinctBy(c => c.Sha256).ToList();
        var ours = new Dictionary<string, int>
        {
            ["tls_client_hello"] = (int)assets.Sum(a => a.Tls?.ClientHellos ?? 0),
            ["tls_ch_without_sni"] = (int)assets.Sum(a => a.Tls?.ClientHellosWithoutSni ?? 0),
            ["tls_ch_with_sni"] = (int)assets.Sum(a => (a.Tls?.ClientHellos ?? 0) - (a.Tls?.ClientHellosWithoutSni ?? 0)),
            ["tls_distinct_leaf_certs"] = certs.Count,
            ["tls_self_signed_leaf_certs"] = certs.Count(c => c.SelfSigned),
            ["rdp_conn_requests"] = (int)assets.Sum(a => a.Rdp?.ConnectionRequestsSent ?? 0),
        };

        foreach (var (column, count) in ours)
        {
            int expected = Known.TryGetValue((capture, column), out var known) ? known.Ours : int.Parse(summary.Get(row, column), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(expected == count, $"{capture} {column}: expected {expected}, found {count}");
        }

        // Cookies: "mstshash=NAME:count" in the reference.
        string cookies = summary.Get(row, "rdp_cookies");
        if (cookies.Length > 0 && !Known.ContainsKey((capture, "rdp_cookies")))
        {
            var names = assets.SelectMany(a => a.Rdp?.CookieUserNames ?? []).ToHashSet();
            foreach (string cookie in cookies.Split(' '))
            {
                string name = cookie[..cookie.LastIndexOf(':')]["mstshash=".Length..];
                Assert.Contains(name, names);
            }
        }
    }

    [Fact]
    public void Self_signed_leaf_is_named_as_openssl_names_it()
    {
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "tls_self-signed-leaf_no-sni_no-cn.pcap"));
        var cert = assets.Values.SelectMany(a => a.Tls?.CertificatesServed ?? []).Single();
        Assert.True(cert.SelfSigned);
        Assert.Equal("O=TestCorp", cert.Subject);   // openssl x509 -subject -nameopt RFC2253
        Assert.Equal(cert.Subject, cert.Issuer);
        var client = assets.Values.Single(a => a.Tls?.ClientHellos > 0);
        Assert.Equal(1, client.Tls!.ClientHellosWithoutSni);
    }

    [Fact]
    public void Rdp_admin_cookie_is_the_clients_user_name()
    {
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "rdp_admin-cookie-administr.pcap"));
        var client = assets.Values.Single(a => a.Rdp?.ConnectionRequestsSent > 0);
        Assert.Equal(["Administr"], client.Rdp!.CookieUserNames);
        var server = assets.Values.Single(a => a.Rdp?.ConnectionRequestsReceived > 0);
        Assert.NotEqual(client.AssetId, server.AssetId);
    }
}
