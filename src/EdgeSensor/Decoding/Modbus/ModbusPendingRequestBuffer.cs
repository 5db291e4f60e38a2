using System.Runtime.CompilerServices;

namespace EdgeSensor.Decoding.Modbus;

/// <summary>Fixed inline storage of <see cref="ModbusTransactionTable"/>: no array, so the table lives inside a flow struct.</summary>
[InlineArray(ModbusTransactionTable.Capacity)]
internal struct ModbusPendingRequestBuffer
{
    private ModbusPendingRequest _element0;
}
