using System.Diagnostics;

namespace Collector.Tests.Provisioning.Discovery;

/// <summary>A started program's stdout and stderr lines, read in the background, with a wait for a line; kills it on dispose.</summary>
internal sealed class LabOutput : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _all = [];
    private readonly object _gate = new();

    public LabOutput(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data, stdout: true);
        _process.ErrorDataReceived += (_, e) => Add(e.Data, stdout: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _stdout];
            }
        }
    }

    public string All
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _all);
            }
        }
    }

    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!All.Contains(text, StringComparison.Ordinal))
        {
            if (watch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"'{text}' not seen in {timeout} (exited: {_process.HasExited}):\n{All}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the program (by its own id) and waits until its output is drained.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Add(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _all.Add(line);
            if (stdout)
            {
                _stdout.Add(line);
            }
        }
    }
}
