using System;

namespace Edge.IoModule
{
    /// <summary>
    /// Incremental decoder for the framing of <see cref="IoProtocol"/>, fed byte by byte or by arrays as the UART
    /// delivers them. Never throws on input: every byte ends up in an Ok frame, a Malformed one, or the dropped
    /// count. State is one bounded buffer of <see cref="IoProtocol.MaxFrameLength"/> bytes.
    /// <para>
    /// Hunting: bytes before a start byte are dropped. In a frame: escapes are undone; the first byte must be the
    /// version; once the header is in, a length above the maximum is rejected at once; once header, payload and
    /// CRC are in, the CRC, the type and the type's payload length are checked. After a frame (good or bad) the
    /// decoder hunts again. A start byte inside a frame cuts it short (BadLength) and begins the next one.
    /// </para>
    /// </summary>
    public sealed class FrameDecoder
    {
        private readonly byte[] _buffer = new byte[IoProtocol.MaxFrameLength];
        private bool _inFrame;
        private bool _escaped;
        private int _count;      // unstuffed bytes of the current frame in _buffer
        private int _expected;   // header + payload + CRC once the header is in, 0 before
        private int _wireBytes;  // bytes of the current frame as received (start byte and escapes included)

        public FrameDecoder()
        {
            Frame = new Frame(MessageType.Unknown, 0, 0, new byte[0]);
        }

        /// <summary>The last frame reported <see cref="FrameStatus.Ok"/>.</summary>
        public Frame Frame { get; private set; }

        /// <summary>Why the last <see cref="FrameStatus.Malformed"/> frame was rejected.</summary>
        public FrameMalformedReason Reason { get; private set; }

        public long FramesOk { get; private set; }

        public long FramesMalformed { get; private set; }

        /// <summary>Bytes that did not end up in an Ok frame: garbage between frames and the bytes of rejected frames.</summary>
        public long DroppedBytes { get; private set; }

        /// <summary>True while a frame has started and is not complete (useful to tell a truncated frame from silence).</summary>
        public bool InFrame
        {
            get { return _inFrame; }
        }

        /// <summary>Bytes of the frame in progress as received (start byte and escapes included); 0 while hunting.</summary>
        public int PendingBytes
        {
            get { return _inFrame ? _wireBytes : 0; }
        }

        /// <summary>Feeds one byte. Ok and Malformed are reported on the byte that decides them.</summary>
        public FrameStatus Push(byte value)
        {
            if (value == IoProtocol.StartByte)
            {
                if (_inFrame && _count > 0)
                {
                    // Cut short: the bytes so far are a rejected frame, this start byte opens the next one.
                    int dropped = _wireBytes;
                    BeginFrame();
                    return Reject(FrameMalformedReason.BadLength, dropped);
                }

                if (_inFrame)
                {
                    // Start byte (and perhaps an escape) with nothing after it: only the earlier bytes are dropped.
                    DroppedBytes += _wireBytes;
                }

                BeginFrame();
                return FrameStatus.NeedMoreData;
            }

            if (!_inFrame)
            {
                DroppedBytes++;
                return FrameStatus.NeedMoreData;
            }

            _wireBytes++;
            if (_escaped)
            {
                value ^= IoProtocol.EscapeXor;
                _escaped = false;
            }
            else if (value == IoProtocol.EscapeByte)
            {
                _escaped = true;
                return FrameStatus.NeedMoreData;
            }

            // _count < _expected (or < HeaderLength) here, and _expected <= MaxFrameLength: always in bounds.
            _buffer[_count++] = value;

            if (_count == 1 && value != IoProtocol.Version)
            {
                return EndFrame(FrameMalformedReason.BadVersion);
            }

            if (_count == IoProtocol.HeaderLength)
            {
                int payloadLength = _buffer[IoProtocol.LengthOffset];
                if (payloadLength > IoProtocol.MaxPayloadLength)
                {
                    return EndFrame(FrameMalformedReason.TooLong);
                }

                _expected = IoProtocol.HeaderLength + payloadLength + IoProtocol.CrcLength;
            }

            if (_count == _expected)
            {
                return Complete();
            }

            return FrameStatus.NeedMoreData;
        }

        /// <summary>
        /// Feeds bytes until a frame is decided (Ok or Malformed) or the bytes run out; <paramref name="consumed"/>
        /// says how many were used, so call again with the rest.
        /// </summary>
        public FrameStatus Push(byte[] data, int offset, int count, out int consumed)
        {
            for (int i = 0; i < count; i++)
            {
                FrameStatus status = Push(data[offset + i]);
                if (status != FrameStatus.NeedMoreData)
                {
                    consumed = i + 1;
                    return status;
                }
            }

            consumed = count;
            return FrameStatus.NeedMoreData;
        }

        /// <summary>Forgets a partial frame (counted as dropped) and hunts for the next start byte.</summary>
        public void Reset()
        {
            if (_inFrame)
            {
                DroppedBytes += _wireBytes;
            }

            _inFrame = false;
            _escaped = false;
            _count = 0;
            _expected = 0;
            _wireBytes = 0;
        }

        private void BeginFrame()
        {
            _inFrame = true;
            _escaped = false;
            _count = 0;
            _expected = 0;
            _wireBytes = 1;
        }

        private FrameStatus Complete()
        {
            int crcOffset = _count - IoProtocol.CrcLength;
            ushort received = (ushort)((_buffer[crcOffset] << 8) | _buffer[crcOffset + 1]);
            if (Crc16CcittFalse.Compute(_buffer, 0, crcOffset) != received)
            {
                return EndFrame(FrameMalformedReason.BadCrc);
            }

            MessageType type = (MessageType)_buffer[IoProtocol.TypeOffset];
            int expectedLength = IoProtocol.PayloadLengthOf(type);
            if (expectedLength < 0)
            {
                return EndFrame(FrameMalformedReason.UnknownType);
            }

            int payloadLength = _buffer[IoProtocol.LengthOffset];
            if (payloadLength != expectedLength)
            {
                return EndFrame(FrameMalformedReason.BadLength);
            }

            byte[] payload = new byte[payloadLength];
            Array.Copy(_buffer, IoProtocol.HeaderLength, payload, 0, payloadLength);
            Frame = new Frame(type, _buffer[IoProtocol.SequenceOffset], _buffer[IoProtocol.AckOffset], payload);
            FramesOk++;
            Reason = FrameMalformedReason.None;
            _inFrame = false;
            return FrameStatus.Ok;
        }

        private FrameStatus EndFrame(FrameMalformedReason reason)
        {
            int dropped = _wireBytes;
            _inFrame = false;
            return Reject(reason, dropped);
        }

        private FrameStatus Reject(FrameMalformedReason reason, int droppedBytes)
        {
            DroppedBytes += droppedBytes;
            FramesMalformed++;
            Reason = reason;
            return FrameStatus.Malformed;
        }
    }
}
