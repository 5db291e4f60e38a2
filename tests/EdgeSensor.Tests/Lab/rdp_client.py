# The intruder's RDP client for the attack lab, run with /usr/bin/python3 inside a lab namespace:
#   rdp_client.py <server> <user>
# Opens a TCP connection to <server>:3389 and starts an RDP connection as [MS-RDPBCGR] 1.3.1.1 describes it: the
# Client X.224 Connection Request PDU (2.2.1.1) with a "Cookie: mstshash=<user>" routing cookie and an RDP Negotiation
# Request asking for TLS or CredSSP; it reads the Server X.224 Connection Confirm PDU (2.2.1.2) and, when the server
# selected TLS, does the TLS handshake that follows on the same connection (5.4.5.1: TLS 1.2 here, no SNI), then
# closes. It never gets as far as the MCS Connect Initial (which would travel encrypted), so no credentials are sent.
# Every byte is built here; none comes from a recorded capture.
import socket
import ssl
import struct
import sys

RDP_PORT = 3389

X224_TPDU_CONNECTION_REQUEST = 0xE0
X224_TPDU_CONNECTION_CONFIRM = 0xD0

TYPE_RDP_NEG_REQ = 0x01
TYPE_RDP_NEG_RSP = 0x02
TYPE_RDP_NEG_FAILURE = 0x03

PROTOCOL_RDP = 0x00000000
PROTOCOL_SSL = 0x00000001
PROTOCOL_HYBRID = 0x00000002


def tpkt(payload):
    # TPKT (RFC 1006): version (1) = 3 | reserved (1) = 0 | length (2, big-endian) of the whole PDU, these 4 bytes included
    return struct.pack(">BBH", 3, 0, 4 + len(payload)) + payload


def connection_request(user, requested_protocols):
    """The Client X.224 Connection Request PDU; for user "administrator" and PROTOCOL_SSL | PROTOCOL_HYBRID (51 bytes):

    03 00 00 33        TPKT: version 3, reserved 0, length 51
    2e                 X.224 length indicator 46: the octets after it (6 fixed + 32 cookie + 8 RDP_NEG_REQ)
    e0                 X.224 CR: code 1110, credit 0000
    00 00              DST-REF 0
    00 00              SRC-REF 0 (what Microsoft's client sends, as in [MS-RDPBCGR] 4.1.1)
    00                 class 0, no options
    43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d
                       "Cookie: mstshash=" (2.2.1.1 cookie)
    61 64 6d 69 6e 69 73 74 72 61 74 6f 72
                       "administrator" (IDENTIFIER: the user name)
    0d 0a              CR LF ends the cookie
    01                 RDP_NEG_REQ (2.2.1.1.1) type: TYPE_RDP_NEG_REQ
    00                 flags: none (no restricted admin, no redirected authentication, no correlation info)
    08 00              length 8 (little-endian, like everything in the RDP negotiation structures)
    03 00 00 00        requestedProtocols: PROTOCOL_SSL | PROTOCOL_HYBRID
    """
    cookie = b"Cookie: mstshash=" + user.encode("ascii") + b"\r\n"
    neg_req = struct.pack("<BBHI", TYPE_RDP_NEG_REQ, 0x00, 8, requested_protocols)
    fixed = struct.pack(">BHHB", X224_TPDU_CONNECTION_REQUEST, 0x0000, 0x0000, 0x00)
    x224 = fixed + cookie + neg_req
    return tpkt(bytes([len(x224)]) + x224)


def read_tpkt(sock):
    head = recv_exactly(sock, 4)
    if head[0] != 3 or head[1] != 0:
        raise ValueError(f"not TPKT: {head.hex()}")
    return recv_exactly(sock, struct.unpack(">H", head[2:4])[0] - 4)


def recv_exactly(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("the server closed the connection")
        buf += chunk
    return buf


def main():
    server, user = sys.argv[1], sys.argv[2]
    sock = socket.create_connection((server, RDP_PORT), timeout=5)
    sock.sendall(connection_request(user, PROTOCOL_SSL | PROTOCOL_HYBRID))
    x224 = read_tpkt(sock)
    # X.224 CC: LI | code 0xD0 | DST-REF (2) | SRC-REF (2) | class; then RDP_NEG_RSP or RDP_NEG_FAILURE (8 bytes)
    if len(x224) < 7 or x224[1] & 0xF0 != X224_TPDU_CONNECTION_CONFIRM:
        raise ValueError(f"not an X.224 Connection Confirm: {x224.hex()}")
    neg = x224[7:x224[0] + 1]
    if len(neg) != 8:
        print("confirm without negotiation: standard RDP security; closing")
        sock.close()
        return 0
    neg_type, _flags, _length, value = struct.unpack("<BBHI", neg)
    if neg_type == TYPE_RDP_NEG_FAILURE:
        print(f"negotiation failure 0x{value:08x}")
        sock.close()
        return 1
    print(f"selected protocol 0x{value:08x}")
    if neg_type == TYPE_RDP_NEG_RSP and value & (PROTOCOL_SSL | PROTOCOL_HYBRID):
        # The server's self-signed certificate is what RDP servers present by default; the client does not check it.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.maximum_version = ssl.TLSVersion.TLSv1_2
        tls = context.wrap_socket(sock, server_hostname=None)
        print(f"{tls.version()} {tls.cipher()[0]}")
        tls.close()
    else:
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
