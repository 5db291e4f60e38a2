using System.Device.Gpio.Drivers;
using EdgeSensor.Hosting;
using EdgeSensor.Status.Hardware;
using EdgeSensor.Status.Profiles;

namespace EdgeSensor.Status;

/// <summary>
/// Opens what drives the lights, as configured (status.driver): "gpio" the board's lines through libgpiod,
/// "iomodule" the USB I/O module named by the profile (or status.ioModuleDevice), "fake" the
/// <see cref="FakeGpioDriver"/> (tests, demos), "none" nothing, "auto" (default) the I/O module when the profile names
/// one and its device exists, else libgpiod when the profile has lines and its gpiochip exists, else nothing.
/// Returns null for nothing, with a line saying why.
/// </summary>
public static class StatusHardwareFactory
{
    public static IStatusHardware? Open(SensorConfig config, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(log);
        var status = config.Status;
        if (status.Driver == "none")
        {
            log("off (status.driver none)");
            return null;
        }

        var profiles = HardwareProfiles.LoadAll(status.ProfilesDirectory ?? HardwareProfiles.DefaultDirectory);
        string? model = HardwareProfiles.DeviceTreeModel();
        HardwareProfile profile = HardwareProfiles.Select(profiles, status.HardwareProfile, model, HardwareProfiles.DeviceTreeCompatible());
        bool hasLines = profile.Leds is { } l && new[] { l.Run, l.Net, l.Tap, l.Alarm }.Any(x => x is not null) || profile.Relay is not null || profile.Button is not null;
        if (status.Driver == "fake")
        {
            log($"FAKE GPIO driver (no hardware) with profile {profile.Id}{(status.FakeGpioFile is null ? string.Empty : $", levels in {status.FakeGpioFile}")}");
            return new GpioStatusHardware(profile, new FakeGpioDriver(status.FakeGpioFile));
        }

        string? ioDevice = status.IoModuleDevice ?? profile.IoModule?.Device;
        if (status.Driver == "iomodule" || (status.Driver == "auto" && ioDevice is not null))
        {
            if (ioDevice is null || !File.Exists(ioDevice))
            {
                if (status.Driver == "iomodule")
                {
                    throw new InvalidOperationException($"I/O module device {ioDevice ?? "(none named)"} not found");
                }

                log($"off: I/O module device {ioDevice} not found (profile {profile.Id})");
                return null;
            }

            var module = IoModuleStatusHardware.Open(ioDevice, status.RelayMode == "failsafe");
            log(module.Description);
            return module;
        }

        if (!hasLines)
        {
            log($"off: profile {profile.Id} ({profile.Name}) has no status lines{(model is null ? string.Empty : $" (device tree model '{model}')")}");
            return null;
        }

        int chipNumber = profile.GpioChip ?? 0;
        string chip = $"/dev/gpiochip{chipNumber}";
        if (!File.Exists(chip))
        {
            if (status.Driver == "gpio")
            {
                throw new InvalidOperationException($"{chip} not found for profile {profile.Id}");
            }

            log($"off: {chip} not found (profile {profile.Id})");
            return null;
        }

        var hardware = new GpioStatusHardware(profile, new LibGpiodDriver(chipNumber));
        log(hardware.Description);
        return hardware;
    }
}
