namespace EdgeSensor.Plant;

/// <summary>What an ICS request does, in the terms detection speaks.</summary>
public enum IcsCategory : byte
{
    Other,
    Read,
    Write,

    /// <summary>Program transfer: download, upload, delete block, PI services, UMAS, S7comm-plus sequences.</summary>
    Program,

    /// <summary>Changes the controller's state: stop, start, clock set, password, forcing.</summary>
    Control,

    /// <summary>Asks about the device: SZL reads, block lists, FC43 identification, diagnostics, report server id.</summary>
    Discover,
}
