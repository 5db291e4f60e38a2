namespace EdgeSensor.Plant.Baselines;

/// <summary>A set of byte values (function codes, unit ids) as 256 bits.</summary>
public struct Bitmap256
{
    private ulong _a;
    private ulong _b;
    private ulong _c;
    private ulong _d;

    /// <summary>Sets the bit; true when it was clear (the value is new).</summary>
    public bool Add(byte value)
    {
        ref ulong word = ref Word(value);
        ulong bit = 1UL << (value & 63);
        bool added = (word & bit) == 0;
        word |= bit;
        return added;
    }

    public readonly bool Contains(byte value)
    {
        ulong word = (value >> 6) switch { 0 => _a, 1 => _b, 2 => _c, _ => _d };
        return (word & (1UL << (value & 63))) != 0;
    }

    public readonly int Count =>
        System.Numerics.BitOperations.PopCount(_a) + System.Numerics.BitOperations.PopCount(_b)
        + System.Numerics.BitOperations.PopCount(_c) + System.Numerics.BitOperations.PopCount(_d);

    private ref ulong Word(byte value)
    {
        switch (value >> 6)
        {
            case 0: return ref _a;
            case 1: return ref _b;
            case 2: return ref _c;
            default: return ref _d;
        }
    }
}
