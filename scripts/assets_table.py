"""Prints `edge-sensor analyze --json` output (JSON Lines on stdin) as plain tables: assets, then incidents."""
import json
import sys

records = [json.loads(line) for line in sys.stdin if line.strip()]
assets = [r for r in records if r.get("type") == "asset"]
incidents = [r for r in records if r.get("type") == "incident"]

print(f"{len(assets)} assets")
print(f"{'asset':16} {'role':24} {'conf':>4}  {'MAC vendor':22}  {'serves':18}  identity")
for a in assets:
    ident = a.get("identity") or {}
    text = " ".join(x for x in (ident.get("orderNumber"), ident.get("firmwareVersion"), ident.get("plcName"), ident.get("operatingState")) if x)
    vendor = (a.get("macVendor") or "-")[:22]
    served = ",".join(a["protocolsServed"])[:18]
    role = a["role"]
    print(f"{a['assetId']:16} {role['role']:24} {role['confidence']:4.2f}  {vendor:22}  {served:18}  {text}")

if incidents:
    print()
    print(f"{len(incidents)} incidents")
    for i in sorted(incidents, key=lambda x: -x["score"]):
        print(f"[{i['score']:3}] {i['device']:16} {i['title']}")
        for m in i["models"]:
            techniques = ",".join(m["techniques"])
            print(f"        {m['firstSeen'][:19]}  {m['score']:3}  {m['model']:34} {techniques}")
