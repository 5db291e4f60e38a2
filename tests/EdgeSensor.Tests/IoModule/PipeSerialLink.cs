using System.Buffers;
using System.IO.Pipelines;
using Edge.IoModule.Firmware.Hardware;

namespace EdgeSensor.Tests.IoModule;

/// <summary>The module's UART as two in-memory pipes: it reads what the sensor wrote, never blocking.</summary>
internal sealed class PipeSerialLink(PipeReader fromSensor, PipeWriter toSensor) : ISerialLink
{
    public int Read(byte[] buffer, int offset, int count)
    {
        if (!fromSensor.TryRead(out var result))
        {
            return 0;
        }

        int n = (int)Math.Min(count, result.Buffer.Length);
        result.Buffer.Slice(0, n).CopyTo(buffer.AsSpan(offset, n));
        fromSensor.AdvanceTo(result.Buffer.GetPosition(n));
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        toSensor.Write(buffer.AsSpan(offset, count));
        toSensor.FlushAsync().AsTask().GetAwaiter().GetResult();
    }
}
