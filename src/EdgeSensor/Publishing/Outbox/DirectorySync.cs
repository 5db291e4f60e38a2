using System.Runtime.InteropServices;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// fsync of a directory, so a created, renamed or deleted file's name is on disk too. .NET opens no directory as a
/// file, so on Linux this calls libc directly; elsewhere (and if that fails) it is a no-op: best effort.
/// </summary>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0; // O_RDONLY opens a directory on Linux; O_DIRECTORY's value differs by architecture

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            int fd = Open(directory, ORdOnly);
            if (fd < 0)
            {
                return;
            }

            _ = Fsync(fd);
            _ = Close(fd);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
