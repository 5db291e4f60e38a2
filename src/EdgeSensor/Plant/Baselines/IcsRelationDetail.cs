namespace EdgeSensor.Plant.Baselines;

/// <summary>
/// The ICS part of a relation's baseline: Modbus function codes and unit ids, S7 job functions, userdata
/// group/subfunction pairs and S7comm-plus functions used, SZL ids read, S7 data blocks, Modbus address ranges.
/// </summary>
public struct IcsRelationDetail
{
    public Bitmap256 ModbusFunctions;
    public Bitmap256 ModbusUnitIds;
    public Bitmap256 S7Functions;
    public Bitmap256 S7UserdataFunctions;
    public Bitmap256 S7PlusFunctions;
    public SmallSet16 SzlIds;
    public SmallSet16 DataBlocks;
    public ushort ModbusReadLow;
    public ushort ModbusReadHigh;
    public ushort ModbusWriteLow;
    public ushort ModbusWriteHigh;
    public bool ModbusReadRangeSet;
    public bool ModbusWriteRangeSet;
}
