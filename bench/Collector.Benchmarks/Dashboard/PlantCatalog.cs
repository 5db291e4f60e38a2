using Edge.Contracts.Assets;
using Edge.Contracts.Detection;

namespace Collector.Benchmarks.Dashboard;

/// <summary>
/// What the dashboard data set draws from: device roles with their share of a plant, zones, vendors with product
/// numbers, the sensor's detection models (ids and titles as in src/EdgeSensor/Detection/Models) with the ATT&amp;CK for
/// ICS technique each reports.
/// </summary>
internal static class PlantCatalog
{
    /// <summary>Roles and their weight out of 100 (half IT hosts, a fifth unclassified, the rest OT).</summary>
    public static readonly (string Role, int Weight)[] Roles =
    [
        (DeviceRoles.ItHost, 48),
        (DeviceRoles.Unknown, 20),
        (DeviceRoles.Plc, 18),
        (DeviceRoles.Hmi, 7),
        (DeviceRoles.NetworkInfrastructure, 5),
        (DeviceRoles.EngineeringWorkstation, 2),
    ];

    public static readonly ZoneAssignment Enterprise = Zone("Enterprise", 4, "it");
    public static readonly ZoneAssignment Operations = Zone("Operations", 3, "ot");
    public static readonly ZoneAssignment Supervisory = Zone("Supervisory", 2, "ot");
    public static readonly ZoneAssignment Control = Zone("Control", 1, "ot");
    public static readonly ZoneAssignment Field = Zone("Field", 0, "ot");
    public static readonly ZoneAssignment[] AllZones = [Enterprise, Operations, Supervisory, Control, Field];

    /// <summary>Controller and panel makers with a few order numbers each.</summary>
    public static readonly (string Vendor, string[] Products)[] OtVendors =
    [
        ("Siemens", ["6ES7 315-2EH14-0AB0", "6ES7 516-3AN01-0AB0", "6ES7 214-1AG40-0XB0", "6AV2 124-0MC01-0AX0"]),
        ("Rockwell Automation", ["1756-L73", "1769-L33ER", "2711P-T10C22D9P"]),
        ("Schneider Electric", ["BMEP582040", "TM241CE24T", "HMIGTO5310"]),
        ("ABB", ["PM5650-2ETH", "AC500 PM573"]),
        ("Beckhoff", ["CX5140", "CP6606"]),
        ("WAGO", ["750-8212", "750-881"]),
        ("Phoenix Contact", ["AXC F 2152", "ILC 191 ETH 2TX"]),
        ("Omron", ["NX1P2-9024DT", "CJ2M-CPU31"]),
    ];

    public static readonly string[] ItVendors = ["Dell Inc.", "Hewlett Packard", "Lenovo", "VMware, Inc.", "Intel Corporate", "Apple, Inc."];

    public static readonly string[] NetworkVendors = ["Cisco Systems, Inc", "Hirschmann Automation", "Moxa Technologies", "Siemens AG"];

    /// <summary>Server protocol and port a controller answers on, by index.</summary>
    public static readonly (string Protocol, int Port, string Function)[] IcsServices =
    [
        ("s7comm", 102, "s7:read-var"),
        ("modbus", 502, "modbus:read-holding-registers"),
        ("enip", 44818, "cip:get-attribute-single"),
    ];

    public static readonly (string Protocol, int Port)[] ItServices = [("http", 80), ("https", 443), ("smb", 445), ("rdp", 3389), ("dns", 53)];

    /// <summary>The sensor's models: id, title, technique.</summary>
    public static readonly (string Id, string Title, AttackTechnique Technique)[] Models =
    [
        ("new-device", "Unusual activity from new device", new("T0864", "Transient Cyber Asset", ["Lateral Movement"])),
        ("ot-scan", "Scan of the OT network", new("T0846", "Remote System Discovery", ["Discovery"])),
        ("new-action-commands", "New action commands to a controller", new("T0855", "Unauthorized Command Message", ["Impair Process Control"])),
        ("uncommon-ics-reprogram", "Uncommon ICS reprogram", new("T0843", "Program Download", ["Lateral Movement"])),
        ("discover-commands", "Multiple new discover commands", new("T0888", "Remote System Information Discovery", ["Discovery"])),
        ("unusual-ics-connectivity", "Unusual ICS connectivity", new("T0886", "Remote Services", ["Initial Access", "Lateral Movement"])),
        ("it-to-ics-connection", "Anomalous IT to ICS connection", new("T0886", "Remote Services", ["Initial Access", "Lateral Movement"])),
        ("failed-internal-connections", "Multiple failed internal connections", new("T0846", "Remote System Discovery", ["Discovery"])),
        ("unusual-admin-rdp", "Unusual admin RDP session", new("T0886", "Remote Services", ["Initial Access", "Lateral Movement"])),
        ("non-ics-on-ics-port", "Non-ICS traffic on an ICS port", new("T0869", "Standard Application Layer Protocol", ["Command and Control"])),
    ];

    public static string PickRole(Random random)
    {
        int roll = random.Next(100);
        foreach ((string role, int weight) in Roles)
        {
            if (roll < weight)
            {
                return role;
            }

            roll -= weight;
        }

        return DeviceRoles.Unknown;
    }

    public static ZoneAssignment ZoneOf(string role, Random random) => role switch
    {
        DeviceRoles.Plc => random.Next(10) == 0 ? Field : Control,
        DeviceRoles.Hmi => Supervisory,
        DeviceRoles.EngineeringWorkstation => Operations,
        DeviceRoles.ItHost => random.Next(10) < 7 ? Enterprise : Operations,
        DeviceRoles.NetworkInfrastructure => random.Next(2) == 0 ? Control : Supervisory,
        _ => AllZones[random.Next(AllZones.Length)],
    };

    private static ZoneAssignment Zone(string name, int level, string domain) =>
        new() { Name = name, PurdueLevel = level, Source = "config", Domain = domain };
}
