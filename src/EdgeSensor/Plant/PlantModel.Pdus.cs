using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Devices;
using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Plant;

public sealed partial class PlantModel
{
    private IcsRelationDetail _scratchDetail;

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame)
    {
        if (!TryRelation(in context, out int client, out int server, out int relation))
        {
            return;
        }

        ref Relation r = ref Relations[relation];
        if (!context.ToServer)
        {
            Devices[server].IcsResponses++;
            if (!adu.IsException && adu.RawFunctionCode == 43)
            {
                ModbusIdentityParser.Apply(Devices.Profile(server).Modbus ??= new ModbusDeviceIdentity(), bytes, _now);
            }

            return;
        }

        CountRequest(ref r);
        ref IcsRelationDetail x = ref Ics(relation);
        bool newFunction = x.ModbusFunctions.Add(adu.RawFunctionCode);
        bool newUnit = x.ModbusUnitIds.Add(adu.UnitId);
        var category = ModbusCategory(adu.RawFunctionCode);
        Report(relation, ServiceKind.Modbus, IcsEventKind.Function, category, adu.RawFunctionCode, newFunction);
        if (newUnit)
        {
            Report(relation, ServiceKind.Modbus, IcsEventKind.UnitId, category, adu.UnitId, true);
        }

        ref Device c = ref Devices[client];
        switch (adu.RawFunctionCode)
        {
            case 1 or 2 or 3 or 4 or 20 or 24:
                c.IcsReadRequests++;
                r.ReadRequests++;
                if (adu.TryGetReferenceNumber(out ushort start) && adu.TryGetQuantity(out ushort count)
                    && Widen(ref x.ModbusReadLow, ref x.ModbusReadHigh, ref x.ModbusReadRangeSet, start, count))
                {
                    Report(relation, ServiceKind.Modbus, IcsEventKind.ReadRange, IcsCategory.Read, start, true);
                }

                break;
            case 5 or 6 or 15 or 16 or 21 or 22:
                c.IcsWriteRequests++;
                r.WriteRequests++;
                if (adu.TryGetReferenceNumber(out ushort wstart))
                {
                    ushort wcount = adu.TryGetQuantity(out ushort q) ? q : (ushort)1;
                    if (Widen(ref x.ModbusWriteLow, ref x.ModbusWriteHigh, ref x.ModbusWriteRangeSet, wstart, wcount))
                    {
                        Report(relation, ServiceKind.Modbus, IcsEventKind.WriteRange, IcsCategory.Write, wstart, true);
                    }
                }

                break;
            case 23:
                c.IcsReadRequests++;
                c.IcsWriteRequests++;
                r.ReadRequests++;
                r.WriteRequests++;
                _ = Widen(ref x.ModbusReadLow, ref x.ModbusReadHigh, ref x.ModbusReadRangeSet, adu.ReadReferenceNumber, adu.ReadQuantity);
                if (Widen(ref x.ModbusWriteLow, ref x.ModbusWriteHigh, ref x.ModbusWriteRangeSet, adu.WriteReferenceNumber, adu.WriteQuantity))
                {
                    Report(relation, ServiceKind.Modbus, IcsEventKind.WriteRange, IcsCategory.Write, adu.WriteReferenceNumber, true);
                }

                break;
            case 7 or 8 or 11 or 12 or 17 or 43:
                c.DiscoverRequests++;
                break;
            case 90 or 125 or 126:
                c.IcsProgramRequests++;
                break;
        }
    }

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu)
    {
    }

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl)
    {
        if (!TryRelation(in context, out int client, out int server, out int relation))
        {
            return;
        }

        var reader = new S7CommReader(pdu);
        if (reader.TryRead(out var s7, out _) == DecodeStatus.NotThisProtocol)
        {
            return;
        }

        ref Relation r = ref Relations[relation];

        // What the CPU says about itself (SZL answers, mode pushes) and the commands sent to it (stop, start).
        if (s7.IsUserdata || (s7.HasFunction && s7.RawFunction is 0x28 or 0x29))
        {
            S7IdentityParser.Apply(Devices.Profile(server).S7 ??= new S7DeviceIdentity(), in s7, szl, _now, context.FlowId);
        }

        if (!context.ToServer)
        {
            ref Device sd = ref Devices[server];
            sd.IcsResponses++;
            sd.Served.Add(ServiceKind.S7Comm);
            return;
        }

        ref Device c = ref Devices[client];
        if (header.Rosctr == S7Rosctr.Job && s7.HasFunction)
        {
            CountRequest(ref r);
            bool newFunction = Ics(relation).S7Functions.Add(s7.RawFunction);
            Report(relation, ServiceKind.S7Comm, IcsEventKind.Function, S7JobCategory(s7.RawFunction), s7.RawFunction, newFunction);
            switch (s7.RawFunction)
            {
                case 0x04:
                    c.IcsReadRequests++;
                    r.ReadRequests++;
                    AddDataBlocks(relation, in s7, IcsCategory.Read);
                    break;
                case 0x05:
                    c.IcsWriteRequests++;
                    r.WriteRequests++;
                    AddDataBlocks(relation, in s7, IcsCategory.Write);
                    break;
                case >= 0x1A and <= 0x1F:
                    c.IcsProgramRequests++;
                    break;
                case 0x28:
                    c.IcsProgramRequests++;
                    c.IcsControlRequests++;
                    break;
                case 0x29:
                    c.IcsControlRequests++;
                    break;
            }
        }
        else if (s7.IsUserdata && s7.UserdataType == S7UserdataType.Request)
        {
            CountRequest(ref r);
            byte group = (byte)s7.FunctionGroup;
            byte userdata = (byte)(((group & 0x07) << 5) | (s7.Subfunction & 0x1F));
            ref IcsRelationDetail x = ref Ics(relation);
            bool newUserdata = x.S7UserdataFunctions.Add(userdata);
            Report(relation, ServiceKind.S7Comm, IcsEventKind.Function, S7UserdataCategory(group, s7.Subfunction), (ushort)(0x100 | userdata), newUserdata);
            if (szl.Present)
            {
                bool newSzl = x.SzlIds.Add(szl.Id);
                c.DiscoverRequests++;
                Report(relation, ServiceKind.S7Comm, IcsEventKind.Szl, IcsCategory.Discover, szl.Id, newSzl);
            }
            else if (group == 3 || (group == 7 && s7.Subfunction == 1))
            {
                c.DiscoverRequests++;
            }
            else if ((group == 7 && s7.Subfunction is 2 or 4) || group == 5 || group == 1)
            {
                c.IcsControlRequests++;
            }
        }
    }

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload)
    {
        if (!TryRelation(in context, out int client, out int server, out int relation))
        {
            return;
        }

        ref Relation r = ref Relations[relation];
        if (r.Service != ServiceKind.S7CommPlus)
        {
            r.Service = ServiceKind.S7CommPlus;
            Devices[client].Used.Add(ServiceKind.S7CommPlus);
            Devices[server].Served.Add(ServiceKind.S7CommPlus);
        }

        if (!context.ToServer)
        {
            if (header.HasOpcode && header.Opcode == (byte)S7PlusOpcode.Response)
            {
                Devices[server].IcsResponses++;
            }

            return;
        }

        if (!header.HasOpcode || header.Opcode != (byte)S7PlusOpcode.Request || !header.HasFunction)
        {
            return;
        }

        CountRequest(ref r);
        bool newFunction = Ics(relation).S7PlusFunctions.Add((byte)header.Function);
        Report(relation, ServiceKind.S7CommPlus, IcsEventKind.Function, S7PlusCategory(header.Function), header.Function, newFunction);
        ref Device c = ref Devices[client];
        switch ((S7PlusFunction)header.Function)
        {
            case S7PlusFunction.GetMultiVariables or S7PlusFunction.GetVariable or S7PlusFunction.GetVarSubStreamed:
                c.IcsReadRequests++;
                r.ReadRequests++;
                break;
            case S7PlusFunction.SetMultiVariables or S7PlusFunction.SetVarSubStreamed:
                c.IcsWriteRequests++;
                r.WriteRequests++;
                break;
            case S7PlusFunction.SetVariable:
                c.IcsControlRequests++;
                break;
            case S7PlusFunction.BeginSequence or S7PlusFunction.EndSequence or S7PlusFunction.Invoke:
                c.IcsProgramRequests++;
                break;
            case S7PlusFunction.Explore:
                c.DiscoverRequests++;
                break;
        }
    }

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason)
    {
    }

    public void OnForeignTraffic(in PduContext context, IcsProtocol expected) => Events?.OnForeignTrafficOnIcsPort(this, in context);

    public void OnIcsOnNonStandardPort(in PduContext context, IcsProtocol looksLike) => Events?.OnIcsOnNonStandardPort(this, in context, looksLike);

    private bool TryRelation(in PduContext context, out int client, out int server, out int relation)
    {
        var clientAddress = context.ToServer ? context.Source : context.Destination;
        var serverAddress = context.ToServer ? context.Destination : context.Source;
        ushort serverPort = context.ToServer ? context.DestinationPort : context.SourcePort;
        relation = -1;
        server = -1;
        client = -1;
        if (!IsUnicast(clientAddress) || !IsUnicast(serverAddress))
        {
            return false;
        }

        // An ICS PDU to an address proves a device there even before it has answered (a capture that starts mid-connection).
        client = GetOrAddDevice(clientAddress, _now);
        server = GetOrAddDevice(serverAddress, _now);

        var key = new RelationKey(client, server, 6, serverPort);
        if (!Relations.TryFind(in key, out relation))
        {
            relation = Relations.GetOrAdd(in key, _now, out bool added);
            if (added)
            {
                ref Relation r = ref Relations[relation];
                r.Service = Services.FromPort(6, serverPort);
                r.IsNew = !IsLearning;
                Devices[client].ClientRelations++;
                Devices[server].ServerRelations++;
                Devices[client].Used.Add(r.Service);
                Devices[server].Served.Add(r.Service);
                Events?.OnNewRelation(this, relation);
            }
        }

        return true;
    }

    /// <summary>The ICS detail of a relation, made on first need; a scratch one when the detail table is full (counted there).</summary>
    private ref IcsRelationDetail Ics(int relation)
    {
        if (Relations.TryGetIcsDetail(relation, create: true, out int detail))
        {
            return ref Relations.Detail(detail);
        }

        _scratchDetail = default;
        return ref _scratchDetail;
    }

    private void CountRequest(ref Relation r)
    {
        if (r.Requests == 0)
        {
            r.FirstRequest = _now;
        }

        r.Requests++;
        r.LastRequest = _now;
    }

    /// <summary>Widens a learned address range; true when the request went outside it (or it is the first).</summary>
    private static bool Widen(ref ushort low, ref ushort high, ref bool set, ushort start, ushort count)
    {
        int end = Math.Min(ushort.MaxValue, start + Math.Max(1, (int)count) - 1);
        if (!set)
        {
            low = start;
            high = (ushort)end;
            set = true;
            return true;
        }

        if (start >= low && end <= high)
        {
            return false;
        }

        low = Math.Min(low, start);
        high = (ushort)Math.Max(high, end);
        return true;
    }

    /// <summary>Tells detection about a request; only what is new for the relation, or what needs no baseline to matter.</summary>
    private void Report(int relation, ServiceKind protocol, IcsEventKind kind, IcsCategory category, ushort code, bool isNew)
    {
        bool fresh = isNew && !IsLearning;
        if (Events is not null && (fresh || category is IcsCategory.Program or IcsCategory.Control or IcsCategory.Discover))
        {
            Events.OnIcsRequest(this, new IcsEvent(relation, protocol, kind, category, code, fresh));
        }
    }

    /// <summary>Modbus function codes by what they do (Modbus Application Protocol V1.1b3 section 6; 90 Schneider UMAS, 125/126 Modicon programming).</summary>
    public static IcsCategory ModbusCategory(byte functionCode) => functionCode switch
    {
        1 or 2 or 3 or 4 or 20 or 23 or 24 => IcsCategory.Read,
        5 or 6 or 15 or 16 or 21 or 22 => IcsCategory.Write,
        7 or 8 or 11 or 12 or 17 or 43 => IcsCategory.Discover,
        90 or 125 or 126 => IcsCategory.Program,
        _ => IcsCategory.Other,
    };

    private void AddDataBlocks(int relation, in S7Pdu pdu, IcsCategory category)
    {
        var items = pdu.GetRequestItems();
        int guard = 0;
        while (items.MoveNext() && guard++ < 64)
        {
            var item = items.Current;
            if (item.IsS7Any && item.Area == (byte)S7Area.DataBlocks && Ics(relation).DataBlocks.Add(item.DbNumber))
            {
                Report(relation, ServiceKind.S7Comm, IcsEventKind.DataBlock, category, item.DbNumber, true);
            }
        }
    }

    /// <summary>S7 job functions by what they do (parameter function byte).</summary>
    public static IcsCategory S7JobCategory(byte function) => function switch
    {
        0x04 => IcsCategory.Read,
        0x05 => IcsCategory.Write,
        >= 0x1A and <= 0x1F or 0x28 => IcsCategory.Program,
        0x29 => IcsCategory.Control,
        _ => IcsCategory.Other,
    };

    /// <summary>S7 userdata by function group: 3 block functions and 4 CPU functions (SZL) discover, 1 programmer commands, 5 security and time set control.</summary>
    public static IcsCategory S7UserdataCategory(byte group, byte subfunction) => group switch
    {
        3 or 4 => IcsCategory.Discover,
        7 => subfunction is 2 or 4 ? IcsCategory.Control : IcsCategory.Discover,
        1 or 5 => IcsCategory.Control,
        2 => IcsCategory.Read,
        _ => IcsCategory.Other,
    };

    /// <summary>S7comm-plus functions by what they do.</summary>
    public static IcsCategory S7PlusCategory(ushort function) => (S7PlusFunction)function switch
    {
        S7PlusFunction.GetMultiVariables or S7PlusFunction.GetVariable or S7PlusFunction.GetVarSubStreamed or S7PlusFunction.GetLink => IcsCategory.Read,
        S7PlusFunction.SetMultiVariables or S7PlusFunction.SetVarSubStreamed => IcsCategory.Write,
        S7PlusFunction.SetVariable => IcsCategory.Control,
        S7PlusFunction.BeginSequence or S7PlusFunction.EndSequence or S7PlusFunction.Invoke => IcsCategory.Program,
        S7PlusFunction.Explore => IcsCategory.Discover,
        _ => IcsCategory.Other,
    };
}
