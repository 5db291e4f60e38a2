using System.Reflection;

namespace EdgeSensor.Cli;

/// <summary>
/// The sensor's version, from <c>&lt;Version&gt;</c> in Directory.Build.props by way of the assembly's informational
/// version, without the <c>+commit</c> suffix the SDK's source link information adds.
/// </summary>
public static class ProductVersion
{
    public static string Text { get; } = Of(typeof(ProductVersion).Assembly);

    /// <summary>The informational version of <paramref name="assembly"/> without its build metadata.</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return WithoutBuildMetadata(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString());
    }

    /// <summary>"0.3.0+9e9191f..." gives "0.3.0" (SemVer build metadata follows a '+'); null or empty gives "unknown".</summary>
    public static string WithoutBuildMetadata(string? informationalVersion)
    {
        if (string.IsNullOrEmpty(informationalVersion))
        {
            return "unknown";
        }

        int plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informationalVersion : informationalVersion[..plus];
    }
}
