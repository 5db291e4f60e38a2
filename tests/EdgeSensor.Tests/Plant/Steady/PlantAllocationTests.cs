using EdgeSensor.Bench;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Steady;

/// <summary>
/// The plant model's per-packet path allocates nothing in steady state: a capture the model has already learned,
/// replayed again through the real pipeline into the same model, allocates 0 bytes on this thread. Counts bytes,
/// never time. Fails as soon as anyone adds a per-packet allocation to the decode path or to src/EdgeSensor/Plant.
/// </summary>
public sealed class PlantAllocationTests
{
    public static TheoryData<string> Captures =>
    [
        "mixed_plant1_modbus-s7comm-it-traffic.pcap",
        "modbus_plant1_polling-baseline.pcap",
        "s7comm_hmi-read-baseline-15min.pcap",
        // Identity-bearing traffic: SZL answers, mode pushes, stop/start, Modbus FC43.
        "s7comm_s7ident_szl-identification.pcap",
        "s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng",
        "s7comm_tia-s300_go-online_many-szl-reads.pcapng",
        "modbus_fc43-14_read-device-id_exception.pcap",
        "s7commplus_s7-1200_steady-state-with-it.pcapng",
        // TLS and RDP facts per asset (SNI, certificates, cookies).
        "tls_with-sni_ca-issued.pcap",
        "tls_ca-chain-incl-root_no-sni.pcap",
        "tls_self-signed-leaf_no-sni_generalizedtime.pcap",
        "rdp_tls-security_cookie.pcap",
        "rdp_standard-rdp-security_cookie.pcap",
        "rdp_admin-cookie-administr.pcap",
        // Scans: many devices and refused or unanswered connections.
        "scan_tcp-multi-host-multi-port.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Replaying_a_learned_capture_allocates_nothing(string capture)
    {
        using var source = MemoryCaptureSource.LoadFile(SharedData.Pcap(capture));
        var model = new PlantModel(new PlantOptions());
        var detection = new EdgeSensor.Detection.DetectionEngine(model);   // detection listens too: it must not allocate per packet either
        var pipeline = new DecodePipeline(new PipelineOptions(), model, source.LinkType, model);

        // Learning pass: devices, relations, identities and the pipeline's buffer pools are made here (allowed).
        BenchWorkload.DecodeAll(pipeline, source);
        int devices = model.Devices.Count;
        int relations = model.Relations.Count;
        Assert.True(devices > 0, "the capture taught the model no device");

        // A second pass warms whatever is made once per run (first-call paths).
        BenchWorkload.DecodeAll(pipeline, source);

        // A per-packet allocation allocates on every pass. Up to three measured passes, one of which must allocate
        // nothing: under the full parallel test run, RDP captures were seen twice (in ~25 runs; never alone) to
        // allocate a few hundred bytes in one pass with no gen2 collection, cause not found yet.
        var attempts = new List<string>();
        long allocated = -1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            int gen2 = GC.CollectionCount(2);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long frames = BenchWorkload.DecodeAll(pipeline, source);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(source.FrameCount, frames);
            attempts.Add($"{allocated} B ({(double)allocated / frames:0.###} B/frame, {GC.CollectionCount(2) - gen2} gen2 collections)");
        }

        Assert.True(allocated == 0, $"{capture}: every steady-state replay allocated: {string.Join("; ", attempts)}");
        Assert.Equal(devices, model.Devices.Count);
        Assert.Equal(relations, model.Relations.Count);
        GC.KeepAlive(detection);
    }
}
