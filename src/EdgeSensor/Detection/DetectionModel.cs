using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;

namespace EdgeSensor.Detection;

/// <summary>
/// One detection model: a small unit with its id, title, ATT&amp;CK for ICS techniques and thresholds (in
/// <see cref="DetectionOptions"/>). It listens to the plant events it needs and raises anomalies through the context.
/// </summary>
public abstract class DetectionModel
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    public abstract IReadOnlyList<string> Techniques { get; }

    /// <summary>False for models that compare with a learned baseline (they stay silent without one).</summary>
    public virtual bool NeedsNoBaseline => false;

    public virtual void OnNewDevice(DetectionContext c, int device)
    {
    }

    public virtual void OnConnectionAttempt(DetectionContext c, int client, NetAddress server, ushort serverPort, byte transport)
    {
    }

    public virtual void OnConnectionFailed(DetectionContext c, int client, NetAddress server, ushort serverPort, bool refused)
    {
    }

    public virtual void OnNewRelation(DetectionContext c, int relation)
    {
    }

    public virtual void OnIcsRequest(DetectionContext c, in IcsEvent request)
    {
    }

    public virtual void OnTlsClientHello(DetectionContext c, int client, NetAddress server, ushort serverPort, bool hasServerName)
    {
    }

    public virtual void OnCertificate(DetectionContext c, int server, NetAddress client, TlsCertificateFacts facts)
    {
    }

    public virtual void OnRdpRequest(DetectionContext c, int client, NetAddress server, in RdpConnectionRequest request)
    {
    }

    public virtual void OnForeignTrafficOnIcsPort(DetectionContext c, in PduContext context)
    {
    }

    public virtual void OnIcsOnNonStandardPort(DetectionContext c, in PduContext context, IcsProtocol looksLike)
    {
    }
}
