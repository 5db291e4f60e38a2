namespace EdgeSensor.Detection.Models;

/// <summary>When a counting model raises: at its threshold, then at each doubling (so a long scan raises a handful of times, not once per probe).</summary>
internal static class Thresholds
{
    public static bool Crossed(int count, int threshold) =>
        count >= threshold && (count == threshold || (count % threshold == 0 && System.Numerics.BitOperations.IsPow2(count / threshold)));

    /// <summary>A score that grows with how far past the threshold: base at the threshold, +step per doubling, capped.</summary>
    public static int Scaled(int count, int threshold, int baseScore, int perDoubling, int cap) =>
        Math.Min(cap, baseScore + (int)(perDoubling * Math.Log2(Math.Max(1.0, (double)count / threshold))));
}
