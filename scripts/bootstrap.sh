#!/usr/bin/env bash
# Installs what Edge's build, tests and demo need on a fresh Debian machine (run as root). Idempotent.
#   bash scripts/bootstrap.sh          everything the tests use (brokers, databases, peers, tshark, chromium)
#   bash scripts/bootstrap.sh --demo   only what the demo runs: libpcap (sensor), openssl (its PKI), python3 and iproute2 (progress, ports)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ "${1:-}" = "--demo" ]; then
  packages=(libpcap0.8 openssl python3 iproute2)
else
  packages=(libpcap0.8 mosquitto postgresql tshark tcpdump iproute2 bsdextrautils python3 python3-pymodbus mbpoll nmap openssl iputils-ping chromium)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "bootstrap: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
