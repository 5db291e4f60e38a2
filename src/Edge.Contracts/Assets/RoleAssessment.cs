namespace Edge.Contracts.Assets;

/// <summary>The role inferred for a device, how sure the sensor is, and the observations it rests on.</summary>
public sealed record RoleAssessment
{
    /// <summary>One of <see cref="DeviceRoles"/>.</summary>
    public required string Role { get; init; }

    /// <summary>0 to 1.</summary>
    public required double Confidence { get; init; }

    public required IReadOnlyList<string> Evidence { get; init; }
}
