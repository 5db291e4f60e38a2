using System.Text.Json;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Plant.Zones;

/// <summary>
/// Subnets and VLANs to named zones with a Purdue level, from a JSON file:
/// <code>{ "zones": [ { "name": "Industrial", "purdueLevel": 1, "subnets": ["10.10.1.0/24"], "vlans": [20] } ] }</code>
/// The first zone whose subnet (or, failing that, VLAN) matches wins.
/// </summary>
public sealed class ZoneMap
{
    public static readonly ZoneMap Empty = new([]);

    // Arrays, not interfaces: Find runs on detection events and must not allocate an enumerator.
    private readonly ZoneDefinition[] _zones;
    private readonly Subnet[][] _subnets;
    private readonly int[][] _vlans;

    public ZoneMap(IReadOnlyList<ZoneDefinition> zones)
    {
        _zones = [.. zones];
        _subnets = [.. zones.Select(z => z.Subnets.ToArray())];
        _vlans = [.. zones.Select(z => z.Vlans.ToArray())];
    }

    public IReadOnlyList<ZoneDefinition> Zones => _zones;

    public bool IsEmpty => Zones.Count == 0;

    public ZoneDefinition? Find(NetAddress address, ushort vlan)
    {
        for (int i = 0; i < _zones.Length; i++)
        {
            foreach (var s in _subnets[i])
            {
                if (s.Contains(address))
                {
                    return _zones[i];
                }
            }
        }

        if (vlan != 0)
        {
            for (int i = 0; i < _zones.Length; i++)
            {
                foreach (int v in _vlans[i])
                {
                    if (v == vlan)
                    {
                        return _zones[i];
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Loads a zones file; a bad file gives a <see cref="ZoneConfigException"/> with a one-line reason.</summary>
    public static ZoneMap Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZoneConfigException($"cannot read zones file {path}: {e.Message}");
        }

        return Parse(text, path);
    }

    public static ZoneMap Parse(string json, string source = "zones")
    {
        ZonesFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, ZonesJsonContext.Default.ZonesFile);
        }
        catch (JsonException e)
        {
            throw new ZoneConfigException($"{source}: not valid zones JSON ({e.Message.Split('\n')[0]})");
        }

        if (file?.Zones is null || file.Zones.Count == 0)
        {
            throw new ZoneConfigException($"{source}: no zones defined (expected {{\"zones\": [...]}})");
        }

        var zones = new List<ZoneDefinition>();
        foreach (var z in file.Zones)
        {
            if (string.IsNullOrWhiteSpace(z.Name))
            {
                throw new ZoneConfigException($"{source}: a zone has no name");
            }

            if (z.PurdueLevel is < 0 or > 5)
            {
                throw new ZoneConfigException($"{source}: zone '{z.Name}' has Purdue level {z.PurdueLevel}, expected 0-5");
            }

            var subnets = new List<Subnet>();
            foreach (string s in z.Subnets ?? [])
            {
                if (!Subnet.TryParse(s, out var subnet))
                {
                    throw new ZoneConfigException($"{source}: zone '{z.Name}' has a bad subnet '{s}'");
                }

                subnets.Add(subnet);
            }

            foreach (int v in z.Vlans ?? [])
            {
                if (v is < 1 or > 4094)
                {
                    throw new ZoneConfigException($"{source}: zone '{z.Name}' has a bad VLAN id {v}");
                }
            }

            if (subnets.Count == 0 && (z.Vlans is null || z.Vlans.Count == 0))
            {
                throw new ZoneConfigException($"{source}: zone '{z.Name}' names no subnet and no VLAN");
            }

            var def = new ZoneDefinition(z.Name, z.PurdueLevel, subnets, z.Vlans ?? []);
            if (z.Domain is { } domain)
            {
                if (domain is not ("ot" or "it"))
                {
                    throw new ZoneConfigException($"{source}: zone '{z.Name}' has domain '{domain}', expected ot or it");
                }

                def = def with { Domain = domain };
            }

            zones.Add(def);
        }

        return new ZoneMap(zones);
    }
}
