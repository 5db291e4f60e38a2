namespace EdgeSensor.Provisioning;

/// <summary>
/// Test hook: <c>EDGE_CRASH_AT=&lt;point&gt;</c> ends the process at once (no cleanup, like a power cut) when
/// provisioning reaches that point, so a test can show that a sensor killed at every step ends up provisioned exactly
/// once. Points: <c>before-request</c>, <c>after-request</c>, <c>after-approval</c>, <c>after-store</c>. Unset in
/// production; it changes nothing else.
/// </summary>
internal static class CrashPoints
{
    public const string Variable = "EDGE_CRASH_AT";

    public static void At(string point)
    {
        if (Environment.GetEnvironmentVariable(Variable) == point)
        {
            Console.Error.WriteLine($"edge-sensor: {Variable}={point}: ending the process here");
            Console.Error.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
