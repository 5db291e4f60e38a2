using System.Data.Common;
using Collector.Storage;
using Collector.Web.Data;

namespace Collector.Provisioning;

public sealed record ProvisioningRequestRow(
    string Serial, string Claim, string RequestId, string KeySha256, string Csr, string? Hardware, string? Version, string? Interfaces,
    string? Source, string State, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? Site, string? Sensor, string? CertSerial);

public sealed record SensorCertificateRow(
    string CertSerial, string Sensor, string Site, string DeviceSerial, string KeySha256, string Pem, DateTimeOffset NotBefore,
    DateTimeOffset NotAfter, DateTimeOffset IssuedAt, string IssuedBy, string State, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevokedReason);

public sealed record ProvisioningLogRow(DateTimeOffset At, string? Serial, string? Identity, string? Source, string Outcome, string? Reason);

public sealed record SensorConfigRow(string Site, string Sensor, long Version, string Body, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>Provisioning's rows in the collector's database (<see cref="ProvisioningSchema"/>); one connection per call.</summary>
internal sealed class ProvisioningStore(StoreDialect dialect)
{
    private const string RequestColumns = "serial, claim, request_id, key_sha256, csr, hardware, version, interfaces, source, state, reason, requested_at, decided_at, decided_by, site, sensor, cert_serial";
    private const string CertificateColumns = "cert_serial, sensor, site, device_serial, key_sha256, pem, not_before, not_after, issued_at, issued_by, state, revoked_at, revoked_by, revoked_reason";

    public ProvisioningRequestRow? FindRequest(string serial)
    {
        using DbConnection c = Open();
        return DashboardSql.Rows(c, $"SELECT {RequestColumns} FROM provisioning_requests WHERE serial = @s", ("@s", serial)).Select(ReadRequest).FirstOrDefault();
    }

    public IReadOnlyList<ProvisioningRequestRow> Requests()
    {
        using DbConnection c = Open();
        return [.. DashboardSql.Rows(c, $"SELECT {RequestColumns} FROM provisioning_requests ORDER BY requested_at DESC, serial").Select(ReadRequest)];
    }

    /// <summary>Records a new request (false when the serial already has one: another collector was first).</summary>
    public bool InsertRequest(ProvisioningRequestRow r)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, $"""
            INSERT INTO provisioning_requests ({RequestColumns})
            VALUES (@serial, @claim, @rid, @key, @csr, @hw, @ver, @ifs, @src, @state, @reason, @at, NULL, NULL, NULL, NULL, NULL)
            ON CONFLICT (serial) DO NOTHING
            """, ("@serial", r.Serial), ("@claim", r.Claim), ("@rid", r.RequestId), ("@key", r.KeySha256), ("@csr", r.Csr), ("@hw", Db(r.Hardware)),
            ("@ver", Db(r.Version)), ("@ifs", Db(r.Interfaces)), ("@src", Db(r.Source)), ("@state", r.State), ("@reason", Db(r.Reason)), ("@at", Ms(r.RequestedAt)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>A request sent again (same key): its latest id, source and description.</summary>
    public void TouchRequest(string serial, string requestId, string? source, string? hardware, string? version, string? interfaces)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, """
            UPDATE provisioning_requests SET request_id = @rid, source = @src, hardware = @hw, version = @ver, interfaces = @ifs WHERE serial = @s
            """, ("@s", serial), ("@rid", requestId), ("@src", Db(source)), ("@hw", Db(hardware)), ("@ver", Db(version)), ("@ifs", Db(interfaces)));
        command.ExecuteNonQuery();
    }

    /// <summary>Moves a request from <paramref name="fromState"/> to its decision; false when it was not in that state (decided meanwhile).</summary>
    public bool Decide(string serial, string fromState, string state, string? reason, string by, DateTimeOffset at, string? site, string? sensor, string? certSerial, string? keySha256 = null)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, """
            UPDATE provisioning_requests SET state = @state, reason = @reason, decided_at = @at, decided_by = @by, site = @site, sensor = @sensor,
                cert_serial = @cert, key_sha256 = COALESCE(@key, key_sha256)
            WHERE serial = @s AND state = @from
            """, ("@s", serial), ("@from", fromState), ("@state", state), ("@reason", Db(reason)), ("@at", Ms(at)), ("@by", by), ("@site", Db(site)),
            ("@sensor", Db(sensor)), ("@cert", Db(certSerial)), ("@key", Db(keySha256)));
        return command.ExecuteNonQuery() == 1;
    }

    public void DeleteRequest(string serial)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, "DELETE FROM provisioning_requests WHERE serial = @s", ("@s", serial));
        command.ExecuteNonQuery();
    }

    public void AddCertificate(SensorCertificateRow r)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, $"""
            INSERT INTO sensor_certificates ({CertificateColumns})
            VALUES (@cs, @sensor, @site, @ds, @key, @pem, @nb, @na, @ia, @ib, @state, NULL, NULL, NULL)
            """, ("@cs", r.CertSerial), ("@sensor", r.Sensor), ("@site", r.Site), ("@ds", r.DeviceSerial), ("@key", r.KeySha256), ("@pem", r.Pem),
            ("@nb", Ms(r.NotBefore)), ("@na", Ms(r.NotAfter)), ("@ia", Ms(r.IssuedAt)), ("@ib", r.IssuedBy), ("@state", r.State));
        command.ExecuteNonQuery();
    }

    public SensorCertificateRow? Certificate(string certSerial)
    {
        using DbConnection c = Open();
        return DashboardSql.Rows(c, $"SELECT {CertificateColumns} FROM sensor_certificates WHERE cert_serial = @s", ("@s", certSerial)).Select(ReadCertificate).FirstOrDefault();
    }

    /// <summary>Every certificate, newest first (the Sensors page; a sensor's history).</summary>
    public IReadOnlyList<SensorCertificateRow> Certificates(string? sensor = null)
    {
        using DbConnection c = Open();
        return [.. DashboardSql.Rows(c, $"SELECT {CertificateColumns} FROM sensor_certificates WHERE @sensor = '' OR sensor = @sensor ORDER BY issued_at DESC, cert_serial",
            ("@sensor", sensor ?? string.Empty)).Select(ReadCertificate)];
    }

    /// <summary>The newest active certificate of a sensor id, of whichever device.</summary>
    public SensorCertificateRow? ActiveCertificateOf(string sensor) =>
        Certificates(sensor).FirstOrDefault(r => r.State == CertificateStates.Active);

    public IReadOnlyList<(string Serial, DateTimeOffset RevokedAt)> Revoked()
    {
        using DbConnection c = Open();
        return [.. DashboardSql.Rows(c, "SELECT cert_serial, revoked_at FROM sensor_certificates WHERE state = @state ORDER BY cert_serial", ("@state", CertificateStates.Revoked))
            .Select(r => (r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))))];
    }

    /// <summary>Revokes every active certificate of a sensor; returns their serials.</summary>
    public IReadOnlyList<string> Revoke(string sensor, string by, string reason, DateTimeOffset at)
    {
        using DbConnection c = Open();
        using DbTransaction t = c.BeginTransaction();
        List<string> serials = [.. DashboardSql.Rows(c, t, "SELECT cert_serial FROM sensor_certificates WHERE sensor = @sensor AND state = @active",
            ("@sensor", sensor), ("@active", CertificateStates.Active)).Select(r => r.GetString(0))];
        DashboardSql.Execute(c, t, """
            UPDATE sensor_certificates SET state = @revoked, revoked_at = @at, revoked_by = @by, revoked_reason = @reason WHERE sensor = @sensor AND state = @active
            """, ("@sensor", sensor), ("@active", CertificateStates.Active), ("@revoked", CertificateStates.Revoked), ("@at", Ms(at)), ("@by", by), ("@reason", reason));
        t.Commit();
        return serials;
    }

    public SensorConfigRow? LatestConfig(string site, string sensor)
    {
        using DbConnection c = Open();
        return DashboardSql.Rows(c, "SELECT site, sensor, version, body, changed_by, changed_at FROM sensor_configs WHERE site = @site AND sensor = @sensor ORDER BY version DESC LIMIT 1",
            ("@site", site), ("@sensor", sensor)).Select(ReadConfig).FirstOrDefault();
    }

    public IReadOnlyList<SensorConfigRow> LatestConfigs()
    {
        using DbConnection c = Open();
        return [.. DashboardSql.Rows(c, """
            SELECT site, sensor, version, body, changed_by, changed_at FROM sensor_configs s
            WHERE version = (SELECT max(version) FROM sensor_configs x WHERE x.site = s.site AND x.sensor = s.sensor) ORDER BY site, sensor
            """).Select(ReadConfig)];
    }

    /// <summary>Stores a configuration version; false when that version exists already (another admin was first).</summary>
    public bool AddConfig(SensorConfigRow r)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, """
            INSERT INTO sensor_configs (site, sensor, version, body, changed_by, changed_at) VALUES (@site, @sensor, @v, @body, @by, @at)
            ON CONFLICT (site, sensor, version) DO NOTHING
            """, ("@site", r.Site), ("@sensor", r.Sensor), ("@v", r.Version), ("@body", r.Body), ("@by", r.ChangedBy), ("@at", Ms(r.ChangedAt)));
        return command.ExecuteNonQuery() == 1;
    }

    public void Log(ProvisioningLogRow r)
    {
        using DbConnection c = Open();
        using DbCommand command = DashboardSql.Command(c, null, """
            INSERT INTO provisioning_log (at, serial, identity, source, outcome, reason) VALUES (@at, @serial, @id, @src, @outcome, @reason)
            """, ("@at", Ms(r.At)), ("@serial", Db(r.Serial)), ("@id", Db(r.Identity)), ("@src", Db(r.Source)), ("@outcome", r.Outcome), ("@reason", Db(r.Reason)));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<ProvisioningLogRow> RecentLog(int limit)
    {
        using DbConnection c = Open();
        return [.. DashboardSql.Rows(c, "SELECT at, serial, identity, source, outcome, reason FROM provisioning_log ORDER BY id DESC LIMIT @n", ("@n", limit))
            .Select(r => new ProvisioningLogRow(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), Str(r, 1), Str(r, 2), Str(r, 3), r.GetString(4), Str(r, 5)))];
    }

    private DbConnection Open() => DashboardSql.Open(dialect);

    private static ProvisioningRequestRow ReadRequest(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Str(r, 5), Str(r, 6), Str(r, 7), Str(r, 8), r.GetString(9),
        Str(r, 10), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)), r.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
        Str(r, 13), Str(r, 14), Str(r, 15), Str(r, 16));

    private static SensorCertificateRow ReadCertificate(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), r.GetString(9), r.GetString(10),
        r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)), Str(r, 12), Str(r, 13));

    private static SensorConfigRow ReadConfig(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
}

public static class CertificateStates
{
    public const string Active = "active";
    public const string Revoked = "revoked";
}

public static class RequestStates
{
    public const string Pending = Edge.Contracts.Provisioning.ProvisioningResponse.Pending;
    public const string Approved = Edge.Contracts.Provisioning.ProvisioningResponse.Approved;
    public const string Rejected = Edge.Contracts.Provisioning.ProvisioningResponse.Rejected;
}
