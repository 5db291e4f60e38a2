namespace EdgeSensor.Tests.Lab;

/// <summary>
/// The lab's tools and Python modules are on this machine (what <c>scripts/bootstrap.sh</c> installs). One test that
/// names everything missing in one line, next to the lab tests that would otherwise fail one by one.
/// </summary>
public sealed class LabPrerequisitesTests
{
    [Fact]
    public void Every_lab_tool_and_python_module_is_installed()
    {
        string? missing = LabPrerequisites.Find();
        Assert.True(missing is null, missing);
    }

    [Fact]
    public void A_missing_program_is_named_with_its_package()
    {
        Assert.False(LabPrerequisites.OnPath("edge-no-such-program"));
        Assert.False(LabPrerequisites.OnPath("/nonexistent/python3"));
        Assert.True(LabPrerequisites.OnPath("sh"));
        Assert.All(LabPrerequisites.Programs, p => Assert.False(string.IsNullOrEmpty(p.Package)));
    }
}
