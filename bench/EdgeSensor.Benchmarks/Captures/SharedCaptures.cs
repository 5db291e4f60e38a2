namespace EdgeSensor.Benchmarks.Captures;

/// <summary>
/// Finds the shared real captures: <c>$EDGE_SHARED/pcaps</c>, else <c>../shared/pcaps</c> beside the repository root
/// (the directory holding Edge.sln, found by walking up from the running benchmark). Read in place, never copied.
/// </summary>
public static class SharedCaptures
{
    public static string Path(string fileName)
    {
        string directory = System.IO.Path.Combine(SharedRoot(), "pcaps");
        string path = System.IO.Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"shared capture missing: {path} (set EDGE_SHARED or put ../shared beside the repository)", path);
        }

        return path;
    }

    private static string SharedRoot()
    {
        if (Environment.GetEnvironmentVariable("EDGE_SHARED") is { Length: > 0 } shared)
        {
            return shared;
        }

        // BenchmarkDotNet runs each benchmark from a generated project under bin/, so start from there and from the
        // working directory.
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Edge.sln")))
                {
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                }
            }
        }

        throw new DirectoryNotFoundException("Edge.sln not found above " + AppContext.BaseDirectory + " or " + Environment.CurrentDirectory);
    }
}
