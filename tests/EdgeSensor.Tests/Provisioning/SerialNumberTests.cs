using EdgeSensor.Provisioning;

namespace EdgeSensor.Tests.Provisioning;

/// <summary>The box's serial number: kept once made, the CM4's own when the device tree has one, else generated once.</summary>
public sealed class SerialNumberTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-serial-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SerialFile => Path.Combine(_dir, "state", "serial");

    [Fact]
    public void The_device_tree_serial_is_taken_lower_case_and_kept()
    {
        string dt = Path.Combine(_dir, "serial-number");
        File.WriteAllText(dt, "10000000ABCDEF01\0");
        Assert.Equal("10000000abcdef01", SerialNumber.LoadOrCreate(SerialFile, dt));
        Assert.Equal("10000000abcdef01\n", File.ReadAllText(SerialFile));

        // Kept for life: a different device tree later (a module swapped) does not change it.
        File.WriteAllText(dt, "20000000ffffffff\0");
        Assert.Equal("10000000abcdef01", SerialNumber.LoadOrCreate(SerialFile, dt));
    }

    [Fact]
    public void Without_a_device_tree_serial_one_is_generated_once()
    {
        string first = SerialNumber.LoadOrCreate(SerialFile, Path.Combine(_dir, "absent"));
        Assert.Matches("^edge-[0-9a-f]{16}$", first);
        Assert.Equal(first, SerialNumber.LoadOrCreate(SerialFile, Path.Combine(_dir, "absent")));
    }

    [Theory]
    [InlineData("not hex!")]
    [InlineData("")]
    public void A_device_tree_serial_that_is_not_hex_is_not_used(string raw)
    {
        string dt = Path.Combine(_dir, "serial-number");
        File.WriteAllText(dt, raw);
        Assert.Matches("^edge-[0-9a-f]{16}$", SerialNumber.LoadOrCreate(SerialFile, dt));
    }

    [Fact]
    public void A_kept_serial_that_is_not_a_valid_id_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SerialFile)!);
        File.WriteAllText(SerialFile, "bad/serial+#\n");
        Assert.Matches("^edge-[0-9a-f]{16}$", SerialNumber.LoadOrCreate(SerialFile, Path.Combine(_dir, "absent")));
    }
}
