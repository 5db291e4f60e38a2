using System;

namespace Edge.IoModule
{
    /// <summary>Builds one frame on the wire: start byte, then header, payload and CRC, byte-stuffed (see <see cref="IoProtocol"/>).</summary>
    public static class FrameEncoder
    {
        /// <summary>The most bytes <see cref="Encode(MessageType, byte, byte, byte[], int, byte[], int)"/> writes for this payload length.</summary>
        public static int MaxEncodedLength(int payloadLength)
        {
            return 1 + (2 * (IoProtocol.HeaderLength + payloadLength + IoProtocol.CrcLength));
        }

        /// <summary>
        /// Writes the frame at <paramref name="destinationOffset"/> and returns how many bytes it took. Argument
        /// errors are our own bugs and throw; there must be room for <see cref="MaxEncodedLength"/> bytes.
        /// </summary>
        public static int Encode(MessageType type, byte sequence, byte ack, byte[] payload, int payloadLength, byte[] destination, int destinationOffset)
        {
            if (payloadLength < 0 || payloadLength > IoProtocol.MaxPayloadLength || payloadLength > payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(payloadLength));
            }

            if (destinationOffset < 0 || destination.Length - destinationOffset < MaxEncodedLength(payloadLength))
            {
                throw new ArgumentOutOfRangeException(nameof(destinationOffset));
            }

            int pos = destinationOffset;
            destination[pos++] = IoProtocol.StartByte;

            ushort crc = Crc16CcittFalse.Initial;
            crc = Crc16CcittFalse.Update(crc, IoProtocol.Version);
            pos = Put(destination, pos, IoProtocol.Version);
            crc = Crc16CcittFalse.Update(crc, (byte)type);
            pos = Put(destination, pos, (byte)type);
            crc = Crc16CcittFalse.Update(crc, sequence);
            pos = Put(destination, pos, sequence);
            crc = Crc16CcittFalse.Update(crc, ack);
            pos = Put(destination, pos, ack);
            crc = Crc16CcittFalse.Update(crc, (byte)payloadLength);
            pos = Put(destination, pos, (byte)payloadLength);
            for (int i = 0; i < payloadLength; i++)
            {
                crc = Crc16CcittFalse.Update(crc, payload[i]);
                pos = Put(destination, pos, payload[i]);
            }

            pos = Put(destination, pos, (byte)(crc >> 8));
            pos = Put(destination, pos, (byte)crc);
            return pos - destinationOffset;
        }

        /// <summary>Convenience for tests and the host: a new array holding exactly the frame.</summary>
        public static byte[] Encode(MessageType type, byte sequence, byte ack, byte[] payload)
        {
            byte[] buffer = new byte[MaxEncodedLength(payload.Length)];
            int length = Encode(type, sequence, ack, payload, payload.Length, buffer, 0);
            byte[] frame = new byte[length];
            Array.Copy(buffer, frame, length);
            return frame;
        }

        private static int Put(byte[] destination, int pos, byte value)
        {
            if (value == IoProtocol.StartByte || value == IoProtocol.EscapeByte)
            {
                destination[pos++] = IoProtocol.EscapeByte;
                destination[pos++] = (byte)(value ^ IoProtocol.EscapeXor);
                return pos;
            }

            destination[pos++] = value;
            return pos;
        }
    }
}
