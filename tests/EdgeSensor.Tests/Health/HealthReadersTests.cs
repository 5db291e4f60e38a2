using EdgeSensor.Capture;
using EdgeSensor.Health;
using EdgeSensor.Hosting;
using EdgeSensor.Tests.IoModule;

namespace EdgeSensor.Tests.Health;

/// <summary>
/// Each health reader over fake /proc, /sys and cgroup files in a temp folder: the value when the file is as the
/// kernel writes it, and null (never an exception) when it is missing, empty or not what it should be.
/// </summary>
public sealed class HealthReadersTests : IDisposable
{
    private const string Status = """
        Name:	edge-sensor
        Umask:	0022
        State:	S (sleeping)
        VmPeak:	 3286400 kB
        VmSize:	 3221864 kB
        VmHWM:	   90112 kB
        VmRSS:	   71680 kB
        RssAnon:	   40960 kB
        Threads:	22

        """;

    private readonly FakeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Resident_memory_is_vmrss_in_bytes()
    {
        Assert.Equal(71_680L * 1024, ProcessMemory.ResidentBytes(_root.Write("proc/self/status", Status)));
    }

    [Theory]
    [InlineData("Name:\tedge-sensor\nVmSize:\t 3221864 kB\n")]          // no VmRSS line (a kernel thread)
    [InlineData("VmRSS:\t  lots kB\n")]
    [InlineData("VmRSS:\t  71680 MB\n")]                                // not the kernel's unit
    [InlineData("VmRSS:\t  -5 kB\n")]
    [InlineData("VmRSS:\t  99999999999999999999 kB\n")]
    [InlineData("")]
    public void Resident_memory_of_a_status_file_without_a_usable_vmrss_is_null(string text)
    {
        Assert.Null(ProcessMemory.ResidentBytes(_root.Write("proc/self/status", text)));
    }

    [Fact]
    public void Resident_memory_of_a_missing_file_is_null() => Assert.Null(ProcessMemory.ResidentBytes(_root.At("proc/self/status")));

    [Fact]
    public void The_memory_cap_is_the_lowest_memory_max_from_the_cgroup_up_to_the_root()
    {
        string cgroup = _root.Write("proc/self/cgroup", "0::/system.slice/edge-sensor.service\n");
        _root.Write("cg/system.slice/edge-sensor.service/memory.max", "max\n");
        _root.Write("cg/system.slice/memory.max", "268435456\n");
        _root.Write("cg/memory.max", "1073741824\n");

        Assert.Equal(268_435_456, CgroupMemory.LimitBytes(cgroup, _root.At("cg")));

        // The service's own cap below its slice's wins.
        _root.Write("cg/system.slice/edge-sensor.service/memory.max", "134217728\n");
        Assert.Equal(134_217_728, CgroupMemory.LimitBytes(cgroup, _root.At("cg")));
    }

    [Fact]
    public void No_cap_anywhere_is_null()
    {
        string cgroup = _root.Write("proc/self/cgroup", "0::/system.slice/edge-sensor.service\n");
        _root.Write("cg/system.slice/edge-sensor.service/memory.max", "max\n");
        _root.Write("cg/system.slice/memory.max", "max\n");

        Assert.Null(CgroupMemory.LimitBytes(cgroup, _root.At("cg")));
    }

    [Fact]
    public void A_container_s_own_root_cgroup_and_a_deleted_cgroup_are_read()
    {
        _root.Write("cg/memory.max", "536870912");
        Assert.Equal(536_870_912, CgroupMemory.LimitBytes(_root.Write("proc/self/cgroup", "0::/\n"), _root.At("cg")));

        _root.Write("cg/gone/memory.max", "1048576\n");
        Assert.Equal(1_048_576, CgroupMemory.LimitBytes(_root.Write("proc/self/cgroup", "0::/gone (deleted)\n"), _root.At("cg")));
    }

    [Theory]
    [InlineData("12:memory:/system.slice/edge-sensor.service\n11:cpu,cpuacct:/system.slice\n")] // cgroup v1 only
    [InlineData("0::/../../etc\n")]                                                              // climbing out
    [InlineData("0::relative/path\n")]
    [InlineData("")]
    public void A_cgroup_file_without_a_v2_path_gives_no_cap(string procCgroup)
    {
        _root.Write("cg/memory.max", "1048576\n");
        _root.Write("etc/memory.max", "1024\n");
        Assert.Null(CgroupMemory.LimitBytes(_root.Write("proc/self/cgroup", procCgroup), _root.At("cg/a/b")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unlimited\n")]
    [InlineData("-1\n")]
    [InlineData("0\n")]
    public void A_memory_max_that_is_not_a_positive_number_is_no_cap(string memoryMax)
    {
        string cgroup = _root.Write("proc/self/cgroup", "0::/edge\n");
        _root.Write("cg/edge/memory.max", memoryMax);
        Assert.Null(CgroupMemory.LimitBytes(cgroup, _root.At("cg")));
    }

    [Fact]
    public void Missing_cgroup_files_give_no_cap() =>
        Assert.Null(CgroupMemory.LimitBytes(_root.At("proc/self/cgroup"), _root.At("cg")));

    [Theory]
    [InlineData("48312\n", 48.312)]
    [InlineData("-5000", -5.0)]
    [InlineData("0", 0.0)]
    public void Thermal_zone_millidegrees_are_celsius(string text, double celsius)
    {
        Assert.Equal(celsius, ThermalZone.ReadCelsius(_root.Write("sys/class/thermal/thermal_zone0/temp", text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hot\n")]
    [InlineData("48.3\n")]
    [InlineData("-273150\n")]     // an error code some drivers write, not a temperature
    [InlineData("9999999\n")]
    public void A_thermal_zone_that_is_not_a_plausible_temperature_is_null(string text)
    {
        Assert.Null(ThermalZone.ReadCelsius(_root.Write("sys/class/thermal/thermal_zone0/temp", text)));
    }

    [Fact]
    public void No_thermal_zone_is_null()
    {
        Assert.Null(ThermalZone.ReadCelsius(_root.At("sys/class/thermal/thermal_zone0/temp")));
        Assert.Null(ThermalZone.ReadCelsius(null));
    }

    [Fact]
    public void The_thermal_file_is_the_profile_s_else_the_default_when_present_else_none()
    {
        string boardTemp = _root.Write("sys/devices/board/temp", "51000");
        _root.Write("profiles/board.json", $$"""{ "id": "board", "name": "Board", "temperature": "{{boardTemp}}" }""");
        _root.Write("profiles/generic.json", """{ "id": "generic", "name": "Generic", "temperature": null }""");
        string defaultPath = _root.At("sys/class/thermal/thermal_zone0/temp");
        var board = new StatusConfig { ProfilesDirectory = _root.At("profiles"), HardwareProfile = "board" };
        var generic = new StatusConfig { ProfilesDirectory = _root.At("profiles"), HardwareProfile = "generic" };

        Assert.Equal(boardTemp, ThermalZone.PathFor(board, defaultPath));
        Assert.Null(ThermalZone.PathFor(generic, defaultPath));
        _root.Write("sys/class/thermal/thermal_zone0/temp", "40000");
        Assert.Equal(defaultPath, ThermalZone.PathFor(generic, defaultPath));

        // Profiles that do not load only lose the profile's choice.
        Assert.Equal(defaultPath, ThermalZone.PathFor(new StatusConfig { ProfilesDirectory = _root.At("no-profiles") }, defaultPath));
    }

    [Fact]
    public void Disk_space_is_that_of_the_filesystem_holding_the_folder()
    {
        (long free, long total) = DiskSpace.Read(_root.Path)!.Value;
        Assert.InRange(free, 1, total);
        Assert.Null(DiskSpace.Read(_root.At("not-there")));
        Assert.Null(DiskSpace.Read(null));
    }

    [Fact]
    public void Cpu_percent_is_processor_time_over_wall_time_and_cores()
    {
        var clock = new ManualTimeProvider();
        TimeSpan? cpu = TimeSpan.FromSeconds(10);
        var meter = new ProcessCpuMeter(() => cpu, clock, cores: 2);

        // 60 s of wall time on 2 cores = 120 core-seconds; 30 s of CPU is a quarter of the machine.
        clock.Advance(TimeSpan.FromSeconds(60));
        cpu += TimeSpan.FromSeconds(30);
        Assert.Equal(25.0, meter.Read());

        // Each reading covers the time since the previous one.
        clock.Advance(TimeSpan.FromSeconds(10));
        cpu += TimeSpan.FromSeconds(1);
        Assert.Equal(5.0, meter.Read());

        // A counter that cannot be read gives null and keeps the baseline.
        clock.Advance(TimeSpan.FromSeconds(10));
        TimeSpan? saved = cpu;
        cpu = null;
        Assert.Null(meter.Read());
        cpu = saved + TimeSpan.FromSeconds(4);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10.0, meter.Read());

        // No time passed: nothing to divide by.
        Assert.Null(meter.Read());
        Assert.NotNull(ProcessCpuMeter.CurrentProcess());
    }

    [Fact]
    public void Interface_drops_are_missed_and_fifo_errors_counted_from_the_start()
    {
        _root.Write("net/eth1/statistics/rx_missed_errors", "100\n");
        _root.Write("net/eth1/statistics/rx_fifo_errors", "5\n");
        var counter = new InterfaceDropCounter("eth1", _root.At("net"));
        Assert.Equal(0, counter.Read());

        _root.Write("net/eth1/statistics/rx_missed_errors", "130\n");
        _root.Write("net/eth1/statistics/rx_fifo_errors", "7\n");
        Assert.Equal(32, counter.Read());

        // The interface was re-created and its counters restarted: counting goes on from the new zero.
        _root.Write("net/eth1/statistics/rx_missed_errors", "3\n");
        _root.Write("net/eth1/statistics/rx_fifo_errors", "0\n");
        Assert.Equal(35, counter.Read());

        File.Delete(_root.At("net/eth1/statistics/rx_missed_errors"));
        File.Delete(_root.At("net/eth1/statistics/rx_fifo_errors"));
        Assert.Null(counter.Read());
    }

    [Theory]
    [InlineData("../eth1")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("an-interface-name-too-long")]
    public void An_interface_name_that_is_not_one_path_segment_reads_nothing(string name)
    {
        _root.Write("net/eth1/statistics/rx_missed_errors", "100\n");
        Assert.Null(new InterfaceDropCounter(name, _root.At("net/x")).Read());
    }
}
