"""A third-party mDNS peer for the discovery tests (python3-zeroconf, run under Debian's /usr/bin/python3).
  publish ADDRESS PORT FINGERPRINT   register "Zeroconf Peer._edge-prov._tcp.local." until killed
  browse ADDRESS SECONDS             look for _edge-prov._tcp.local. and print what it resolves
"""
import socket
import sys
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, Zeroconf

TYPE = "_edge-prov._tcp.local."

mode, address = sys.argv[1], sys.argv[2]
zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
if mode == "publish":
    info = ServiceInfo(TYPE, "Zeroconf Peer." + TYPE, addresses=[socket.inet_aton(address)], port=int(sys.argv[3]),
                       properties={"v": "1", "fp": sys.argv[4]}, server="zc-peer.local.")
    zc.register_service(info)
    print("registered", flush=True)
    while True:
        time.sleep(1)
else:
    found = []

    class Listener:
        def add_service(self, z, t, name):
            found.append(name)

        def update_service(self, z, t, name):
            pass

        def remove_service(self, z, t, name):
            pass

    ServiceBrowser(zc, TYPE, Listener())
    deadline = time.time() + float(sys.argv[3])
    while not found and time.time() < deadline:
        time.sleep(0.05)
    if not found:
        print("nothing found", flush=True)
        sys.exit(1)
    info = zc.get_service_info(TYPE, found[0], timeout=3000)
    props = {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()}
    print("found", found[0], info.server, info.port, ",".join(info.parsed_addresses()), props.get("v"), props.get("fp"), flush=True)
    zc.close()
