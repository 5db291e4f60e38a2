using Collector.Storage;

namespace Collector.Provisioning;

/// <summary>
/// Provisioning's tables, in the collector's database beside the dashboard's: the requests devices made (one row per
/// serial number, which binds the serial to the first key it asked with), the certificates the CA issued (revoked
/// ones are what the broker refuses and the CRL lists), each sensor's configuration versions, and a log of what was
/// refused and why.
/// </summary>
internal static class ProvisioningSchema
{
    public static string Create(StoreDialect d) => $"""

        CREATE TABLE IF NOT EXISTS provisioning_requests (
            serial          TEXT    NOT NULL PRIMARY KEY,  -- the device's serial number
            claim           TEXT    NOT NULL,              -- the claim identity it asked with (claim.<batch>)
            request_id      TEXT    NOT NULL,
            key_sha256      TEXT    NOT NULL,              -- SHA-256 of the requested public key (SubjectPublicKeyInfo)
            csr             TEXT    NOT NULL,
            hardware        TEXT,
            version         TEXT,
            interfaces      TEXT,                          -- "name mac" pairs, for people
            source          TEXT,                          -- the address it connected from (embedded broker)
            state           TEXT    NOT NULL,              -- pending / approved / rejected
            reason          TEXT,
            requested_at    {d.Int64Type} NOT NULL,
            decided_at      {d.Int64Type},
            decided_by      TEXT,
            site            TEXT,
            sensor          TEXT,
            cert_serial     TEXT                           -- the certificate issued on approval
        );

        CREATE TABLE IF NOT EXISTS sensor_certificates (
            cert_serial     TEXT    NOT NULL PRIMARY KEY,  -- hex, as in the CRL
            sensor          TEXT    NOT NULL,
            site            TEXT    NOT NULL,
            device_serial   TEXT    NOT NULL,
            key_sha256      TEXT    NOT NULL,
            pem             TEXT    NOT NULL,
            not_before      {d.Int64Type} NOT NULL,
            not_after       {d.Int64Type} NOT NULL,
            issued_at       {d.Int64Type} NOT NULL,
            issued_by       TEXT    NOT NULL,              -- who approved (auto: the rule)
            state           TEXT    NOT NULL,              -- active / revoked
            revoked_at      {d.Int64Type},
            revoked_by      TEXT,
            revoked_reason  TEXT
        );
        CREATE INDEX IF NOT EXISTS sensor_certificates_sensor ON sensor_certificates (sensor);

        CREATE TABLE IF NOT EXISTS sensor_configs (
            site            TEXT    NOT NULL,
            sensor          TEXT    NOT NULL,
            version         {d.Int64Type} NOT NULL,
            body            TEXT    NOT NULL,              -- the SensorConfiguration as sent
            changed_by      TEXT    NOT NULL,
            changed_at      {d.Int64Type} NOT NULL,
            PRIMARY KEY (site, sensor, version)
        );

        CREATE TABLE IF NOT EXISTS provisioning_log (
            id              {d.IdentityKey},
            at              {d.Int64Type} NOT NULL,
            serial          TEXT,
            identity        TEXT,
            source          TEXT,
            outcome         TEXT    NOT NULL,              -- refused / pending / approved / rejected / renewed / revoked / decommissioned
            reason          TEXT
        );
        """;
}
