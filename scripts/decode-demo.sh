#!/usr/bin/env bash
# A tour of the decoders and the plant model on third-party captures: decode real S7comm and Modbus captures from
# ../shared and show the first PDUs next to tshark's reference dissection of the same capture, then the asset
# inventory the sensor builds from a real plant, then detection after learning a plant (edge-sensor dissect/analyze).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
shared=${EDGE_SHARED:-../shared}
[ -d "$shared/pcaps" ] || { echo "demo: $shared/pcaps not found (the shared captures must sit beside the repository)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/EdgeSensor -c Release -v quiet -nologo >/dev/null
sensor=src/EdgeSensor/bin/Release/net10.0/edge-sensor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pair in "s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng s7" "modbus_many-function-codes_fc1-24-43_exception__icsnpp.pcap modbus"; do
  set -- $pair
  echo "== $1 ($2): Edge"
  # Whole files are decoded; only the first rows are shown (columns: frame, addresses, ports, PDU fields).
  "$sensor" dissect "$shared/pcaps/$1" --protocol "$2" > "$tmp/ours.tsv"
  cut -f1,3-6,8-9,12-22 "$tmp/ours.tsv" | head -n 12 | column -t -s $'\t'
  echo "== $1 ($2): tshark reference"
  cut -f1,3-6,8-9,12-22 "$shared/reference/dev/$1.$2.tsv" | head -n 12 | column -t -s $'\t'
  echo
done
echo "== asset inventory of mixed_plant1_modbus-s7comm-it-traffic.pcap and an S7-300 engineering session (edge-sensor analyze)"
"$sensor" analyze "$shared/pcaps/mixed_plant1_modbus-s7comm-it-traffic.pcap" "$shared/pcaps/s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng" --json \
  | python3 scripts/assets_table.py
echo
echo "== detection: learn a WinCC HMI plant, then replay three other captures (all their devices are new to the learned plant): an admin RDP login, a TIA Portal download with PLC stop, and a Modbus register scan amid polling"
"$sensor" analyze --learn "$shared/pcaps/s7comm_wincc-s400_hmi-production-baseline.pcapng" \
  "$shared/pcaps/rdp_admin-cookie-administr.pcap" "$shared/pcaps/s7comm_tia-s300_download-hwconfig-with-stop.pcapng" \
  "$shared/pcaps/modbus_attack_characterization-recon__labelled.pcap" --json \
  | python3 scripts/assets_table.py | sed -n '/incidents/,$p'
