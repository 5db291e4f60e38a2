using System.Text.Json;
using Edge.Contracts.Serialization;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Persistence;

/// <summary>Learn, stop, start: the same inventory and baselines. A corrupt state file is kept aside and learning starts afresh.</summary>
public sealed class PlantStateStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void State_survives_a_restart()
    {
        string path = Path.Combine(_dir, "plant.state");
        var before = PlantRuns.Learn(null, "mixed_plant1_modbus-s7comm-it-traffic.pcap", "s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng");
        before.EndLearning();
        PlantStateStore.Save(path, before);
        string expected = Json(before);

        var after = new PlantModel(new PlantOptions());
        var result = PlantStateStore.Load(path, after);

        Assert.Equal(StateLoadOutcome.Loaded, result.Outcome);
        Assert.Equal(expected, Json(after));
        Assert.Equal(before.Devices.Count, after.Devices.Count);
        Assert.Equal(before.Relations.Count, after.Relations.Count);
        Assert.False(after.IsLearning);
        Assert.Equal(before.LearningEnded, after.LearningEnded);
        Assert.False(File.Exists(path + ".tmp"));

        // The model goes on learning from where it was: the same traffic again adds no device.
        AnalyzeCommandFeed(after, "mixed_plant1_modbus-s7comm-it-traffic.pcap");
        Assert.Equal(before.Devices.Count, after.Devices.Count);
        Assert.DoesNotContain(PlantRuns.Assets(after).Values, a => a.IsNew);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void A_corrupt_state_file_is_kept_aside_and_learning_starts_afresh(string damage)
    {
        string path = Path.Combine(_dir, "plant.state");
        PlantStateStore.Save(path, PlantRuns.Learn(null, "s7comm_s7ident_szl-identification.pcap"));
        byte[] bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => Flip(bytes, bytes.Length / 3),
            "garbage" => [.. "not a state file at all, but long enough to look like one............"u8],
            _ => [],
        };
        File.WriteAllBytes(path, damaged);

        var model = new PlantModel(new PlantOptions());
        var result = PlantStateStore.Load(path, model);

        Assert.Equal(StateLoadOutcome.Corrupt, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.Reason));
        Assert.False(File.Exists(path));
        Assert.Equal(damaged, File.ReadAllBytes(result.MovedTo!));
        Assert.Equal(0, model.Devices.Count);
        Assert.True(model.IsLearning);
    }

    [Fact]
    public void A_missing_state_file_is_not_an_error()
    {
        var result = PlantStateStore.Load(Path.Combine(_dir, "none.state"), new PlantModel(new PlantOptions()));
        Assert.Equal(StateLoadOutcome.Missing, result.Outcome);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[at] ^= 0x40;
        return copy;
    }

    private static void AnalyzeCommandFeed(PlantModel model, string capture) =>
        EdgeSensor.Analyze.AnalyzeCommand.Feed(model, SharedData.Pcap(capture));

    private static string Json(PlantModel model) =>
        string.Join('\n', AssetReporter.Snapshot(model).Select(a => JsonSerializer.Serialize(a, EdgeJsonContext.Default.AssetRecord)));
}
