using System.Text;

namespace EdgeSensor.Health;

/// <summary>
/// Reads the small text files the kernel and the board expose (<c>/proc</c>, <c>/sys</c>, cgroup files, the exit
/// record): at most a bound of bytes, and null instead of an exception when the file is missing or unreadable.
/// </summary>
internal static class SmallFile
{
    public static string? Read(string? path, int maxBytes)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            byte[] buffer = new byte[maxBytes];
            int length = 0;

            // /proc and /sys files report no length: read until the end or the bound.
            while (length < buffer.Length)
            {
                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
