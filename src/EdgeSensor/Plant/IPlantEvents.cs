using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Plant;

/// <summary>
/// What the plant model tells detection, as it happens, on the capture thread. Device and relation arguments are
/// indices into the model's tables, valid during the call. Implementations must not block; they may allocate only
/// when they raise an anomaly (rare by design).
/// </summary>
public interface IPlantEvents
{
    void OnNewDevice(PlantModel model, int device);

    /// <summary>A TCP SYN (or first UDP datagram) from a device.</summary>
    void OnConnectionAttempt(PlantModel model, int client, NetAddress server, ushort serverPort, byte transport);

    /// <summary>An attempt refused (RST) or never answered.</summary>
    void OnConnectionFailed(PlantModel model, int client, NetAddress server, ushort serverPort, bool refused);

    void OnNewRelation(PlantModel model, int relation);

    void OnIcsRequest(PlantModel model, in IcsEvent request);

    void OnTlsClientHello(PlantModel model, int client, NetAddress server, ushort serverPort, bool hasServerName);

    /// <summary>A server presented a certificate (inspected once per distinct certificate; facts may be shared).</summary>
    void OnCertificate(PlantModel model, int server, NetAddress client, TlsCertificateFacts facts);

    void OnRdpRequest(PlantModel model, int client, NetAddress server, in RdpConnectionRequest request);

    /// <summary>Bytes on an ICS port that are not that protocol (TLS on 502, a scanner's probe on 102).</summary>
    void OnForeignTrafficOnIcsPort(PlantModel model, in PduContext context);

    /// <summary>What looks like Modbus/TCP or S7 on a port that is not theirs.</summary>
    void OnIcsOnNonStandardPort(PlantModel model, in PduContext context, IcsProtocol looksLike);
}
