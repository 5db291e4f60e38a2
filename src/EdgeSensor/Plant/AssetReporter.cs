using System.Globalization;
using Edge.Contracts.Assets;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Devices;
using EdgeSensor.Plant.Identity;
using EdgeSensor.Plant.Roles;

namespace EdgeSensor.Plant;

/// <summary>Turns the plant model into <see cref="AssetRecord"/>s (report time, not the hot path).</summary>
public static class AssetReporter
{
    /// <summary>A MAC that is the source of this many addresses belongs to a router, not to any of them.</summary>
    public const int RouterMacThreshold = 3;

    /// <summary>Peers listed per asset (the busiest first).</summary>
    public const int MaxPeers = 64;

    public static List<AssetRecord> Snapshot(PlantModel model)
    {
        model.Settle();
        var devices = model.Devices.AsSpan();
        var relations = model.Relations.AsSpan().ToArray();
        var byClient = relations.ToLookup(r => r.Key.Client);
        var byServer = relations.ToLookup(r => r.Key.Server);
        var macUse = new Dictionary<ulong, int>();
        foreach (ref readonly Device d in devices)
        {
            if (d.Mac != 0)
            {
                macUse[d.Mac] = macUse.GetValueOrDefault(d.Mac) + 1;
            }
        }

        var result = new List<AssetRecord>(devices.Length);
        for (int i = 0; i < devices.Length; i++)
        {
            result.Add(Build(model, i, in devices[i], byClient[i].ToList(), byServer[i].ToList(), macUse));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.AssetId, b.AssetId));
        return result;
    }

    private static AssetRecord Build(PlantModel model, int index, in Device d, List<Relation> asClient, List<Relation> asServer, Dictionary<ulong, int> macUse)
    {
        var profile = model.Devices.TryGetProfile(index);
        var identity = IdentityMapper.ToContract(profile);
        var role = RoleInference.Infer(in d, asClient, asServer, IdentityMapper.Summary(profile), r => model.Relations.DetailOf(in r));
        bool ownMac = d.Mac != 0 && macUse.GetValueOrDefault(d.Mac) < RouterMacThreshold;
        var macs = new List<string>();
        if (d.Mac != 0)
        {
            macs.Add(FormatMac(d.Mac));
        }

        if (d.PreviousMac != 0 && d.PreviousMac != d.Mac)
        {
            macs.Add(FormatMac(d.PreviousMac));
        }

        var vlans = new List<int>();
        if (d.Tagged)
        {
            vlans.Add(d.Vlan);
            if (d.OtherVlan != 0)
            {
                vlans.Add(d.OtherVlan);
            }
        }

        if (!ownMac && d.Mac != 0)
        {
            role = role with { Evidence = [.. role.Evidence, $"its MAC {FormatMac(d.Mac)} is shared by {macUse[d.Mac]} addresses: routed, the MAC is a router's"] };
        }

        var used = new List<string>();
        var served = new List<string>();
        for (var k = ServiceKind.S7Comm; k <= ServiceKind.OtherUdp; k++)
        {
            if (d.Used.Contains(k))
            {
                used.Add(Services.Name(k));
            }

            if (d.Served.Contains(k))
            {
                served.Add(Services.Name(k));
            }
        }

        var devices = model.Devices;
        var peers = asClient.Select(r => Peer(devices, r, model.Relations.DetailOf(in r), r.Key.Server, "client"))
            .Concat(asServer.Select(r => Peer(devices, r, model.Relations.DetailOf(in r), r.Key.Client, "server")))
            .OrderByDescending(p => p.Bytes).ThenBy(p => p.Peer, StringComparer.Ordinal).Take(MaxPeers).ToList();

        return new AssetRecord
        {
            AssetId = d.Address.ToString(),
            IpAddresses = [d.Address.ToString()],
            MacAddresses = macs,
            Vlans = vlans,
            MacVendor = ownMac ? OuiTable.Default.Lookup(d.Mac) : null,
            FirstSeen = Time(d.FirstSeen),
            LastSeen = Time(d.LastSeen),
            IsNew = d.IsNew,
            Identity = identity,
            Role = role,
            Zone = ZoneOf(model, in d, role),
            ProtocolsServed = served,
            ProtocolsUsed = used,
            Peers = peers,
            Traffic = new TrafficSummary
            {
                PacketsSent = d.PacketsSent,
                PacketsReceived = d.PacketsReceived,
                BytesSent = d.BytesSent,
                BytesReceived = d.BytesReceived,
                FanOut = asClient.Select(r => r.Key.Server).Distinct().Count(),
                FailedConnections = d.FailedConnections,
                BytesPerMinuteMean = Math.Round(d.Rate.BytesPerMinute.Mean, 1),
                BytesPerMinuteStdDev = Math.Round(d.Rate.BytesPerMinute.StdDev, 1),
                ActiveMinutesByHour = Hours(in d),
            },
            Tls = d.TlsClientHellos == 0 && d.TlsCertificatesServed == 0 ? null : new TlsSummary
            {
                ClientHellos = d.TlsClientHellos,
                ClientHellosWithoutSni = d.TlsClientHellosWithoutSni,
                ServerNamesRequested = profile?.ServerNames.Order(StringComparer.Ordinal).ToList() ?? [],
                CertificatesServed = profile?.Certificates.Select(c => new CertificateSummary
                {
                    Subject = c.Subject,
                    Issuer = c.Issuer,
                    CommonName = c.CommonName,
                    NotBefore = c.NotBefore,
                    NotAfter = c.NotAfter,
                    SelfSigned = c.IsSelfSigned,
                    Sha256 = c.Sha256Fingerprint,
                }).ToList() ?? [],
            },
            Rdp = d.RdpRequestsSent == 0 && d.RdpRequestsReceived == 0 ? null : new RdpSummary
            {
                ConnectionRequestsSent = d.RdpRequestsSent,
                ConnectionRequestsReceived = d.RdpRequestsReceived,
                CookieUserNames = profile?.RdpUserNames.Order(StringComparer.Ordinal).ToList() ?? [],
                RequestedProtocols = RdpProtocolNames(profile),
                RestrictedAdminRequested = profile?.RdpRestrictedAdmin ?? false,
            },
        };
    }

    private static List<string> RdpProtocolNames(DeviceProfile? profile)
    {
        var names = new List<string>();
        if (profile is null)
        {
            return names;
        }

        if (profile.RdpStandardSecurityRequested)
        {
            names.Add("rdp");
        }

        (uint Bit, string Name)[] known = [(0x01, "tls"), (0x02, "credssp"), (0x04, "rdstls"), (0x08, "credssp-ex"), (0x10, "rdsaad")];
        foreach (var (bit, name) in known)
        {
            if ((profile.RdpRequestedProtocols & bit) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static ZoneAssignment ZoneOf(PlantModel model, in Device d, RoleAssessment role)
    {
        var configured = model.Options.Zones.Find(d.Address, d.Vlan);
        if (configured is not null)
        {
            return new ZoneAssignment { Name = configured.Name, PurdueLevel = configured.PurdueLevel, Source = "config", Domain = configured.Domain };
        }

        bool ot = Services.Ics.Any(d.Served) || Services.Ics.Any(d.Used);
        int? level = role.Role switch
        {
            DeviceRoles.Plc => 1,
            DeviceRoles.Hmi or DeviceRoles.EngineeringWorkstation => 2,
            DeviceRoles.ItHost => 4,
            _ => null,
        };
        return ot
            ? new ZoneAssignment { Name = "OT (inferred: speaks ICS protocols)", PurdueLevel = level, Source = "inferred", Domain = "ot" }
            : new ZoneAssignment { Name = "IT (inferred: no ICS protocol seen)", PurdueLevel = level, Source = "inferred", Domain = "it" };
    }

    private static PeerSummary Peer(DeviceTable devices, Relation r, IcsRelationDetail x, int peer, string direction)
    {
        var functions = new List<string>();
        for (int fc = 0; fc < 256; fc++)
        {
            if (x.ModbusFunctions.Contains((byte)fc))
            {
                functions.Add(string.Create(CultureInfo.InvariantCulture, $"modbus:{fc}"));
            }
        }

        for (int f = 0; f < 256; f++)
        {
            if (x.S7Functions.Contains((byte)f))
            {
                functions.Add(string.Create(CultureInfo.InvariantCulture, $"s7:0x{f:x2}"));
            }

            if (x.S7UserdataFunctions.Contains((byte)f))
            {
                functions.Add(string.Create(CultureInfo.InvariantCulture, $"s7:userdata-{f >> 5}/{f & 0x1f}"));
            }

            if (x.S7PlusFunctions.Contains((byte)f))
            {
                // Known S7comm-plus function codes are 0x04B1-0x04FC and 0x0506-0x059A: the low byte tells them apart.
                int function = f >= 0xB0 ? 0x0400 | f : 0x0500 | f;
                functions.Add(string.Create(CultureInfo.InvariantCulture, $"s7plus:0x{function:x4}"));
            }
        }

        for (int i = 0; i < x.SzlIds.Count; i++)
        {
            functions.Add(string.Create(CultureInfo.InvariantCulture, $"s7:szl-0x{x.SzlIds[i]:x4}"));
        }

        return new PeerSummary
        {
            Peer = devices[peer].Address.ToString(),
            Protocol = Services.Name(r.Service),
            ServerPort = r.Key.ServerPort,
            Direction = direction,
            Packets = r.PacketsToServer + r.PacketsToClient,
            Bytes = r.BytesToServer + r.BytesToClient,
            Functions = functions,
        };
    }

    private static List<int> Hours(in Device d)
    {
        var hours = new List<int>(24);
        for (int h = 0; h < 24; h++)
        {
            hours.Add(d.Rate.ActiveMinutesByHour[h]);
        }

        return hours;
    }

    public static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static string FormatMac(ulong mac) => string.Create(CultureInfo.InvariantCulture,
        $"{(mac >> 40) & 0xFF:x2}:{(mac >> 32) & 0xFF:x2}:{(mac >> 24) & 0xFF:x2}:{(mac >> 16) & 0xFF:x2}:{(mac >> 8) & 0xFF:x2}:{mac & 0xFF:x2}");
}
