using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Connections;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant;

public sealed partial class PlantModel
{
    private void TrackConnection(in PacketInfo p, int src, int dst, int frameLength)
    {
        var key = new FlowKey(p.Source, p.SourcePort, p.Destination, p.DestinationPort, p.IpProtocol, p.VlanId);
        bool isTcp = p.IpProtocol == PacketInfo.ProtocolTcp;
        var flags = p.TcpFlags;
        if (!Connections.TryFind(key, out int slot))
        {
            // A lone RST or a reply to nothing opens no conversation worth tracking.
            if (isTcp && (flags & TcpFlags.Rst) != 0)
            {
                return;
            }

            if (Connections.Count == Connections.Capacity)
            {
                int oldest = Connections.LeastRecentlySeen();
                Finish(oldest);
                Connections.Remove(oldest);
                Connections.CountEviction();
            }

            slot = Connections.Add(key, _now);
            ref Connection created = ref Connections[slot];
            bool senderIsClient = SenderIsClient(in p, isTcp);
            created.ClientIsA = key.IsFromA(p.Source, p.SourcePort) == senderIsClient;
            created.State = !isTcp ? ConnectionState.UdpOneWay
                : (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn ? ConnectionState.SynSent
                : (flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack) ? ConnectionState.Established
                : ConnectionState.Midstream;
            if (created.State is ConnectionState.SynSent or ConnectionState.UdpOneWay && senderIsClient)
            {
                Events?.OnConnectionAttempt(this, src, p.Destination, p.DestinationPort, p.IpProtocol);
            }
        }

        ref Connection c = ref Connections[slot];
        c.LastSeen = _now;
        bool fromClient = key.IsFromA(p.Source, p.SourcePort) == c.ClientIsA;
        if (fromClient)
        {
            c.PacketsToServer++;
            c.BytesToServer += frameLength;
        }
        else
        {
            c.PacketsToClient++;
            c.BytesToClient += frameLength;
        }

        if (isTcp)
        {
            switch (c.State)
            {
                case ConnectionState.SynSent when !fromClient && (flags & TcpFlags.Rst) != 0:
                    c.State = ConnectionState.Refused;
                    CountFailure(ref c);
                    break;
                case ConnectionState.SynSent when !fromClient && (flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack):
                    c.State = ConnectionState.Established;
                    break;
                case ConnectionState.Established or ConnectionState.Midstream when (flags & TcpFlags.Rst) != 0:
                    c.State = ConnectionState.Reset;
                    break;
                case ConnectionState.Refused or ConnectionState.Reset or ConnectionState.Closed or ConnectionState.TimedOut
                    when fromClient && (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn:
                    // The 5-tuple is reused by a new attempt.
                    c.State = ConnectionState.SynSent;
                    c.FailureCounted = false;
                    break;
            }

            if ((flags & TcpFlags.Fin) != 0)
            {
                if (fromClient)
                {
                    c.FinFromClient = true;
                }
                else
                {
                    c.FinFromServer = true;
                }

                if (c.FinFromClient && c.FinFromServer)
                {
                    c.State = ConnectionState.Closed;
                }
            }
        }
        else if (!fromClient)
        {
            c.State = ConnectionState.UdpAnswered;
        }

        // A relation is learned once the server has shown itself (it answered, or traffic flows both ways).
        bool answered = c.State is ConnectionState.Established or ConnectionState.Midstream or ConnectionState.UdpAnswered
            or ConnectionState.Closed or ConnectionState.Reset;
        if (!answered || dst < 0)
        {
            return;
        }

        int relation = RelationOf(ref c, fromClient ? src : dst, fromClient ? dst : src, p.IpProtocol, fromClient ? p.DestinationPort : p.SourcePort, out bool added);
        ref Relation r = ref Relations[relation];
        r.LastSeen = _now;
        if (added)
        {
            // The connection's first frame on this relation: it brings all its frames so far, this one included, so the
            // SYN, the frames before the server answered and those before both ends were devices count too.
            r.Connections++;
            r.PacketsToServer += c.PacketsToServer;
            r.PacketsToClient += c.PacketsToClient;
            r.BytesToServer += c.BytesToServer;
            r.BytesToClient += c.BytesToClient;
        }
        else if (fromClient)
        {
            r.PacketsToServer++;
            r.BytesToServer += frameLength;
        }
        else
        {
            r.PacketsToClient++;
            r.BytesToClient += frameLength;
        }
    }

    /// <summary>The relation fed by a connection, cached in the connection while the relation table is unchanged.</summary>
    private int RelationOf(ref Connection c, int client, int server, byte transport, ushort serverPort, out bool newConnection)
    {
        newConnection = false;
        if (c.Relation >= 0 && c.RelationGeneration == Relations.Generation)
        {
            return c.Relation;
        }

        var key = new RelationKey(client, server, transport, serverPort);
        int index = Relations.GetOrAdd(in key, _now, out bool added);
        if (added)
        {
            ref Relation r = ref Relations[index];
            r.Service = Services.FromPort(transport, serverPort);
            r.IsNew = !IsLearning;
            ref Device cd = ref Devices[client];
            ref Device sd = ref Devices[server];
            cd.ClientRelations++;
            sd.ServerRelations++;
            cd.Used.Add(r.Service);
            sd.Served.Add(r.Service);
            Events?.OnNewRelation(this, index);
        }

        newConnection = c.Relation < 0;
        c.Relation = index;
        c.RelationGeneration = Relations.Generation;
        return index;
    }

    private void CountFailure(ref Connection c)
    {
        if (c.FailureCounted)
        {
            return;
        }

        c.FailureCounted = true;
        FailedConnections++;
        var client = c.ClientIsA ? c.Key.A : c.Key.B;
        ushort serverPort = c.ClientIsA ? c.Key.PortB : c.Key.PortA;
        FailedByPort[serverPort]++;
        if (Devices.TryFind(client, out int d))
        {
            Devices[d].FailedConnections++;
            Events?.OnConnectionFailed(this, d, c.ClientIsA ? c.Key.B : c.Key.A, serverPort, c.State == ConnectionState.Refused);
            var server = c.ClientIsA ? c.Key.B : c.Key.A;
            if (Devices.TryFind(server, out int s) && Relations.TryFind(new RelationKey(d, s, c.Key.Protocol, serverPort), out int r))
            {
                Relations[r].FailedConnections++;
            }
        }
    }

    /// <summary>A connection leaves the table: an unanswered SYN is a failed attempt.</summary>
    private void Finish(int slot)
    {
        ref Connection c = ref Connections[slot];
        if (c.State == ConnectionState.SynSent)
        {
            c.State = ConnectionState.TimedOut;
            CountFailure(ref c);
        }
    }

    /// <summary>Unanswered SYNs past the timeout become failures; idle conversations leave the table.</summary>
    private void Sweep()
    {
        var slots = Connections.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            ref Connection c = ref slots[i];
            if (!c.InUse)
            {
                continue;
            }

            if (c.State == ConnectionState.SynSent && _now - c.FirstSeen >= _synTimeoutMicros)
            {
                c.State = ConnectionState.TimedOut;
                CountFailure(ref c);
            }

            if (_now - c.LastSeen >= _idleTimeoutMicros)
            {
                Finish(i);
                Connections.Remove(i);
            }
        }
    }

    /// <summary>Who opened it: the SYN's sender; else the side not on a well-known port; else the higher port.</summary>
    private static bool SenderIsClient(in PacketInfo p, bool isTcp)
    {
        if (isTcp && (p.TcpFlags & TcpFlags.Syn) != 0)
        {
            return (p.TcpFlags & TcpFlags.Ack) == 0;
        }

        bool dstKnown = Services.IsWellKnown(p.IpProtocol, p.DestinationPort);
        bool srcKnown = Services.IsWellKnown(p.IpProtocol, p.SourcePort);
        if (dstKnown != srcKnown)
        {
            return dstKnown;
        }

        return p.SourcePort >= p.DestinationPort;
    }
}
