using System.Globalization;
using EdgeSensor.Hosting;
using EdgeSensor.Status.Profiles;

namespace EdgeSensor.Health;

/// <summary>
/// The board's temperature from a kernel thermal zone: the file holds millidegrees Celsius as an integer
/// (Documentation/ABI/testing/sysfs-class-thermal, <c>temp</c>). Which file: the hardware profile's
/// <c>temperature</c>, else <see cref="DefaultPath"/> when the box has it, else none.
/// </summary>
public static class ThermalZone
{
    public const string DefaultPath = "/sys/class/thermal/thermal_zone0/temp";

    /// <summary>Readings outside this range are a sensor's error codes or garbage, not temperatures.</summary>
    private const double MinCelsius = -100;

    private const double MaxCelsius = 200;

    /// <summary>Degrees Celsius, or null when the file is missing, empty or not a plausible temperature.</summary>
    public static double? ReadCelsius(string? path)
    {
        string? text = SmallFile.Read(path, 64)?.Trim();
        if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long millidegrees))
        {
            return null;
        }

        double celsius = millidegrees / 1000.0;
        return celsius is >= MinCelsius and <= MaxCelsius ? celsius : null;
    }

    /// <summary>
    /// The thermal file for this box: the profile <see cref="HardwareProfiles.Select"/> picks (as the status lights
    /// do) when it names one, else <paramref name="defaultPath"/> when that exists; null otherwise. Profiles that cannot
    /// be loaded only lose the profile's choice.
    /// </summary>
    public static string? PathFor(StatusConfig status, string defaultPath = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(status);
        try
        {
            var profiles = HardwareProfiles.LoadAll(status.ProfilesDirectory ?? HardwareProfiles.DefaultDirectory);
            HardwareProfile profile = HardwareProfiles.Select(profiles, status.HardwareProfile, HardwareProfiles.DeviceTreeModel(), HardwareProfiles.DeviceTreeCompatible());
            if (!string.IsNullOrEmpty(profile.Temperature))
            {
                return profile.Temperature;
            }
        }
        catch (Exception e) when (e is HardwareProfileException or IOException or UnauthorizedAccessException)
        {
        }

        return File.Exists(defaultPath) ? defaultPath : null;
    }
}
