namespace Collector.Tests.Infrastructure;

/// <summary>Where the repository, the shared captures and the test artifacts are (found from the test binaries).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Edge.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A capture of ../shared/pcaps (read in place, never copied into the repository).</summary>
    public static string SharedCapture(string name) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "pcaps", name));

    /// <summary>artifacts/screenshots under the root (artifacts/ is ignored by git and kept by CI); created on first use.</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(Root, "artifacts", "screenshots")).FullName;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
