#!/usr/bin/env bash
# Installs what Edge's build, tests and demo need on a fresh Debian machine (run as root). Idempotent.
#   bash scripts/bootstrap.sh          everything the tests use (brokers, databases, peers, tshark, chromium)
#   bash scripts/bootstrap.sh --demo   only what the demo runs: libpcap (sensor), openssl (its PKI), python3 and iproute2 (progress, ports)
# Packages are installed with --no-install-recommends, so every package a peer needs at run time is named here even
# when Debian ships it as a Recommends (python3-pymodbus's server imports serial_asyncio: python3-serial-asyncio).
# scripts/apt-install.sh does the installing: it waits up to EDGE_APT_LOCK_TIMEOUT seconds (default 600) for the locks
# another apt holds (unattended upgrades on a gateway) and prints apt's output only when something fails.
set -euo pipefail
if [ "${1:-}" = "--demo" ]; then
  packages=(libpcap0.8 openssl python3 iproute2)
else
  packages=(
    libpcap0.8                              # the sensor's capture library
    mosquitto                               # the external-broker tests' broker
    postgresql                              # the PostgreSQL store tests
    tshark                                  # parity oracle, the OUI test
    tcpdump                                 # the lab's tap recorder
    iproute2 procps iputils-ping            # ip netns/tc/ss, sysctl/kill, ping in the lab
    systemd util-linux                      # the tap tests: systemd-networkd and systemd-sysctl on the packaged files (unshare)
    bsdextrautils                           # column, used by scripts
    python3 python3-pymodbus                # the lab's Modbus PLC
    python3-serial python3-serial-asyncio   # what pymodbus.server imports (Recommends of python3-pymodbus)
    mbpoll nmap openssl                     # the lab's Modbus client, scanner, TLS peers and PKI
    python3-zeroconf                        # the discovery tests' third-party mDNS/DNS-SD peer (tests/Collector.Tests/Provisioning/Discovery)
    chromium fonts-dejavu-core              # the dashboard's browser tests (and readable screenshots)
    ca-certificates                         # NuGet over HTTPS
  )
fi
bash "$(dirname "$0")/apt-install.sh" bootstrap "${packages[@]}"
command -v dotnet >/dev/null || { echo "bootstrap: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
