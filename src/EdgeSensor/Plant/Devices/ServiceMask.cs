namespace EdgeSensor.Plant.Devices;

/// <summary>A set of <see cref="ServiceKind"/> values as one integer.</summary>
public struct ServiceMask
{
    public uint Bits;

    public void Add(ServiceKind kind) => Bits |= 1u << (int)kind;

    public readonly bool Contains(ServiceKind kind) => (Bits & (1u << (int)kind)) != 0;

    public readonly bool Any(ServiceMask other) => (Bits & other.Bits) != 0;

    public readonly bool IsEmpty => Bits == 0;

    public static ServiceMask Of(params ReadOnlySpan<ServiceKind> kinds)
    {
        var m = default(ServiceMask);
        foreach (var k in kinds)
        {
            m.Add(k);
        }

        return m;
    }
}
