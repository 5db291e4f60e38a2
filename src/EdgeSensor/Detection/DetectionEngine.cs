using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Detection.Incidents;
using EdgeSensor.Detection.Models;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;

namespace EdgeSensor.Detection;

/// <summary>
/// Runs the detection models on the plant model's events and stitches what they raise into incidents.
/// Models that compare with a baseline run only after a learning period long enough to have one.
/// </summary>
public sealed class DetectionEngine : IPlantEvents
{
    private readonly DetectionContext _context;

    public DetectionEngine(PlantModel model, DetectionOptions? options = null, IReadOnlyList<DetectionModel>? models = null)
    {
        Options = options ?? new DetectionOptions();
        Incidents = new IncidentTracker(Options);
        _context = new DetectionContext(model, Options, Incidents);
        _models = [.. models ?? AllModels()];
        model.Events = this;
    }

    public DetectionOptions Options { get; }

    public IncidentTracker Incidents { get; }

    /// <summary>The models, as an array: a foreach over an interface would allocate an enumerator per packet event.</summary>
    private readonly DetectionModel[] _models;

    public IReadOnlyList<DetectionModel> Models => _models;

    public static IReadOnlyList<DetectionModel> AllModels() =>
    [
        new NewDeviceModel(), new ItToIcsModel(), new AdminRdpModel(), new OtScanModel(), new FailedInternalConnectionsModel(),
        new FailedExternalIcsPortModel(), new FailedToIcsDeviceModel(), new SslWithoutSniModel(), new SelfSignedExternalModel(),
        new DiscoverCommandsModel(), new ActionCommandsModel(), new ReprogramModel(), new IcsConnectivityModel(),
        new ForeignTrafficOnIcsPortModel(), new IcsOnNonStandardPortModel(),
    ];

    public void OnNewDevice(PlantModel model, int device)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnNewDevice(_context, device);
            }
        }
    }

    public void OnConnectionAttempt(PlantModel model, int client, NetAddress server, ushort serverPort, byte transport)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnConnectionAttempt(_context, client, server, serverPort, transport);
            }
        }
    }

    public void OnConnectionFailed(PlantModel model, int client, NetAddress server, ushort serverPort, bool refused)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnConnectionFailed(_context, client, server, serverPort, refused);
            }
        }
    }

    public void OnNewRelation(PlantModel model, int relation)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnNewRelation(_context, relation);
            }
        }
    }

    public void OnIcsRequest(PlantModel model, in IcsEvent request)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnIcsRequest(_context, in request);
            }
        }
    }

    public void OnTlsClientHello(PlantModel model, int client, NetAddress server, ushort serverPort, bool hasServerName)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnTlsClientHello(_context, client, server, serverPort, hasServerName);
            }
        }
    }

    public void OnCertificate(PlantModel model, int server, NetAddress client, TlsCertificateFacts facts)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnCertificate(_context, server, client, facts);
            }
        }
    }

    public void OnRdpRequest(PlantModel model, int client, NetAddress server, in RdpConnectionRequest request)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnRdpRequest(_context, client, server, in request);
            }
        }
    }

    public void OnForeignTrafficOnIcsPort(PlantModel model, in PduContext context)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnForeignTrafficOnIcsPort(_context, in context);
            }
        }
    }

    public void OnIcsOnNonStandardPort(PlantModel model, in PduContext context, IcsProtocol looksLike)
    {
        foreach (var m in _models)
        {
            if (Active(m))
            {
                m.OnIcsOnNonStandardPort(_context, in context, looksLike);
            }
        }
    }

    /// <summary>Closes incidents that went quiet (call at report time and periodically).</summary>
    public void Settle() => Incidents.CloseQuiet(_context.Now);

    private bool Active(DetectionModel m) => m.NeedsNoBaseline || _context.HasBaseline;
}
