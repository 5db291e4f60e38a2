"""Prints `edge-sensor analyze --json` output (JSON Lines on stdin) as a plain table."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
print(f"{len(rows)} assets")
print(f"{'asset':16} {'role':24} {'conf':>4}  {'MAC vendor':22}  {'serves':18}  identity")
for a in rows:
    ident = a.get("identity") or {}
    text = " ".join(x for x in (ident.get("orderNumber"), ident.get("firmwareVersion"), ident.get("plcName"), ident.get("operatingState")) if x)
    vendor = (a.get("macVendor") or "-")[:22]
    served = ",".join(a["protocolsServed"])[:18]
    role = a["role"]
    print(f"{a['assetId']:16} {role['role']:24} {role['confidence']:4.2f}  {vendor:22}  {served:18}  {text}")
