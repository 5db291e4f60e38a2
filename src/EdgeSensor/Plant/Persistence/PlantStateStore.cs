using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Edge.Contracts.Assets;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant.Persistence;

/// <summary>
/// Saves and loads the plant model (inventory, baselines, learning times) so a reboot loses neither.
/// <code>
/// "EDGEPLNT" (8) | format version (4) | sizeof(Device) (4) | sizeof(Relation) (4)
/// | learning started (8) | learning ended (8) | now (8)
/// | device count (4) | devices as bytes | relation count (4) | relations as bytes | ICS detail count (4) | details as bytes
/// | profiles JSON length (4) | profiles JSON (UTF-8)
/// | SHA-256 of everything before (32)
/// </code>
/// Saving is atomic: write a temporary file, flush it to disk, rename it over the old one. A file that fails any
/// check (magic, version, layout, lengths, digest) is moved aside for inspection and the model starts afresh.
/// </summary>
public static class PlantStateStore
{
    public const int FormatVersion = 2;
    private static readonly byte[] Magic = "EDGEPLNT"u8.ToArray();

    public static void Save(string path, PlantModel model) => WriteAtomically(path, Serialize(model));

    /// <summary>
    /// The model as the bytes of a state file (digest included). Fast (the tables are copied as raw bytes): the
    /// capture thread takes this snapshot between frames, and <see cref="WriteAtomically"/> runs elsewhere.
    /// </summary>
    public static byte[] Serialize(PlantModel model)
    {
        model.Settle();
        using var body = new MemoryStream();
        {
            using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(Unsafe.SizeOf<Device>());
                w.Write(Unsafe.SizeOf<Relation>());
                w.Write(Unsafe.SizeOf<IcsRelationDetail>());
                w.Write(model.LearningStarted);
                w.Write(model.LearningEnded);
                w.Write(model.Now);
                var devices = model.Devices.AsSpan();
                w.Write(devices.Length);
                w.Write(MemoryMarshal.AsBytes(devices));
                var relations = model.Relations.AsSpan();
                w.Write(relations.Length);
                w.Write(MemoryMarshal.AsBytes(relations));
                var details = model.Relations.Details;
                w.Write(details.Length);
                w.Write(MemoryMarshal.AsBytes(details));
                var identities = new Dictionary<int, DeviceIdentity>();
                for (int i = 0; i < devices.Length; i++)
                {
                    if (IdentityMapper.ToContract(model.Devices.TryGetProfile(i)) is { } identity)
                    {
                        identities[i] = identity;
                    }
                }

                byte[] json = JsonSerializer.SerializeToUtf8Bytes(identities, PlantStateJsonContext.Default.DictionaryInt32DeviceIdentity);
                w.Write(json.Length);
                w.Write(json);
            }

            body.Position = 0;
            byte[] digest = SHA256.HashData(body);
            body.Write(digest);
            return body.ToArray();
        }
    }

    /// <summary>Writes a state file atomically: a temporary file, flushed to disk, renamed over the old one.</summary>
    public static void WriteAtomically(string path, byte[] state)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(state);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, full, overwrite: true);
    }

    public static StateLoadResult Load(string path, PlantModel model)
    {
        if (!File.Exists(path))
        {
            return new StateLoadResult(StateLoadOutcome.Missing);
        }

        string? reason = TryLoad(path, model);
        if (reason is null)
        {
            return new StateLoadResult(StateLoadOutcome.Loaded);
        }

        string aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
        File.Move(path, aside, overwrite: true);
        return new StateLoadResult(StateLoadOutcome.Corrupt, reason, aside);
    }

    /// <summary>Null when loaded; else why the file cannot be used (nothing of it is applied then).</summary>
    private static string? TryLoad(string path, PlantModel model)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return $"unreadable: {e.Message}";
        }

        if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "not an Edge state file (bad magic or too short)";
        }

        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            return "digest mismatch (truncated or damaged)";
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, body.Length));
            r.ReadBytes(Magic.Length);
            int version = r.ReadInt32();
            int deviceSize = r.ReadInt32();
            int relationSize = r.ReadInt32();
            int detailSize = version >= 2 ? r.ReadInt32() : 0;
            if (version != FormatVersion || deviceSize != Unsafe.SizeOf<Device>() || relationSize != Unsafe.SizeOf<Relation>() || detailSize != Unsafe.SizeOf<IcsRelationDetail>())
            {
                return $"format {version} with record sizes {deviceSize}/{relationSize}/{detailSize}, expected {FormatVersion} with {Unsafe.SizeOf<Device>()}/{Unsafe.SizeOf<Relation>()}/{Unsafe.SizeOf<IcsRelationDetail>()}";
            }

            long started = r.ReadInt64();
            long ended = r.ReadInt64();
            long now = r.ReadInt64();
            var devices = ReadArray<Device>(r, deviceSize);
            var relations = ReadArray<Relation>(r, relationSize);
            var details = ReadArray<IcsRelationDetail>(r, detailSize);
            int jsonLength = r.ReadInt32();
            if (jsonLength < 0 || jsonLength > body.Length)
            {
                return "bad profiles length";
            }

            var identities = JsonSerializer.Deserialize(r.ReadBytes(jsonLength), PlantStateJsonContext.Default.DictionaryInt32DeviceIdentity) ?? [];
            var profiles = identities.ToDictionary(kv => kv.Key, kv => new DeviceProfile { Restored = kv.Value });
            foreach (var rel in relations)
            {
                if ((uint)rel.Key.Client >= (uint)devices.Length || (uint)rel.Key.Server >= (uint)devices.Length)
                {
                    return "a relation points at a device that is not in the file";
                }
            }

            model.Devices.Load(devices, profiles);
            model.Relations.Load(relations, details);
            model.RestoreLearning(started, ended, now);
            return null;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or InvalidDataException or ArgumentException)
        {
            return $"unreadable content: {e.Message}";
        }
    }

    private static T[] ReadArray<T>(BinaryReader r, int size)
        where T : struct
    {
        int count = r.ReadInt32();
        if (count < 0 || (long)count * size > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException($"bad record count {count}");
        }

        var items = new T[count];
        var target = MemoryMarshal.AsBytes(items.AsSpan());
        if (r.Read(target) != target.Length)
        {
            throw new EndOfStreamException();
        }

        return items;
    }
}
