using System.Runtime.CompilerServices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>Up to 8 distinct 16-bit values inline (SZL ids, DB numbers); more only sets an overflow flag.</summary>
public struct SmallSet16
{
    public const int Capacity = 8;

    private Values _values;
    private byte _count;

    public readonly int Count => _count;

    /// <summary>More distinct values were seen than fit.</summary>
    public bool Overflowed;

    public readonly ushort this[int i] => _values[i];

    public readonly bool Contains(ushort value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the value; true when it was not there before (a new value, even if it did not fit).</summary>
    public bool Add(ushort value)
    {
        if (Contains(value))
        {
            return false;
        }

        if (_count < Capacity)
        {
            _values[_count++] = value;
        }
        else
        {
            Overflowed = true;
        }

        return true;
    }

    [InlineArray(Capacity)]
    private struct Values
    {
        private ushort _value;
    }
}
