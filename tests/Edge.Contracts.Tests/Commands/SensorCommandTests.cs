using System.Text.Json;
using Edge.Contracts.Commands;
using Edge.Contracts.Serialization;

namespace Edge.Contracts.Tests.Commands;

public sealed class SensorCommandTests
{
    private static readonly SensorCommand Ack = new()
    {
        Type = SensorCommand.Acknowledge,
        CommandId = "c1",
        IncidentId = "cabinet-7:12",
        By = "alice (acknowledged on the dashboard)",
        At = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Command_topics_are_their_own_tree_and_parse_back()
    {
        Assert.Equal("edge-cmd/v1/plant1/cabinet-7", CommandTopics.For("plant1", "cabinet-7"));
        Assert.True(CommandTopics.TryParse("edge-cmd/v1/plant1/cabinet-7", out string site, out string sensor));
        Assert.Equal(("plant1", "cabinet-7"), (site, sensor));
        Assert.False(CommandTopics.TryParse("edge-cmd/v1/+/cabinet-7", out _, out _));
        Assert.False(CommandTopics.TryParse("edge-cmd/v1/plant1/cabinet-7/x", out _, out _));
        Assert.False(CommandTopics.TryParse("edge/v1/plant1/cabinet-7/status", out _, out _));
        Assert.False(CommandTopics.TryParse(null, out _, out _));
        Assert.Throws<ArgumentException>(() => CommandTopics.For("plant/1", "s"));
    }

    [Fact]
    public void The_wire_form_is_camel_case_and_round_trips()
    {
        string json = JsonSerializer.Serialize(Ack, EdgeJsonContext.Default.SensorCommand);
        Assert.Equal("""{"schemaVersion":1,"type":"acknowledge","commandId":"c1","incidentId":"cabinet-7:12","by":"alice (acknowledged on the dashboard)","at":"2026-12-08T10:00:00+00:00"}""", json);
        Assert.Equal(Ack, JsonSerializer.Deserialize(json, EdgeJsonContext.Default.SensorCommand));
    }

    [Fact]
    public void Validation_names_what_is_wrong()
    {
        Assert.True(Ack.IsValid(out _));
        Assert.False((Ack with { Type = "reboot" }).IsValid(out string reason));
        Assert.Contains("reboot", reason, StringComparison.Ordinal);
        Assert.False((Ack with { IncidentId = new string('x', SensorCommand.MaxText + 1) }).IsValid(out reason));
        Assert.Contains("incidentId", reason, StringComparison.Ordinal);
        Assert.False((Ack with { By = string.Empty }).IsValid(out reason));
        Assert.False((Ack with { SchemaVersion = 99 }).IsValid(out reason));
        Assert.Contains("schema version", reason, StringComparison.Ordinal);
    }
}
