namespace Edge.Contracts.Ocsf;

/// <summary>OCSF identifiers Edge uses (schema 1.1.0, https://schema.ocsf.io/1.1.0/classes/detection_finding).</summary>
public static class OcsfConstants
{
    public const string SchemaVersion = "1.1.0";

    public const int FindingsCategoryUid = 2;

    public const int DetectionFindingClassUid = 2004;

    /// <summary>Finding activity_id.</summary>
    public const int ActivityCreate = 1;
    public const int ActivityUpdate = 2;
    public const int ActivityClose = 3;

    /// <summary>severity_id.</summary>
    public const int SeverityUnknown = 0;
    public const int SeverityInformational = 1;
    public const int SeverityLow = 2;
    public const int SeverityMedium = 3;
    public const int SeverityHigh = 4;
    public const int SeverityCritical = 5;

    /// <summary>Finding status_id.</summary>
    public const int StatusNew = 1;
    public const int StatusOther = 99;

    /// <summary>analytic.type_id 2: Edge's models judge behaviour against a learned baseline or a behavioural rule.</summary>
    public const int AnalyticBehavioral = 2;

    /// <summary>The ATT&amp;CK (for ICS) matrix version the technique ids and tactic names follow.</summary>
    public const string AttackVersion = "v15";

    public const string ProductName = "Edge";
    public const string VendorName = "Edge";

    /// <summary>resources[].type of a device.</summary>
    public const string DeviceResourceType = "device";
}
