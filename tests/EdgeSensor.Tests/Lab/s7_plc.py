# A minimal S7comm "PLC" for the attack lab (ISO-on-TCP, RFC 1006, on port 102), run with /usr/bin/python3 inside a lab
# namespace. It is not an S7 implementation: it answers just enough for a client handshake and a few jobs so that the
# traffic on the wire is well-formed for a passive sensor (and for tshark):
#   COTP CR (0xE0)                      -> COTP CC (0xD0) echoing the request's parameters
#   S7 Job 0xF0 Setup communication     -> Ack_Data, PDU size 480
#   S7 Job 0x04 Read var (one item)     -> Ack_Data with <length> bytes of 0x2A
#   S7 Job 0x05 Write var               -> Ack_Data, item return code 0xFF (success)
#   S7 Job 0x29 PLC stop, 0x28 PI       -> Ack_Data with the function byte
#   S7 Userdata Read SZL (0x0011)       -> one SZL record (module identification, MLFB 6ES7 315-2EH14-0AB0)
#   anything else                       -> Ack_Data with error class 0x85 (function not supported)
import socketserver
import struct
import sys

COTP_CR, COTP_CC, COTP_DT = 0xE0, 0xD0, 0xF0


def tpkt(payload):
    return struct.pack(">BBH", 3, 0, len(payload) + 4) + payload


def dt(s7):
    return tpkt(bytes([2, COTP_DT, 0x80]) + s7)


def ack_data(pdu_ref, param, data=b"", error=0):
    return dt(struct.pack(">BBHHHHH", 0x32, 3, 0, pdu_ref, len(param), len(data), error) + param + data)


def szl_0011_response(pdu_ref, seq):
    record = struct.pack(">H", 1) + b"6ES7 315-2EH14-0AB0 " + struct.pack(">HHH", 0, 0x0001, 0x0001)
    szl = struct.pack(">HHHH", 0x0011, 0x0000, len(record), 1) + record
    data = struct.pack(">BBH", 0xFF, 0x09, len(szl)) + szl
    param = bytes([0x00, 0x01, 0x12, 0x08, 0x12, 0x84, 0x01, seq, 0x00, 0x00, 0x00, 0x00])
    return dt(struct.pack(">BBHHHH", 0x32, 7, 0, pdu_ref, len(param), len(data)) + param + data)


def answer(s7):
    rosctr, pdu_ref, plen, dlen = s7[1], struct.unpack(">H", s7[4:6])[0], *struct.unpack(">HH", s7[6:10])
    header = 12 if rosctr in (2, 3) else 10
    param = s7[header:header + plen]
    if rosctr == 1 and param:
        fn = param[0]
        if fn == 0xF0:
            return ack_data(pdu_ref, bytes([0xF0, 0, 0, 1, 0, 1, 0x01, 0xE0]))
        if fn == 0x04 and len(param) >= 14:
            length = struct.unpack(">H", param[6:8])[0]
            data = struct.pack(">BBH", 0xFF, 0x04, length * 8) + bytes([0x2A]) * length
            return ack_data(pdu_ref, bytes([0x04, 1]), data)
        if fn == 0x05:
            return ack_data(pdu_ref, bytes([0x05, 1]), bytes([0xFF]))
        if fn in (0x28, 0x29):
            return ack_data(pdu_ref, bytes([fn]))
        return ack_data(pdu_ref, bytes([fn]), error=0x8500)
    if rosctr == 7 and len(param) >= 8:
        return szl_0011_response(pdu_ref, param[7])
    return ack_data(pdu_ref, b"", error=0x8500)


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        while True:
            head = self.read(4)
            if head is None:
                return
            body = self.read(struct.unpack(">H", head[2:4])[0] - 4)
            if body is None or len(body) < 2:
                return
            code = body[1] & 0xF0
            if code == COTP_CR:
                dst, src = struct.unpack(">HH", body[2:6])
                # echo the request's parameters (TPDU size, calling and called TSAP), as PLCs do
                cc = bytes([COTP_CC]) + struct.pack(">HH", src, 0x0001) + bytes([0]) + body[7:]
                cc = bytes([len(cc)]) + cc
                sock.sendall(tpkt(cc))
            elif code == COTP_DT and len(body) > 3 and body[3] == 0x32:
                sock.sendall(answer(body[3:]))

    def read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.request.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    with Server((sys.argv[1], 102), Handler) as server:
        print("s7 plc listening", flush=True)
        server.serve_forever()
