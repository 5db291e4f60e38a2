namespace Edge.Contracts.Assets;

/// <summary>The role names used in <see cref="RoleAssessment.Role"/>.</summary>
public static class DeviceRoles
{
    public const string Plc = "plc";
    public const string Hmi = "hmi";
    public const string EngineeringWorkstation = "engineering-workstation";
    public const string ItHost = "it-host";
    public const string NetworkInfrastructure = "network-infrastructure";
    public const string Unknown = "unknown";
}
