using System.Diagnostics;
using EdgeSensor.Status.Profiles;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Status;

/// <summary>
/// The CM4 boot configuration (firmware/cm4/config.txt) sets up exactly the lines of the rpi-cm4-io profile: every
/// output (LEDs, relay) driven to its inactive level from boot, the button an input with the profile's pull; and the
/// first-boot script gives the box one serial number for life.
/// </summary>
public sealed class Cm4ConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-firstboot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Config_txt_drives_the_profiles_outputs_inactive_and_pulls_its_button()
    {
        var profile = HardwareProfiles.Select(HardwareProfiles.LoadAll(Path.Combine(SharedData.RepoRoot, "hardware", "profiles")), "rpi-cm4-io", null);
        var settings = new Dictionary<int, string>();
        bool inCm4 = false;
        foreach (string raw in File.ReadLines(Path.Combine(SharedData.RepoRoot, "firmware", "cm4", "config.txt")))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                inCm4 = line == "[cm4]";
            }
            else if (inCm4 && line.StartsWith("gpio=", StringComparison.Ordinal))
            {
                string[] parts = line["gpio=".Length..].Split('=');
                foreach (string pin in parts[0].Split(','))
                {
                    settings[int.Parse(pin, System.Globalization.CultureInfo.InvariantCulture)] = parts[1];
                }
            }
        }

        var outputs = new[] { profile.Leds!.Run, profile.Leds.Net, profile.Leds.Tap, profile.Leds.Alarm, profile.Relay };
        foreach (var line in outputs)
        {
            Assert.Equal(line!.ActiveLow ? "op,dh" : "op,dl", settings[line.Gpio!.Value]);
        }

        Assert.Equal(profile.Button!.Pull == "up" ? "ip,pu" : "ip,pd", settings[profile.Button.Gpio!.Value]);
        Assert.Equal(outputs.Length + 1, settings.Count);
    }

    [Fact]
    public void First_boot_takes_the_cm4_serial_once_and_the_provisioning_file_off_the_boot_partition()
    {
        string dt = Path.Combine(_dir, "serial-number");
        File.WriteAllText(dt, "10000000a1b2c3d4\0");
        string boot = Directory.CreateDirectory(Path.Combine(_dir, "boot")).FullName;
        File.WriteAllText(Path.Combine(boot, "edge-provisioning.json"), """{ "collector": "collector.plant.local" }""");

        Assert.Contains("serial number 10000000a1b2c3d4", FirstBoot(dt, boot), StringComparison.Ordinal);
        Assert.Equal("10000000a1b2c3d4\n", File.ReadAllText(Path.Combine(_dir, "state", "serial")));
        Assert.False(File.Exists(Path.Combine(boot, "edge-provisioning.json")));
        string taken = Path.Combine(_dir, "config", "provisioning.json");
        Assert.Contains("collector.plant.local", File.ReadAllText(taken), StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(taken));
        }

        File.WriteAllText(dt, "20000000ffffffff\0");
        FirstBoot(dt, boot);
        Assert.Equal("10000000a1b2c3d4\n", File.ReadAllText(Path.Combine(_dir, "state", "serial")));   // kept for life
    }

    [Fact]
    public void Without_a_device_tree_serial_one_is_generated_once()
    {
        string boot = Directory.CreateDirectory(Path.Combine(_dir, "boot")).FullName;
        FirstBoot(Path.Combine(_dir, "no-such-file"), boot);
        string serial = File.ReadAllText(Path.Combine(_dir, "state", "serial")).Trim();
        Assert.Matches("^edge-[0-9a-f]{16}$", serial);
        FirstBoot(Path.Combine(_dir, "no-such-file"), boot);
        Assert.Equal(serial, File.ReadAllText(Path.Combine(_dir, "state", "serial")).Trim());
    }

    private string FirstBoot(string deviceTreeSerial, string boot)
    {
        var psi = new ProcessStartInfo("sh", [Path.Combine(SharedData.RepoRoot, "firmware", "sensor", "rootfs", "usr", "lib", "edge-sensor", "first-boot")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["EDGE_STATE_DIR"] = Path.Combine(_dir, "state");
        psi.Environment["EDGE_CONFIG_DIR"] = Path.Combine(_dir, "config");
        psi.Environment["EDGE_DT_SERIAL"] = deviceTreeSerial;
        psi.Environment["EDGE_BOOT_DIR"] = boot;
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, output);
        return output;
    }
}
