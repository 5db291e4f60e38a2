using System.Security.Cryptography;

namespace EdgeSensor.Provisioning;

/// <summary>
/// The box's serial number, for life: the one kept in the state folder (firmware's first-boot writes it), else the
/// CM4's own from the device tree, else one generated once (<c>edge-</c> and 16 hex digits); lower-case, kept.
/// </summary>
public static class SerialNumber
{
    public static string LoadOrCreate(string serialFile, string deviceTreeSerial)
    {
        if (System.IO.File.Exists(serialFile) && Clean(System.IO.File.ReadAllText(serialFile)) is { } kept)
        {
            return kept;
        }

        string? serial = null;
        if (System.IO.File.Exists(deviceTreeSerial))
        {
            string raw = System.IO.File.ReadAllText(deviceTreeSerial).Trim('\0', '\n', ' ');
            serial = raw.Length > 0 && raw.All(char.IsAsciiHexDigit) ? Clean(raw) : null;
        }

        serial ??= "edge-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Files.WriteAtomically(serialFile, serial + "\n", secret: false);
        return serial;
    }

    private static string? Clean(string text)
    {
        string s = text.Trim('\0', '\n', ' ', '\r').ToLowerInvariant();
        return Edge.Contracts.Topics.EdgeIds.IsValid(s) && !Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(s) ? s : null;
    }
}

/// <summary>Whole-file writes that survive a crash: a temporary file, fsync'd, renamed over the old one.</summary>
internal static class Files
{
    public static void WriteAtomically(string path, string text, bool secret)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string temp = path + ".tmp";
        System.IO.File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        using (var stream = new FileStream(temp, options))
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temp, path, overwrite: true);
        Publishing.Outbox.DirectorySync.Flush(dir);
    }
}
