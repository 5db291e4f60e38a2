namespace EdgeSensor.Capture;

/// <summary>A capture source could not be opened (missing file, not a capture, no permission, no such interface).</summary>
public sealed class CaptureOpenException : Exception
{
    public CaptureOpenException(string message)
        : base(message)
    {
    }

    public CaptureOpenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
