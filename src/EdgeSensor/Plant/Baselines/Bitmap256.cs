using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>A set of byte values (function codes, unit ids) as 256 bits, inline.</summary>
public struct Bitmap256
{
    private Words _words;

    /// <summary>Sets the bit; true when it was clear (the value is new).</summary>
    public bool Add(byte value)
    {
        ulong bit = 1UL << (value & 63);
        ref ulong word = ref _words[value >> 6];
        bool added = (word & bit) == 0;
        word |= bit;
        return added;
    }

    public readonly bool Contains(byte value) => (_words[value >> 6] & (1UL << (value & 63))) != 0;

    public readonly int Count =>
        BitOperations.PopCount(_words[0]) + BitOperations.PopCount(_words[1]) + BitOperations.PopCount(_words[2]) + BitOperations.PopCount(_words[3]);

    [InlineArray(4)]
    private struct Words
    {
        private ulong _word;
    }
}
