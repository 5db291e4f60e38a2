namespace EdgeSensor.Plant.Baselines;

/// <summary>Welford's running mean and variance in 12 bytes (float precision is plenty for per-shift byte rates).</summary>
public struct CompactStats
{
    public uint Count;
    public float Mean;
    public float M2;

    public readonly double Variance => Count > 1 ? M2 / (Count - 1) : 0;

    public readonly double StdDev => Math.Sqrt(Variance);

    public void Add(double value)
    {
        if (Count == uint.MaxValue)
        {
            return;
        }

        Count++;
        double delta = value - Mean;
        double mean = Mean + (delta / Count);
        M2 = (float)(M2 + (delta * (value - mean)));
        Mean = (float)mean;
    }
}
