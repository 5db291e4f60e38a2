# A Modbus/TCP server for the test lab: Debian's python3-pymodbus (3.0), run with /usr/bin/python3 inside a lab
# namespace. Holding registers 0..99 hold their own address; device identification answers FC43/14.
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.server import StartTcpServer

address = sys.argv[1]
store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, list(range(100))), ir=ModbusSequentialDataBlock(0, [7] * 100))
identity = ModbusDeviceIdentification()
identity.VendorName = "Edge Lab"
identity.ProductCode = "EL-PLC-1"
identity.MajorMinorRevision = "1.2.3"
StartTcpServer(context=ModbusServerContext(slaves=store, single=True), identity=identity, address=(address, 502))
