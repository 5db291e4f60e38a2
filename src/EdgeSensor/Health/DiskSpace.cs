namespace EdgeSensor.Health;

/// <summary>Free and total bytes of the filesystem holding a folder (statvfs through <see cref="DriveInfo"/>); null when it cannot be read.</summary>
public static class DiskSpace
{
    public static (long Free, long Total)? Read(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            var drive = new DriveInfo(directory);
            long total = drive.TotalSize;
            return total > 0 ? (drive.AvailableFreeSpace, total) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
