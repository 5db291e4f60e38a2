using System.Diagnostics;
using EdgeSensor.Tests.Lab;
using EdgeSensor.Tests.Parity;

namespace EdgeSensor.Tests.Capture;

/// <summary>
/// Live, passive capture in a lab the test makes: a pymodbus server (Debian's python3-pymodbus) as the PLC in one
/// namespace, mbpoll (a real Modbus master) polling it from another, and the sensor capturing in promiscuous mode on
/// the PLC's veth with a BPF filter. Every request and response mbpoll exchanged is decoded.
/// </summary>
public sealed class LiveCaptureTests
{
    [Fact]
    public async Task Captures_and_decodes_real_modbus_traffic_on_a_lab_interface()
    {
        using var lab = NetnsLab.Create();
        string script = Path.Combine(AppContext.BaseDirectory, "Lab", "modbus_plc.py");
        using var plc = NetnsLab.Start(lab.HostA, "/usr/bin/python3", $"{script} {lab.HostA.Address}");
        try
        {
            WaitForPort(lab, lab.HostA.Address, 502);
            string sensorDll = Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll");
            using var sensor = NetnsLab.Start(lab.HostA, "dotnet",
                $"{sensorDll} dissect --interface {lab.HostA.Interface} --bpf \"tcp port 502\" --duration 6 --protocol modbus");
            var stdout = sensor.StandardOutput.ReadToEndAsync();
            string ready = await ReadUntilCapturing(sensor);
            Assert.Contains("capturing on", ready);
            Assert.Contains("warning: veth-a has", ready);   // the lab PLC's own NIC, not a silent tap: both directions

            for (int poll = 0; poll < 3; poll++)
            {
                var result = NetnsLab.Exec(lab.HostB, "mbpoll", $"-m tcp -a 1 -t 4 -r 1 -c 5 -1 {lab.HostA.Address}", TimeSpan.FromSeconds(10));
                Assert.True(result.ExitCode == 0, $"mbpoll failed: {result.Stdout} {result.Stderr}");
            }

            Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(20)), "the sensor did not stop after its duration");
            Assert.Equal(0, sensor.ExitCode);
            var table = TsvTable.Parse(await stdout);
            var requests = table.Rows.Where(r => table.Get(r, "tcp_dstport") == "502").ToList();
            var responses = table.Rows.Where(r => table.Get(r, "tcp_srcport") == "502").ToList();

            Assert.Equal(3, requests.Count);
            Assert.Equal(3, responses.Count);
            Assert.All(requests, r =>
            {
                Assert.Equal(lab.HostB.Address, table.Get(r, "ip_src"));
                Assert.Equal("3", table.Get(r, "raw_func_code"));     // mbpoll -t 4: read holding registers
                Assert.Equal("0", table.Get(r, "modbus.reference_num")); // -r 1 is register 1, 0 on the wire
                Assert.Equal("5", table.Get(r, "modbus.word_cnt"));
            });
            Assert.All(responses, r => Assert.NotEqual(string.Empty, table.Get(r, "modbus.request_frame")));
        }
        finally
        {
            plc.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Live_analyze_saves_its_state_and_learns_the_lab_plc()
    {
        using var lab = NetnsLab.Create();
        string state = Path.Combine(Directory.CreateTempSubdirectory("edge-live-").FullName, "plant.state");
        string script = Path.Combine(AppContext.BaseDirectory, "Lab", "modbus_plc.py");
        using var plc = NetnsLab.Start(lab.HostA, "/usr/bin/python3", $"{script} {lab.HostA.Address}");
        try
        {
            WaitForPort(lab, lab.HostA.Address, 502);
            string sensorDll = Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll");
            using var sensor = NetnsLab.Start(lab.HostA, "dotnet",
                $"{sensorDll} analyze --interface {lab.HostA.Interface} --duration 30 --save-every 1 --state {state} --json");
            var stdout = sensor.StandardOutput.ReadToEndAsync();
            Assert.Contains("capturing on", await ReadUntilCapturing(sensor));
            var result = NetnsLab.Exec(lab.HostB, "mbpoll", $"-m tcp -a 1 -t 4 -r 1 -c 5 -1 {lab.HostA.Address}", TimeSpan.FromSeconds(10));
            Assert.Equal(0, result.ExitCode);
            NetnsLab.Exec(lab.HostB, "mbpoll", $"-m tcp -a 1 -t 3 -r 1 -c 2 -1 {lab.HostA.Address}", TimeSpan.FromSeconds(10));

            // The periodic save lands before the run ends; then SIGTERM stops it cleanly with a final save.
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(state) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(200);
            }

            Assert.True(File.Exists(state), "no periodic save");
            await Task.Delay(1500);
            // `ip netns exec` execs the sensor in place, so the process we started is the sensor itself.
            using (var kill = Process.Start("kill", $"-TERM {sensor.Id}"))
            {
                await kill.WaitForExitAsync();
            }

            Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(15)), "the sensor did not stop on SIGTERM");
            Assert.Equal(0, sensor.ExitCode);

            var assets = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(assets, a => a.Contains($"\"assetId\":\"{lab.HostA.Address}\"", StringComparison.Ordinal) && a.Contains("\"role\":\"plc\"", StringComparison.Ordinal));

            var model = new EdgeSensor.Plant.PlantModel(new EdgeSensor.Plant.PlantOptions());
            Assert.Equal(EdgeSensor.Plant.Persistence.StateLoadOutcome.Loaded, EdgeSensor.Plant.Persistence.PlantStateStore.Load(state, model).Outcome);
            Assert.True(model.Devices.TryFind(EdgeSensor.Decoding.Packet.NetAddress.Parse(lab.HostA.Address), out int index));
            Assert.True(model.Devices[index].Served.Contains(EdgeSensor.Plant.Devices.ServiceKind.Modbus));
        }
        finally
        {
            plc.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// Reads the sensor's stderr up to its "capturing on" line, which comes after the warning that the interface has
    /// an address (the lab captures on the PLC's own NIC, in both directions); returns all lines read.
    /// </summary>
    private static async Task<string> ReadUntilCapturing(Process sensor)
    {
        var lines = new System.Text.StringBuilder();
        while (await sensor.StandardError.ReadLineAsync() is { } line)
        {
            lines.AppendLine(line);
            if (line.Contains("capturing on", StringComparison.Ordinal))
            {
                break;
            }
        }

        return lines.Length > 0 ? lines.ToString() : "(sensor exited)";
    }

    private static void WaitForPort(NetnsLab lab, string address, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            var r = NetnsLab.Exec(lab.HostB, "/usr/bin/python3", $"-c \"import socket; socket.create_connection(('{address}', {port}), 1).close()\"", TimeSpan.FromSeconds(5));
            if (r.ExitCode == 0)
            {
                return;
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"the lab PLC did not listen on {address}:{port}");
    }
}
