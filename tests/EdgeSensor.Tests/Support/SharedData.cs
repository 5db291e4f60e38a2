namespace EdgeSensor.Tests.Support;

/// <summary>
/// Locates <c>../shared</c> (the third-party captures and tshark's reference dissections) beside the repository.
/// The captures are read in place, never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    public static string SharedRoot =>
        Environment.GetEnvironmentVariable("EDGE_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string PcapDirectory => Path.Combine(SharedRoot, "pcaps");

    public static string ReferenceDirectory => Path.Combine(SharedRoot, "reference", "dev");

    public static string Pcap(string name)
    {
        string path = Path.Combine(PcapDirectory, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"shared capture missing: {path} (is ../shared beside the repository?)", path);
        }

        return path;
    }

    public static IReadOnlyList<string> AllCaptures() =>
        Directory.EnumerateFiles(PcapDirectory)
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .Select(f => f!)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Extra tshark arguments used for a capture (reference/decode_as.tsv), as our --decode-as values.</summary>
    public static IReadOnlyList<string> DecodeAs(string capture)
    {
        string file = Path.Combine(SharedRoot, "reference", "decode_as.tsv");
        foreach (string line in File.ReadLines(file))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split('\t');
            if (parts[0] == capture && parts.Length > 1)
            {
                return parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "-d").ToList();
            }
        }

        return [];
    }

    public static string ArtifactsDirectory
    {
        get
        {
            string dir = Path.Combine(RepoRoot, "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
