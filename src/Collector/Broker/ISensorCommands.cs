using Edge.Contracts.Commands;

namespace Collector.Broker;

/// <summary>
/// Sends a command to one sensor over whichever broker the collector uses (the embedded one, or the external one its
/// subscriber is connected to), QoS 1 on the sensor's command topic (<see cref="CommandTopics"/>).
/// </summary>
public interface ISensorCommands
{
    /// <summary>False when it could not be handed to the broker (not connected, broker stopped); the reason is logged.</summary>
    Task<bool> SendAsync(string site, string sensor, SensorCommand command, CancellationToken cancellationToken);
}

/// <summary>The MQTT message of a command: the sensor's command topic, the command as JSON, QoS 1, not retained.</summary>
internal static class SensorCommandMessage
{
    public static MQTTnet.MqttApplicationMessage Build(string site, string sensor, SensorCommand command) =>
        new MQTTnet.MqttApplicationMessageBuilder()
            .WithTopic(CommandTopics.For(site, sensor))
            .WithPayload(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(command, Edge.Contracts.Serialization.EdgeJsonContext.Default.SensorCommand))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
