#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet (run as root); the one apt step of
# scripts/bootstrap.sh, firmware/build.sh and firmware/check.sh.
#   bash scripts/apt-install.sh WHO PACKAGE...      WHO prefixes the messages ("bootstrap", "build", "check")
# Packages are installed with --no-install-recommends, so the caller names every package a peer needs at run time even
# when Debian ships it as a Recommends. apt waits up to EDGE_APT_LOCK_TIMEOUT seconds (default 600) for the locks
# another apt holds (unattended upgrades on a gateway): 'apt-get install' waits for the dpkg lock itself
# (DPkg::Lock::Timeout); 'apt-get update' does not wait for the lists lock, so it is retried while another apt holds it.
# apt's own output goes to a log file; its last lines are printed only when something fails (exit 1).
set -euo pipefail
who=${1:?usage: apt-install.sh WHO PACKAGE...}
shift
export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
echo "$who: installing ${missing[*]}"
log=$(mktemp "/tmp/edge-$who-apt.XXXXXX.log")
exec 3>&2
wait_s=${EDGE_APT_LOCK_TIMEOUT:-600}
update() {
  local deadline=$((SECONDS + wait_s))
  until apt-get -o "DPkg::Lock::Timeout=$wait_s" update -qq; do
    grep -q "Could not get lock" "$log" && ((SECONDS < deadline)) || return 1
    echo "$who: waiting for another apt to finish" >&3
    sleep 5
  done
}
if ! { update && apt-get -o "DPkg::Lock::Timeout=$wait_s" install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "$who: apt-get failed; its output:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
rm -f "$log"
