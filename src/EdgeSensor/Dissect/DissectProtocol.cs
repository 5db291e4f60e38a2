namespace EdgeSensor.Dissect;

/// <summary>Which reference table <c>edge-sensor dissect</c> prints.</summary>
public enum DissectProtocol
{
    Modbus,
    S7,
}
