using System.Diagnostics;
using System.Text;

namespace EdgeSensor.Tests.Lab;

/// <summary>A background tool started in a lab namespace; disposing kills it (by its own process id) and waits.</summary>
public sealed class LabService : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    internal LabService(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits for a line of output containing <paramref name="text"/> (e.g. tcpdump's "listening on").</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            Thread.Sleep(50);
        }

        return false;
    }

    /// <summary>Sends a signal (e.g. "INT") to this process, by its id.</summary>
    public void Signal(string signal)
    {
        if (!_process.HasExited)
        {
            LabProcess.Run("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Sends SIGINT (tcpdump then flushes and closes its file) and waits; kills if it does not stop.</summary>
    public void Interrupt(TimeSpan timeout)
    {
        Signal("INT");

        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    public int ExitCode => _process.ExitCode;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
