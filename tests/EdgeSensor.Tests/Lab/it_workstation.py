# The IT workstation's normal traffic for the attack lab, run with /usr/bin/python3 inside the it-ws namespace:
# fetches the intranet page from the IT server (python's http.server on it-srv) once a second. It stays inside the IT
# segment, so it is traffic the sensor sees on the IT port mirror but that never crosses into OT.
#   it_workstation.py <server> <port> <seconds>
import sys
import time
import urllib.request

server, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        urllib.request.urlopen(f"http://{server}:{port}/", timeout=2).read()
    except OSError:
        pass
    time.sleep(1)
