using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSensor.Status.Profiles;

/// <summary>
/// Loads the board profiles and picks the one for this box: the configured id wins; otherwise the first profile
/// (by id) one of whose <see cref="HardwareProfile.Match"/> prefixes starts the device tree's model string; otherwise
/// "generic" (no lights, no relay). A profile file that does not parse or lacks an id is an error naming the file.
/// </summary>
public static class HardwareProfiles
{
    public const string GenericId = "generic";

    /// <summary>Where the profiles are installed: beside the executable (copied from hardware/profiles at build).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "hardware", "profiles");

    /// <summary>The device tree's model string (trailing NUL removed), or null where there is none (x86, containers).</summary>
    public static string? DeviceTreeModel(string path = "/proc/device-tree/model")
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\0', '\n', ' ') : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static IReadOnlyList<HardwareProfile> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new HardwareProfileException($"hardware profiles folder not found: {directory}");
        }

        var profiles = new List<HardwareProfile>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            HardwareProfile? profile;
            try
            {
                profile = JsonSerializer.Deserialize(File.ReadAllText(file), HardwareProfileJsonContext.Default.HardwareProfile);
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                throw new HardwareProfileException($"hardware profile {file}: {e.Message.Split('\n')[0]}");
            }

            if (profile is null || string.IsNullOrWhiteSpace(profile.Id))
            {
                throw new HardwareProfileException($"hardware profile {file}: no id");
            }

            profiles.Add(profile);
        }

        return profiles;
    }

    /// <summary>The device tree's compatible strings (a NUL-separated list), or none.</summary>
    public static IReadOnlyList<string> DeviceTreeCompatible(string path = "/proc/device-tree/compatible")
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// The profile for this box; throws when a configured id names no profile. A profile whose compatible strings
    /// are present wins; then one whose model prefix matches (and that names no compatible strings, or has one present).
    /// </summary>
    public static HardwareProfile Select(IReadOnlyList<HardwareProfile> profiles, string? configuredId, string? model, IReadOnlyList<string>? compatible = null)
    {
        compatible ??= [];
        ArgumentNullException.ThrowIfNull(profiles);
        if (!string.IsNullOrEmpty(configuredId))
        {
            return profiles.FirstOrDefault(p => p.Id == configuredId)
                ?? throw new HardwareProfileException($"status.hardwareProfile '{configuredId}' is not one of: {string.Join(", ", profiles.Select(p => p.Id))}");
        }

        var ordered = profiles.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        foreach (var p in ordered)
        {
            if (p.Compatible.Count > 0 && p.Compatible.Any(compatible.Contains))
            {
                return p;
            }
        }

        if (model is not null)
        {
            foreach (var p in ordered)
            {
                if (p.Compatible.Count == 0 && p.Match.Any(m => m.Length > 0 && model.StartsWith(m, StringComparison.Ordinal)))
                {
                    return p;
                }
            }
        }

        return profiles.FirstOrDefault(p => p.Id == GenericId) ?? new HardwareProfile { Id = GenericId, Name = "Generic (no status hardware)" };
    }
}

/// <summary>A board profile that cannot be used; its message is one line for the operator.</summary>
public sealed class HardwareProfileException(string message) : Exception(message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(HardwareProfile))]
internal sealed partial class HardwareProfileJsonContext : JsonSerializerContext
{
}
