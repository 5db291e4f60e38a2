# A minimal RDP listener for the attack lab (the HMI's Remote Desktop on port 3389), run with /usr/bin/python3 inside a
# lab namespace:  rdp_server.py <address> <certificate.pem> <key.pem>
# It is not an RDP server: it answers the connection setup of [MS-RDPBCGR] 1.3.1.1 just far enough for the wire to
# carry a well-formed start of a session for a passive sensor (and for tshark):
#   X.224 Connection Request with RDP_NEG_REQ asking for PROTOCOL_SSL
#       -> X.224 Connection Confirm with RDP_NEG_RSP selecting PROTOCOL_SSL, then the TLS 1.2 handshake as server
#          (the certificate given, self-signed like an RDP server's default), then waits for the client to close
#   X.224 Connection Request asking for standard RDP security only (no RDP_NEG_REQ, or no SSL in it)
#       -> X.224 Connection Confirm with RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER, then closes
#   anything else -> closes
import socketserver
import ssl
import struct
import sys

RDP_PORT = 3389

X224_TPDU_CONNECTION_REQUEST = 0xE0
X224_TPDU_CONNECTION_CONFIRM = 0xD0

TYPE_RDP_NEG_REQ = 0x01
TYPE_RDP_NEG_RSP = 0x02
TYPE_RDP_NEG_FAILURE = 0x03

PROTOCOL_SSL = 0x00000001
EXTENDED_CLIENT_DATA_SUPPORTED = 0x01
SSL_REQUIRED_BY_SERVER = 0x00000001

SERVER_SRC_REF = 0x1234


def tpkt(payload):
    # TPKT (RFC 1006): version (1) = 3 | reserved (1) = 0 | length (2, big-endian) of the whole PDU, these 4 bytes included
    return struct.pack(">BBH", 3, 0, 4 + len(payload)) + payload


def connection_confirm(dst_ref, negotiation):
    """The Server X.224 Connection Confirm PDU ([MS-RDPBCGR] 2.2.1.2); selecting PROTOCOL_SSL (19 bytes):

    03 00 00 13        TPKT: version 3, reserved 0, length 19
    0e                 X.224 length indicator 14: the octets after it (6 fixed + 8 RDP_NEG_RSP)
    d0                 X.224 CC: code 1101, credit 0000
    00 00              DST-REF: the client's SRC-REF (0)
    12 34              SRC-REF 0x1234 (as in [MS-RDPBCGR] 4.1.2)
    00                 class 0, no options
    02                 RDP_NEG_RSP (2.2.1.2.1) type: TYPE_RDP_NEG_RSP
    01                 flags: EXTENDED_CLIENT_DATA_SUPPORTED
    08 00              length 8 (little-endian)
    01 00 00 00        selectedProtocol: PROTOCOL_SSL (TLS follows, 5.4.5.1)
    """
    x224 = struct.pack(">BHHB", X224_TPDU_CONNECTION_CONFIRM, dst_ref, SERVER_SRC_REF, 0x00) + negotiation
    return tpkt(bytes([len(x224)]) + x224)


def requested_protocols(x224):
    """The RDP_NEG_REQ's requestedProtocols in a CR's data (after the optional cookie line), or None without one."""
    data = x224[7:x224[0] + 1]
    if data.startswith(b"Cookie: "):
        end = data.find(b"\r\n")
        if end < 0:
            return None
        data = data[end + 2:]
    if len(data) >= 8 and data[0] == TYPE_RDP_NEG_REQ:
        return struct.unpack("<I", data[4:8])[0]
    return None


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        head = self.read(4)
        if head is None or head[0] != 3 or head[1] != 0:
            return
        x224 = self.read(struct.unpack(">H", head[2:4])[0] - 4)
        if x224 is None or len(x224) < 7 or x224[0] + 1 > len(x224) or x224[1] & 0xF0 != X224_TPDU_CONNECTION_REQUEST:
            return
        client_src_ref = struct.unpack(">H", x224[4:6])[0]
        protocols = requested_protocols(x224)
        if protocols is None or not protocols & PROTOCOL_SSL:
            # RDP_NEG_FAILURE (2.2.1.2.2): type 3 | flags 0 | length 8 | failureCode SSL_REQUIRED_BY_SERVER
            failure = struct.pack("<BBHI", TYPE_RDP_NEG_FAILURE, 0x00, 8, SSL_REQUIRED_BY_SERVER)
            self.request.sendall(connection_confirm(client_src_ref, failure))
            return
        # RDP_NEG_RSP (2.2.1.2.1): type 2 | flags | length 8 | selectedProtocol
        response = struct.pack("<BBHI", TYPE_RDP_NEG_RSP, EXTENDED_CLIENT_DATA_SUPPORTED, 8, PROTOCOL_SSL)
        self.request.sendall(connection_confirm(client_src_ref, response))
        with self.server.tls.wrap_socket(self.request, server_side=True) as tls:
            # The client closes after the handshake; a ragged EOF reads as b"".
            while tls.recv(4096):
                pass

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
    address, certificate, key = sys.argv[1], sys.argv[2], sys.argv[3]
    with Server((address, RDP_PORT), Handler) as server:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.maximum_version = ssl.TLSVersion.TLSv1_2
        server.tls.load_cert_chain(certificate, key)
        print("rdp listening", flush=True)
        server.serve_forever()
