using System.Data.Common;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;

namespace Collector.Storage;

/// <summary>The <see cref="WriteStatements"/> prepared on one connection, re-enlisted in each batch's transaction.</summary>
internal sealed class PreparedWrites : IDisposable
{
    private readonly IPreparedStatement[] _all;

    public PreparedWrites(DbConnection connection, WriteStatements statements)
    {
        InsertMessage = statements.InsertMessage.Prepare(connection);
        TouchSensor = statements.TouchSensor.Prepare(connection);
        ApplyStatus = statements.ApplyStatus.Prepare(connection);
        InsertStatusEvent = statements.InsertStatusEvent.Prepare(connection);
        InsertIncidentVersion = statements.InsertIncidentVersion.Prepare(connection);
        UpsertIncident = statements.UpsertIncident.Prepare(connection);
        UpsertAnomaly = statements.UpsertAnomaly.Prepare(connection);
        UpsertAsset = statements.UpsertAsset.Prepare(connection);
        InsertDeadLetter = statements.InsertDeadLetter.Prepare(connection);
        _all =
        [
            InsertMessage, TouchSensor, ApplyStatus, InsertStatusEvent, InsertIncidentVersion, UpsertIncident,
            UpsertAnomaly, UpsertAsset, InsertDeadLetter,
        ];
    }

    public PreparedStatement<StoredMessage> InsertMessage { get; }

    public PreparedStatement<StoredMessage> TouchSensor { get; }

    public PreparedStatement<MessageRow<SensorStatusRecord>> ApplyStatus { get; }

    public PreparedStatement<MessageRow<StatusEvent>> InsertStatusEvent { get; }

    public PreparedStatement<MessageRow<BreachSummaryRecord>> InsertIncidentVersion { get; }

    public PreparedStatement<MessageRow<BreachSummaryRecord>> UpsertIncident { get; }

    public PreparedStatement<MessageRow<AnomalyRecord>> UpsertAnomaly { get; }

    public PreparedStatement<MessageRow<AssetRecord>> UpsertAsset { get; }

    public PreparedStatement<DeadLetter> InsertDeadLetter { get; }

    public void Enlist(DbTransaction? transaction)
    {
        foreach (IPreparedStatement statement in _all)
        {
            statement.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (IPreparedStatement statement in _all)
        {
            statement.Dispose();
        }
    }
}
