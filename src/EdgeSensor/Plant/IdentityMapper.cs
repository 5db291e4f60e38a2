using Edge.Contracts.Assets;
using EdgeSensor.Plant.Devices;
using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Plant;

/// <summary>From the live identity parsers' state to the wire record, and a one-line summary for role evidence.</summary>
public static class IdentityMapper
{
    public static DeviceIdentity? ToContract(DeviceProfile? profile)
    {
        if (profile is null)
        {
            return null;
        }

        var s7 = profile.S7;
        var mb = profile.Modbus;
        var (state, since) = OperatingState(s7);
        bool s7Known = s7 is not null && (s7.OrderNumber is not null || s7.PlcName is not null || s7.ModuleName is not null
            || s7.SerialNumber is not null || state is not null);
        bool mbKnown = mb is not null && (mb.VendorName is not null || mb.ProductCode is not null || mb.ProductName is not null);
        if (!s7Known && !mbKnown)
        {
            return profile.Restored;
        }

        var sources = new List<string>();
        if (s7Known)
        {
            sources.Add("s7-szl");
        }

        if (mbKnown)
        {
            sources.Add("modbus-fc43");
        }

        var r = profile.Restored;
        return new DeviceIdentity
        {
            Vendor = mbKnown ? mb!.VendorName : s7Known && s7!.OrderNumber is not null ? "Siemens" : r?.Vendor,
            OrderNumber = s7Known && s7!.OrderNumber is not null ? s7.OrderNumber : mbKnown ? mb!.ProductCode : r?.OrderNumber,
            ProductName = mbKnown ? mb!.ProductName ?? mb.ModelName : r?.ProductName,
            ModuleType = s7Known ? s7!.ModuleTypeName : r?.ModuleType,
            HardwareVersion = s7Known ? s7!.HardwareVersion : r?.HardwareVersion,
            FirmwareVersion = s7Known && s7!.FirmwareVersion is not null ? s7.FirmwareVersion : mbKnown ? mb!.MajorMinorRevision : r?.FirmwareVersion,
            PlcName = s7Known ? s7!.PlcName : r?.PlcName,
            ModuleName = s7Known ? s7!.ModuleName : r?.ModuleName,
            PlantId = s7Known ? s7!.PlantId : r?.PlantId,
            Copyright = s7Known ? s7!.Copyright : r?.Copyright,
            SerialNumber = s7Known ? s7!.SerialNumber : r?.SerialNumber,
            OperatingState = state ?? r?.OperatingState,
            OperatingStateSince = since ?? r?.OperatingStateSince,
            Sources = sources,
        };
    }

    /// <summary>
    /// The PLC's state: what it last reported (SZL 0x0424, mode pushes), unless a stop or start it acknowledged came later.
    /// </summary>
    private static (string? State, DateTimeOffset? Since) OperatingState(S7DeviceIdentity? s7)
    {
        if (s7 is null)
        {
            return (null, null);
        }

        bool reported = s7.OperatingState != S7OperatingState.Unknown;
        bool commanded = s7.LastCommandAcknowledged && s7.LastCommand != S7PlcCommand.None
            && (!reported || s7.LastCommandMicros > s7.OperatingStateSinceMicros);
        if (commanded)
        {
            return (s7.LastCommand == S7PlcCommand.Stop ? "STOP" : "RUN", AssetReporter.Time(s7.LastCommandMicros));
        }

        return reported ? (s7.OperatingState.ToString().ToUpperInvariant(), AssetReporter.Time(s7.OperatingStateSinceMicros)) : (null, null);
    }

    /// <summary>"6ES7 315-2EH14-0AB0, firmware V3.3.10, PLC name 'SNAP7-SERVER'" and the like; null when nothing is known.</summary>
    public static string? Summary(DeviceProfile? profile)
    {
        var id = ToContract(profile);
        if (id is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (id.Vendor is not null)
        {
            parts.Add(id.Vendor);
        }

        if (id.OrderNumber is not null)
        {
            parts.Add(id.OrderNumber);
        }

        if (id.FirmwareVersion is not null)
        {
            parts.Add($"firmware {id.FirmwareVersion}");
        }

        if (id.PlcName is not null)
        {
            parts.Add($"PLC name '{id.PlcName}'");
        }

        if (id.OperatingState is not null)
        {
            parts.Add($"state {id.OperatingState}");
        }

        return parts.Count == 0 ? null : $"{string.Join(", ", parts)} ({string.Join(", ", id.Sources)})";
    }
}
