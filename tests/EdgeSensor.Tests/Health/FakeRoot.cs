namespace EdgeSensor.Tests.Health;

/// <summary>A temp folder standing in for /proc, /sys and the cgroup tree: files are written where the readers are pointed.</summary>
internal sealed class FakeRoot : IDisposable
{
    public FakeRoot() => Path = Directory.CreateTempSubdirectory("edge-health-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> at <paramref name="relative"/> (folders made as needed) and returns the full path.</summary>
    public string Write(string relative, string text)
    {
        string full = At(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string At(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
