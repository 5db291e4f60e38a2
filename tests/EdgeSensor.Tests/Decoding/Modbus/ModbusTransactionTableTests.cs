using EdgeSensor.Decoding.Modbus;

namespace EdgeSensor.Tests.Decoding.Modbus;

public class ModbusTransactionTableTests
{
    private static ModbusAdu Adu(ModbusDirection direction, ushort transactionId, byte unitId = 1, byte functionCode = 3) => new()
    {
        TransactionId = transactionId,
        UnitId = unitId,
        RawFunctionCode = functionCode,
        FunctionCode = ModbusDecoder.Classify((byte)(functionCode & 0x7F)),
        Direction = direction,
        Fields = ModbusFields.FunctionCode | ModbusFields.ReferenceNumber | ModbusFields.Quantity,
        ReferenceNumber = 100,
        Quantity = 10,
    };

    [Fact]
    public void RequestThenResponse_Pairs()
    {
        var table = default(ModbusTransactionTable);
        Assert.True(table.TryAddRequest(Adu(ModbusDirection.Request, 7), frameNumber: 4));
        Assert.Equal(1, table.Count);

        Assert.True(table.TryMatchResponse(Adu(ModbusDirection.Response, 7), out ModbusPendingRequest request));
        Assert.Equal(4, request.FrameNumber);
        Assert.Equal(7, request.TransactionId);
        Assert.Equal(100, request.ReferenceNumber);
        Assert.Equal(10, request.Quantity);
        Assert.Equal(0, table.Count);
        Assert.Equal(1, table.Matched);
    }

    [Fact]
    public void ExceptionResponse_PairsByMaskedFunctionCode()
    {
        var table = default(ModbusTransactionTable);
        table.TryAddRequest(Adu(ModbusDirection.Request, 9, functionCode: 3), 10);
        Assert.True(table.TryMatchResponse(Adu(ModbusDirection.Response, 9, functionCode: 0x83), out ModbusPendingRequest request));
        Assert.Equal(10, request.FrameNumber);
    }

    [Fact]
    public void DifferentUnitOrFunction_DoesNotPair()
    {
        var table = default(ModbusTransactionTable);
        table.TryAddRequest(Adu(ModbusDirection.Request, 1, unitId: 1, functionCode: 3), 1);
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, 1, unitId: 2, functionCode: 3), out _));
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, 1, unitId: 1, functionCode: 4), out _));
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, 2, unitId: 1, functionCode: 3), out _));
        Assert.Equal(3, table.Unmatched);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void ResponseMatchesOnce()
    {
        var table = default(ModbusTransactionTable);
        table.TryAddRequest(Adu(ModbusDirection.Request, 5), 1);
        Assert.True(table.TryMatchResponse(Adu(ModbusDirection.Response, 5), out _));
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, 5), out _));
    }

    [Fact]
    public void SameKeyReused_NewestRequestWins()
    {
        // Devices that keep transaction id 1 (modbus_small_fc1-fc15.pcap) re-ask before the old one is answered.
        var table = default(ModbusTransactionTable);
        table.TryAddRequest(Adu(ModbusDirection.Request, 1), 4);
        table.TryAddRequest(Adu(ModbusDirection.Request, 1), 24);
        Assert.Equal(1, table.Count);
        Assert.Equal(1, table.Replaced);
        Assert.True(table.TryMatchResponse(Adu(ModbusDirection.Response, 1), out ModbusPendingRequest request));
        Assert.Equal(24, request.FrameNumber);
    }

    [Fact]
    public void Flood_EvictsOldestAndCounts()
    {
        var table = default(ModbusTransactionTable);
        const int Requests = ModbusTransactionTable.Capacity + 10;
        for (int i = 0; i < Requests; i++)
        {
            Assert.True(table.TryAddRequest(Adu(ModbusDirection.Request, (ushort)i), i));
        }

        Assert.Equal(ModbusTransactionTable.Capacity, table.Count);
        Assert.Equal(10, table.Evicted);

        // The 10 oldest are gone, the newest Capacity remain.
        for (int i = 0; i < 10; i++)
        {
            Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, (ushort)i), out _));
        }

        for (int i = 10; i < Requests; i++)
        {
            Assert.True(table.TryMatchResponse(Adu(ModbusDirection.Response, (ushort)i), out ModbusPendingRequest request));
            Assert.Equal(i, request.FrameNumber);
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(ModbusTransactionTable.Capacity, table.Matched);
        Assert.Equal(10, table.Unmatched);
    }

    [Fact]
    public void WrongDirections_AreRefused()
    {
        var table = default(ModbusTransactionTable);
        Assert.False(table.TryAddRequest(Adu(ModbusDirection.Response, 1), 1));
        Assert.False(table.TryAddRequest(Adu(ModbusDirection.Unknown, 1), 1));
        Assert.False(table.TryAddRequest(default, 1));
        table.TryAddRequest(Adu(ModbusDirection.Request, 1), 1);
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Request, 1), out _));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Clear_ForgetsPending()
    {
        var table = default(ModbusTransactionTable);
        table.TryAddRequest(Adu(ModbusDirection.Request, 1), 1);
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.False(table.TryMatchResponse(Adu(ModbusDirection.Response, 1), out _));
    }
}
