using EdgeSensor.Status.Profiles;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Status;

public sealed class HardwareProfilesTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(SharedData.RepoRoot, "hardware", "profiles");
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-profiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_shipped_profile_loads_with_distinct_lines()
    {
        var profiles = HardwareProfiles.LoadAll(Shipped);
        Assert.Contains(profiles, p => p.Id == HardwareProfiles.GenericId);
        Assert.Contains(profiles, p => p.Id == "rpi-cm4-io");
        Assert.Equal(profiles.Count, profiles.Select(p => p.Id).Distinct().Count());
        foreach (var p in profiles)
        {
            var lines = new[] { p.Leds?.Run, p.Leds?.Net, p.Leds?.Tap, p.Leds?.Alarm, p.Relay, p.Button }
                .Where(l => l?.Gpio is not null).Select(l => l!.Gpio!.Value).ToList();
            Assert.True(lines.Count == lines.Distinct().Count(), $"{p.Id}: a GPIO line is used twice");
            Assert.All(p.References ?? [], r => Assert.StartsWith("https://", r.Url, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_device_tree_model_picks_the_profile_and_configuration_wins()
    {
        var profiles = HardwareProfiles.LoadAll(Shipped);
        Assert.Equal("rpi-cm4-io", HardwareProfiles.Select(profiles, null, "Raspberry Pi Compute Module 4 Rev 1.1").Id);
        Assert.Equal(HardwareProfiles.GenericId, HardwareProfiles.Select(profiles, null, "Some other board").Id);
        Assert.Equal(HardwareProfiles.GenericId, HardwareProfiles.Select(profiles, null, null).Id);
        Assert.Equal("generic", HardwareProfiles.Select(profiles, "generic", "Raspberry Pi Compute Module 4 Rev 1.1").Id);
        // A RevPi Connect 4 reports the plain CM4's model string: its compatible string picks its own profile, so the
        // sensor never drives the IO board's GPIO lines on it.
        Assert.Equal("revpi-connect-4", HardwareProfiles.Select(profiles, null, "Raspberry Pi Compute Module 4 Rev 1.0",
            ["kunbus,revpi-connect4", "brcm,bcm2711"]).Id);
        Assert.Equal("rpi-cm4-io", HardwareProfiles.Select(profiles, null, "Raspberry Pi Compute Module 4 Rev 1.0",
            ["raspberrypi,4-compute-module", "brcm,bcm2711"]).Id);
        var e = Assert.Throws<HardwareProfileException>(() => HardwareProfiles.Select(profiles, "nope", null));
        Assert.Contains("rpi-cm4-io", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x", "colour": 1 }""", "colour")]
    [InlineData("""{ "name": "no id" }""", "no id")]
    [InlineData("""not json""", "bad.json")]
    public void A_bad_profile_is_refused_naming_the_file(string body, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "bad.json"), body);
        var e = Assert.Throws<HardwareProfileException>(() => HardwareProfiles.LoadAll(_dir));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
    }
}
