namespace EdgeSensor.Plant.Baselines;

/// <summary>
/// Welford's running mean and variance (Knuth TAOCP vol. 2, 4.2.2): one pass, constant space, numerically stable.
/// </summary>
public struct RunningStats
{
    public long Count;
    public double Mean;
    public double M2;

    public readonly double Variance => Count > 1 ? M2 / (Count - 1) : 0;

    public readonly double StdDev => Math.Sqrt(Variance);

    public void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
    }

    /// <summary>How many standard deviations <paramref name="value"/> lies from the mean (0 when too little is known).</summary>
    public readonly double ZScore(double value)
    {
        double sd = StdDev;
        return Count < 2 || sd <= 0 ? 0 : (value - Mean) / sd;
    }
}
