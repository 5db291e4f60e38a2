#!/usr/bin/env bash
# Installs what Edge's build, tests and demo need on a fresh Debian machine (run as root). Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(libpcap0.8 mosquitto postgresql tshark tcpdump iproute2 bsdextrautils python3 python3-pymodbus mbpoll nmap openssl iputils-ping chromium)
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
