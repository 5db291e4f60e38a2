#!/usr/bin/env bash
# Checks Edge's Debian packages end to end (what CI runs for the packaging; see firmware/README.md):
#   1. builds all four packages (firmware/build.sh) and looks into each (fields, Depends, architecture, files);
#   2. systemd-analyze verify on both units (any warning fails) and systemd-analyze security --offline (exposure);
#   3. installs the amd64 sensor and collector into a minimal Debian 12 root filesystem (mmdebstrap minbase, with
#      systemd as on a gateway) and checks there: files, users, conffiles, libraries, --version, an analysis as the
#      sensor's user, a start of the collector from its environment file; then upgrades the sensor to a rebuilt
#      package of a higher version and checks that the edited sensor.json, the state and the outbox are kept;
#   4. starts both services the way their units would (firmware/tools/unit-run.py: as a non-root user with the
#      unit's capabilities, its seccomp filters incl. MemoryDenyWriteExecute and SystemCallFilter, ProtectSystem,
#      Type=notify): the sensor captures live on a veth pair in network namespaces and pets the watchdog;
#   5. runs the arm64 sensor under qemu-aarch64-static on the mixed plant capture: its JSON must be byte-identical
#      to the amd64 build's;
#   6. prints package sizes, the arm64 executable's size, its start-up time under qemu, resident memory, exposure.
# Ends with "firmware: N passed, N failed"; exits non-zero if any check failed. Needs root, Debian's archive, NuGet,
# and the shared captures (../shared beside the repository, or EDGE_SHARED). EDGE_FWCHECK_KEEP=1 keeps the work
# folder (printed). About 6-7 minutes on 2 idle cores (10 on a busy machine), most of it the builds.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
fw=$repo/firmware
cd "$repo"
shared=${EDGE_SHARED:-../shared}
pcap=$shared/pcaps/mixed_plant1_modbus-s7comm-it-traffic.pcap
out=$fw/out
passed=0
failed=0
started=$SECONDS
pass() { passed=$((passed + 1)); echo "check: PASS $*"; }
fail() { failed=$((failed + 1)); echo "check: FAIL $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
note() { echo "check: $*"; }

[ "$(id -u)" -eq 0 ] || { echo "check: needs root (apt, chroot, namespaces)" >&2; exit 2; }
[ -r "$pcap" ] || { echo "check: $pcap not found (the shared captures, ../shared; or set EDGE_SHARED)" >&2; exit 2; }
pcap=$(readlink -f "$pcap")

# --- tools (a fresh machine has only the .NET SDK; build.sh installs the build's own) ------------------------------
tools=(
  systemd              # systemd-analyze verify / security / syscall-filter (PID 1 need not be systemd)
  libpcap0.8           # the sensor's capture library, for its sandboxed run on this machine
  mmdebstrap           # the throwaway Debian root filesystems
  qemu-user-static     # qemu-aarch64-static: the arm64 sensor on this x86-64 machine
  time                 # /usr/bin/time -v: maximum resident set size
  python3 python3-seccomp   # firmware/tools/unit-run.py: the units' seccomp filters, the notify socket
  openssl              # a throwaway PKI for the collector's TLS listener
  iproute2             # ip netns / veth for the live capture
  procps               # sysctl: the package's edge-tap-setup silences the sandboxed sensor's tap (IPv6 off)
  binutils             # readelf, strings
  util-linux           # unshare, setpriv
  ca-certificates
)
bash "$repo/scripts/apt-install.sh" check "${tools[@]}"
py=/usr/bin/python3

work=$(mktemp -d /var/tmp/edge-fwcheck.XXXXXX)
chmod 0755 "$work"
bg_pids=()
# Network namespaces and veth names of this run (two runs on one machine must not meet; names <= 15 characters).
tag=$(($$ % 100000))
ns_a=efwc-a-$tag ns_b=efwc-b-$tag veth_a=efva$tag veth_b=efvb$tag
cleanup() {
  local p
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
  ip netns del "$ns_a" 2>/dev/null
  ip netns del "$ns_b" 2>/dev/null
  # Anything still running inside the root filesystem (a collector) ends with it.
  for p in /proc/[0-9]*; do
    case "$(readlink "$p/root" 2>/dev/null)" in "$work"/*) kill -KILL "${p#/proc/}" 2>/dev/null ;; esac
  done
  if [ "${EDGE_FWCHECK_KEEP:-0}" = 1 ]; then
    echo "check: work folder kept: $work"
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT

# Figures printed at the end.
declare -A fig=()
finish() {
  echo
  echo "== figures =="
  local deb
  for deb in "$out"/edge-sensor_"$version"_*.deb "$out"/edge-collector_"$version"_*.deb; do
    [ -f "$deb" ] && printf '  %-44s %s (%s bytes; installed %s)\n' "$(basename "$deb")" "$(mb "$(stat -c %s "$deb")")" \
      "$(stat -c %s "$deb")" "$(mb "$(($(dpkg-deb -f "$deb" Installed-Size) * 1024))")"
  done
  local k
  for k in "build (4 packages)" "arm64 executable" "arm64 start-up under qemu (--version, median of 5)" \
           "amd64 start-up (--version, median of 5)" "max RSS amd64 native (analyze mixed plant)" \
           "max RSS arm64 under qemu (analyze mixed plant)" "exposure edge-sensor.service" \
           "exposure edge-collector.service" "check.sh run time"; do
    [ -n "${fig[$k]:-}" ] && printf '  %-52s %s\n' "$k" "${fig[$k]}"
  done
  echo "firmware: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
median5() {  # median5 CMD...: median wall time of 5 runs, in ms
  local i t0 t1 times=()
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
maxrss_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{printf "%.1f MB", $1/1024}'; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
# The upgrade's version: the last number one higher (0.3.0 -> 0.3.1).
next=$(echo "$version" | awk -F. -v OFS=. '$NF ~ /^[0-9]+$/ { $NF = $NF + 1; print; next } { print $0 ".1" }')

# --- 1. build -----------------------------------------------------------------------------------------------------
note "building edge-sensor and edge-collector $version (amd64, arm64): firmware/build.sh"
t0=$SECONDS
if bash "$fw/build.sh" > "$work/build.log" 2>&1; then
  pass "build: firmware/build.sh ($((SECONDS - t0)) s)"
  fig["build (4 packages)"]="$((SECONDS - t0)) s"
  grep '^build: .*\.deb' "$work/build.log" | sed 's/^/  /'
else
  fail "build: firmware/build.sh"
  tail -n 40 "$work/build.log"
  finish
fi
# The upgrade's package, built meanwhile (the amd64 sensor only, at a higher version).
bash "$fw/build.sh" --arch amd64 --only sensor --version "$next" --out "$work/next" > "$work/next.log" 2>&1 &
next_pid=$!
bg_pids+=("$next_pid")

# --- the packages' contents -------------------------------------------------------------------------------------
x=$work/x
for name in edge-sensor edge-collector; do
  for arch in amd64 arm64; do
    deb=$out/${name}_${version}_${arch}.deb
    d=$x/$name-$arch
    mkdir -p "$d"
    dpkg-deb -x "$deb" "$d" && dpkg-deb -e "$deb" "$d/DEBIAN"
  done
done
fields_ok() {  # fields_ok NAME ARCH
  local deb=$out/${1}_${version}_${2}.deb d=$x/$1-$2 machine
  [ "$(dpkg-deb -f "$deb" Package)" = "$1" ] && [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] &&
    [ "$(dpkg-deb -f "$deb" Architecture)" = "$2" ] || return 1
  case $2 in amd64) machine="X86-64" ;; arm64) machine="AArch64" ;; esac
  [[ "$(readelf -h "$d/usr/lib/$1/$1")" =~ Machine:[[:space:]]*[^$'\n']*"$machine" ]] || { echo "  $1 $2: not an $machine executable"; return 1; }
  [ "$(readlink -f "$d/usr/bin/$1")" = "$(readlink -f "$d/usr/lib/$1/$1")" ] || { echo "  $1 $2: /usr/bin/$1 is not a link to /usr/lib/$1/$1"; return 1; }
  [ -f "$d/usr/lib/systemd/system/$1.service" ] && [ -f "$d/usr/lib/sysusers.d/$1.conf" ] || return 1
}
sensor_files_ok() {  # sensor_files_ok ARCH
  local d=$x/edge-sensor-$1 deps
  deps=$(dpkg-deb -f "$out/edge-sensor_${version}_$1.deb" Depends)
  echo "  edge-sensor $1 Depends: $deps"
  [[ "$deps" == *libpcap0.8* && "$deps" == *libc6* ]] || return 1
  [ "$(ls "$d/usr/lib/edge-sensor/hardware/profiles/"*.json | wc -l)" -eq "$(ls hardware/profiles/*.json | wc -l)" ] || { echo "  profiles missing"; return 1; }
  [ -f "$d/usr/lib/edge-sensor/libSystem.IO.Ports.Native.so" ] && [ -f "$d/etc/edge-sensor/sensor.json" ] &&
    [ -f "$d/usr/lib/systemd/journald.conf.d/edge.conf" ] && [ -f "$d/usr/lib/udev/rules.d/60-edge-sensor.rules" ] || return 1
  grep -qx /etc/edge-sensor/sensor.json "$d/DEBIAN/conffiles" || { echo "  sensor.json is not a conffile"; return 1; }
  # The default configuration: the sensor on eth1, its state in /var/lib/edge-sensor.
  $py -c 'import json,sys; c=json.load(open(sys.argv[1])); assert c["capture"]["interface"]=="eth1"; assert c["stateFile"].startswith("/var/lib/edge-sensor/")' "$d/etc/edge-sensor/sensor.json"
}
collector_files_ok() {
  local d=$x/edge-collector-$1 deps
  deps=$(dpkg-deb -f "$out/edge-collector_${version}_$1.deb" Depends)
  echo "  edge-collector $1 Depends: $deps"
  [[ "$deps" == *libssl3* && "$deps" == *libstdc++6* ]] || return 1
  [ -f "$d/usr/lib/edge-collector/libcoreclr.so" ] && [ -d "$d/usr/lib/edge-collector/wwwroot" ] &&
    [ -f "$d/usr/lib/edge-collector/libe_sqlite3.so" ] && [ -f "$d/etc/default/edge-collector" ] || return 1
  grep -qx /etc/default/edge-collector "$d/DEBIAN/conffiles"
}
for arch in amd64 arm64; do
  check "package edge-sensor $arch: fields, executable, link, unit" fields_ok edge-sensor "$arch"
  check "package edge-sensor $arch: Depends, profiles, conffile, default sensor.json" sensor_files_ok "$arch"
  check "package edge-collector $arch: fields, executable, link, unit" fields_ok edge-collector "$arch"
  check "package edge-collector $arch: Depends, runtime, wwwroot, conffile" collector_files_ok "$arch"
done

# --- 2. units: verify, security; journald drop-in --------------------------------------------------------------
mkdir -p "$work/units"
verify_unit() {  # verify_unit NAME: ExecStart pointed at the extracted amd64 package (verify needs it to exist)
  # Every unit of the package, with its programs (/usr/bin/NAME, /usr/lib/NAME/...) pointed at the extracted tree,
  # side by side, so that the unit's own dependencies (the sensor's first-boot unit) are found too.
  local unit=$work/units/$1.service u
  for u in "$x/$1-amd64/usr/lib/systemd/system/"*.service; do
    sed -e "s#/usr/bin/$1#$x/$1-amd64/usr/bin/$1#" -e "s#=\(+\?\)/usr/lib/$1/#=\1$x/$1-amd64/usr/lib/$1/#" "$u" > "$work/units/$(basename "$u")"
  done
  grep -q "^ExecStart=$x/" "$unit" || return 1
  systemd-analyze verify "$unit" > "$work/units/$1.verify" 2>&1
  local rc=$?
  sed 's/^/  verify: /' "$work/units/$1.verify"
  # An unknown key or a bad value is only a warning (rc 0): any output at all fails.
  [ "$rc" -eq 0 ] && [ ! -s "$work/units/$1.verify" ]
}
exposure() {  # exposure NAME MAX
  systemd-analyze security --offline=true "$work/units/$1.service" > "$work/units/$1.security" 2>&1
  local e
  e=$(sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) \(.*\)/\1 \2/p' "$work/units/$1.security")
  fig["exposure $1.service"]=$e
  echo "  $1.service: exposure $e (at most $2 expected)"
  [ -n "$e" ] && awk -v e="${e%% *}" -v m="$2" 'BEGIN { exit !(e <= m) }'
}
journald_keys_ok() {
  local f=$x/edge-sensor-amd64/usr/lib/systemd/journald.conf.d/edge.conf key bad=0
  # journald's own table of settings ("Journal.SystemMaxUse", ...), from its executable.
  strings "$(readlink -f /lib/systemd/systemd-journald)" | grep '^Journal\.' > "$work/units/journald.keys"
  for key in $(sed -n 's/^\([A-Za-z]*\)=.*/\1/p' "$f"); do
    grep -qx "Journal.$key" "$work/units/journald.keys" || { echo "  journald knows no $key"; bad=1; }
  done
  grep -qx '\[Journal\]' "$f" && [ "$bad" -eq 0 ]
}
check "unit edge-sensor.service: systemd-analyze verify, no warning" verify_unit edge-sensor
check "unit edge-collector.service: systemd-analyze verify, no warning" verify_unit edge-collector
check "unit edge-sensor.service: systemd-analyze security exposure <= 2.0" exposure edge-sensor 2.0
check "unit edge-collector.service: systemd-analyze security exposure <= 2.0" exposure edge-collector 2.0
check "journald drop-in: every key known to systemd-journald" journald_keys_ok

# A throwaway PKI for the collector (TLS listener); helpers.
pki=$work/pki
mkdir -p "$pki"
(
  cd "$pki" || exit 1
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
  openssl req -x509 -new -key ca.key -subj "/CN=Edge check CA" -days 2 -sha256 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out ca.pem
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key 2>/dev/null
  openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
  printf '%s\n' basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature extendedKeyUsage=serverAuth \
    subjectAltName=DNS:localhost,IP:127.0.0.1 > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -days 2 -sha256 -extfile server.ext -out server.pem 2>/dev/null
)
free_port() { $py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_ok() {  # http_ok URL TIMEOUT: 200 within TIMEOUT seconds
  $py - "$1" "$2" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
  try:
      with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
          if r.status == 200:
              sys.exit(0)
  except Exception:
      pass
  time.sleep(0.5)
sys.exit(1)
PY
}

# --- 3. install into a minimal Debian 12 ------------------------------------------------------------------------
root=$work/root
sysroot=$work/arm64-sysroot
mirrors=("deb http://deb.debian.org/debian bookworm main" "deb http://deb.debian.org/debian bookworm-updates main"
         "deb http://deb.debian.org/debian-security bookworm-security main")
note "making a minimal Debian 12 root filesystem with systemd and the amd64 packages (mmdebstrap)"
t0=$SECONDS
if mmdebstrap --quiet --mode=root --variant=minbase --include=systemd \
     --include="$out/edge-sensor_${version}_amd64.deb" --include="$out/edge-collector_${version}_amd64.deb" \
     --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
     bookworm "$root" "${mirrors[@]}" > "$work/mmdebstrap.log" 2>&1; then
  pass "install: mmdebstrap minbase + systemd + both amd64 packages ($((SECONDS - t0)) s)"
else
  fail "install: mmdebstrap minbase + systemd + both amd64 packages"
  tail -n 30 "$work/mmdebstrap.log"
fi
# The arm64 sysroot for qemu: libpcap0.8:arm64 and what it needs (libc6, libdbus, ...), extracted only. This keeps
# the machine's own dpkg free of a foreign architecture (dpkg --add-architecture would change it for everyone).
mmdebstrap --quiet --mode=root --variant=extract --architectures=arm64 --include=libpcap0.8 \
  bookworm "$sysroot" "${mirrors[@]}" > "$work/sysroot.log" 2>&1 &
sysroot_pid=$!
bg_pids+=("$sysroot_pid")

# inroot CMD...: in the root filesystem, with /proc and /dev, in a private mount namespace (gone with the command).
inroot_cmd=(unshare --mount --propagation private sh -c
  'r=$1; shift; mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && exec chroot "$r" "$@"' sh "$root")
inroot() { "${inroot_cmd[@]}" "$@"; }
as_sensor() { inroot setpriv --reuid=edge-sensor --regid=edge-sensor --init-groups "$@"; }

installed_ok() {
  local p s
  for p in edge-sensor edge-collector; do
    s=$(inroot dpkg-query -W -f='${Status} ${Version}' "$p")
    echo "  $p: $s"
    [ "$s" = "install ok installed $version" ] || return 1
  done
}
files_ok() {
  local f bad=0
  for f in /usr/lib/edge-sensor/edge-sensor /usr/bin/edge-sensor /usr/lib/edge-sensor/hardware/profiles/generic.json \
           /usr/lib/systemd/system/edge-sensor.service /etc/edge-sensor/sensor.json /usr/lib/sysusers.d/edge-sensor.conf \
           /usr/lib/systemd/journald.conf.d/edge.conf /usr/lib/edge-collector/edge-collector /usr/bin/edge-collector \
           /usr/lib/edge-collector/wwwroot /usr/lib/systemd/system/edge-collector.service /etc/default/edge-collector; do
    [ -e "$root$f" ] || { echo "  missing: $f"; bad=1; }
  done
  [ "$(stat -c %a "$root/etc/default/edge-collector")" = 600 ] || { echo "  /etc/default/edge-collector is not 0600"; bad=1; }
  [ "$bad" -eq 0 ]
}
users_ok() {
  local s c g
  s=$(inroot getent passwd edge-sensor) && c=$(inroot getent passwd edge-collector) || return 1
  g=$(inroot id -nG edge-sensor)
  echo "  $s (groups: $g)"
  echo "  $c"
  [[ "$s" == *:/var/lib/edge-sensor:/usr/sbin/nologin ]] && [[ " $g " == *" gpio "* ]] && [[ " $g " == *" dialout "* ]] &&
    [ "$(inroot stat -c %U:%a /var/lib/edge-sensor)" = edge-sensor:750 ] &&
    [ "$(inroot stat -c %U:%a /var/lib/edge-collector)" = edge-collector:750 ]
}
conffiles_ok() {
  local s c
  s=$(inroot dpkg-query -W -f='${Conffiles}\n' edge-sensor) c=$(inroot dpkg-query -W -f='${Conffiles}\n' edge-collector)
  echo "  conffiles:$s;$c"
  [[ "$s" =~ " /etc/edge-sensor/sensor.json "[0-9a-f]{32} ]] && [[ "$c" =~ " /etc/default/edge-collector "[0-9a-f]{32} ]]
}
units_ok() {
  # Installed, known to systemctl, and not enabled by the package (sensor.json is edited first).
  [ "$(inroot systemctl is-enabled edge-sensor.service 2>&1)" = disabled ] &&
    [ "$(inroot systemctl is-enabled edge-collector.service 2>&1)" = disabled ]
}
versions_ok() {
  local s c
  s=$(inroot edge-sensor --version) c=$(inroot edge-collector --version)
  echo "  $s; $c"
  [ "$s" = "edge-sensor $version" ] && [ "$c" = "edge-collector $version" ]
}
libraries_ok() {
  # Every ELF's NEEDED libraries resolve, and the ones loaded at run time (dlopen) are there: Depends is complete.
  local f bad=0 so l cache n=0
  while read -r f; do
    l=$(inroot ldd "$f" 2>&1)
    n=$((n + 1))
    [[ "$l" == *"not found"* ]] && { echo "  $f: $(grep 'not found' <<< "$l" | tr -s ' \t' ' ')"; bad=1; }
  done < <(cd "$root" && find usr/lib/edge-sensor usr/lib/edge-collector -type f \( -name '*.so' -o -name edge-sensor -o -name edge-collector -o -name createdump \) | sed 's:^:/:')
  cache=$(inroot ldconfig -p)
  for so in libpcap.so.0.8 libssl.so.3 libcrypto.so.3 libgpiod.so.2; do
    [[ "$cache" == *"	$so ("* ]] || { echo "  $so (loaded at run time) missing"; bad=1; }
  done
  echo "  $n ELF files resolved; libpcap.so.0.8, libssl.so.3, libcrypto.so.3, libgpiod.so.2 present"
  [ "$bad" -eq 0 ]
}
if [ -d "$root/usr/lib/edge-sensor" ]; then
  check "install: both packages installed at $version" installed_ok
  check "install: files in /usr/lib, /usr/bin, /etc, units, journald drop-in; env file 0600" files_ok
  check "install: users edge-sensor (in gpio, dialout) and edge-collector, state directories 0750" users_ok
  check "install: conffiles registered (sensor.json, /etc/default/edge-collector)" conffiles_ok
  check "install: units installed, not enabled by the package" units_ok
  check "install: edge-sensor --version and edge-collector --version in the root" versions_ok
  check "install: every library found (ldd; libpcap, libssl, libgpiod for dlopen)" libraries_ok

  # The amd64 reference analysis, as the sensor's user in the minimal root (its libpcap comes from Depends).
  cp "$pcap" "$root/tmp/capture.pcap"
  chmod 0644 "$root/tmp/capture.pcap"
  analyze_in_root() {
    /usr/bin/time -v -o "$work/amd64.time" "${inroot_cmd[@]}" setpriv --reuid=edge-sensor --regid=edge-sensor \
      --init-groups /usr/bin/edge-sensor analyze /tmp/capture.pcap --json > "$work/amd64.json" 2> "$work/amd64.err" || { tail -n 5 "$work/amd64.err"; return 1; }
    fig["max RSS amd64 native (analyze mixed plant)"]=$(maxrss_mb "$work/amd64.time")
    # JSON Lines: one record (asset, relation, ...) a line.
    $py -c 'import json,sys; n=sum(1 for l in open(sys.argv[1]) if json.loads(l)); print(f"  {n} JSON records"); assert n' "$work/amd64.json"
  }
  check "install: edge-sensor analyze <mixed plant> --json as edge-sensor in the root" analyze_in_root
  fig["amd64 start-up (--version, median of 5)"]="$(median5 "$x/edge-sensor-amd64/usr/lib/edge-sensor/edge-sensor" --version) ms"

  state_written() {
    as_sensor /usr/bin/edge-sensor analyze /tmp/capture.pcap --state /var/lib/edge-sensor/plant.state > /dev/null 2>&1 &&
      [ -s "$root/var/lib/edge-sensor/plant.state" ] && [ "$(inroot stat -c %U /var/lib/edge-sensor/plant.state)" = edge-sensor ]
  }
  check "install: the sensor's user writes its state in /var/lib/edge-sensor" state_written

  # The collector from its environment file, as its user, with certificates in /etc/edge-collector (the README's
  # steps): the TLS listener (libssl from Depends), SQLite in /var/lib/edge-collector, the dashboard's files.
  collector_in_root() {
    install -m 0644 "$pki/ca.pem" "$pki/server.pem" "$root/etc/edge-collector/"
    install -m 0640 "$pki/server.key" "$root/etc/edge-collector/"
    inroot chgrp edge-collector /etc/edge-collector/server.key
    local web mqtt pid rc=0
    web=$(free_port) mqtt=$(free_port)
    # As systemd does it: the environment file read as root (it is 0600), then the user's executable.
    # (Started with exec, so that $! is the collector itself: unshare, chroot, sh, setpriv and env all exec.)
    ( exec "${inroot_cmd[@]}" sh -c 'set -a; . /etc/default/edge-collector; set +a
      exec setpriv --reuid=edge-collector --regid=edge-collector --init-groups env Collector__MqttPort=$1 \
        ASPNETCORE_URLS=http://127.0.0.1:$2 EDGE_ADMIN_PASSWORD=check-root-password /usr/bin/edge-collector' \
      sh "$mqtt" "$web" > "$work/collector-root.log" 2>&1 ) &
    pid=$!
    http_ok "http://127.0.0.1:$web/login" 90 && http_ok "http://127.0.0.1:$web/css/site.css" 5 || rc=1
    [ -s "$root/var/lib/edge-collector/collector.db" ] || { echo "  no /var/lib/edge-collector/collector.db"; rc=1; }
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" || { echo "  exit code $? after SIGTERM"; rc=1; }
    [ "$rc" -eq 0 ] || tail -n 15 "$work/collector-root.log" | sed 's/^/  /'
    return $rc
  }
  check "install: the collector starts from /etc/default/edge-collector as its user (TLS, SQLite, dashboard)" collector_in_root

  # --- the upgrade: edits and state kept ---
  sed -i 's/"sensorId": "sensor1"/"sensorId": "cabinet-7"/' "$root/etc/edge-sensor/sensor.json"
  inroot install -d -o edge-sensor -g edge-sensor -m 0700 /var/lib/edge-sensor/outbox
  echo '{"finding":"waiting for the collector"}' > "$root/var/lib/edge-sensor/outbox/00000001.json"
  inroot chown edge-sensor:edge-sensor /var/lib/edge-sensor/outbox/00000001.json
  inroot systemctl enable edge-sensor.service > /dev/null 2>&1
  state_sums() { (cd "$root/var/lib/edge-sensor" && find . -type f -printf '%p %U %m ' -exec sha256sum {} \; | sort); }
  before=$(state_sums)
  note "waiting for the rebuild at $next (amd64 sensor)"
  if wait "$next_pid"; then
    pass "upgrade: edge-sensor rebuilt at $next"
    cp "$work/next/edge-sensor_${next}_amd64.deb" "$root/tmp/"
    upgrade_ok() {
      inroot dpkg -i "/tmp/edge-sensor_${next}_amd64.deb" < /dev/null > "$work/upgrade.log" 2>&1 || { tail -n 10 "$work/upgrade.log"; return 1; }
      local v
      v=$(inroot edge-sensor --version)
      echo "  after the upgrade: $v; dpkg: $(inroot dpkg-query -W -f='${Version}' edge-sensor)"
      [ "$v" = "edge-sensor $next" ] && [ "$(inroot dpkg-query -W -f='${Version}' edge-sensor)" = "$next" ]
    }
    kept_ok() {
      local bad=0
      grep -q '"sensorId": "cabinet-7"' "$root/etc/edge-sensor/sensor.json" || { echo "  the sensor.json edit is gone"; bad=1; }
      ls "$root"/etc/edge-sensor/*.dpkg-* 2>/dev/null && bad=1
      [ "$(state_sums)" = "$before" ] || { echo "  /var/lib/edge-sensor changed"; bad=1; }
      [[ "$(inroot dpkg-query -W -f='${Conffiles}\n' edge-sensor)" == *" /etc/edge-sensor/sensor.json "* ]] || bad=1
      [ "$(inroot systemctl is-enabled edge-sensor.service 2>&1)" = enabled ] || { echo "  no longer enabled"; bad=1; }
      inroot getent passwd edge-sensor > /dev/null || bad=1
      [ "$bad" -eq 0 ]
    }
    check "upgrade: dpkg -i $version -> $next, no prompt, new executable" upgrade_ok
    check "upgrade: sensor.json edit, state, outbox, enablement and user kept" kept_ok
  else
    fail "upgrade: edge-sensor rebuilt at $next"
    tail -n 20 "$work/next.log"
  fi
fi

# --- 4. the units' sandbox, emulated (no systemd as PID 1 here) ---------------------------------------------------
sandbox=$work/sandbox
mkdir -p "$sandbox/sensor" "$sandbox/collector/data"
chown -R 65534:65534 "$sandbox"
# Its own copy: the sandboxed user (nobody) must be able to read it wherever the repository is.
install -m 0755 "$fw/tools/unit-run.py" "$work/unit-run.py"
ip netns add "$ns_a" && ip netns add "$ns_b" && ip link add "$veth_a" type veth peer name "$veth_b" &&
  ip link set "$veth_a" netns "$ns_a" && ip link set "$veth_b" netns "$ns_b" &&
  ip -n "$ns_a" link set "$veth_a" up && ip -n "$ns_b" link set "$veth_b" up &&
  ip -n "$ns_b" addr add 10.231.0.2/24 dev "$veth_b" &&
  ip netns exec "$ns_a" sh "$x/edge-sensor-amd64/usr/lib/edge-sensor/edge-tap-setup" "$veth_a"   # the package's silent tap: no address, or the sensor refuses the port
cat > "$sandbox/sensor/sensor.json" <<EOF
{ "site": "check", "sensorId": "sandbox", "capture": { "interface": "$veth_a" },
  "stateFile": "$sandbox/sensor/plant.state", "learningSeconds": 2, "findingsFile": "-", "status": { "driver": "auto" } }
EOF
sensor_sandboxed() {
  # Traffic on the tap: 10.231.0.2 all along (the sensor learns it in its first 2 s), and from 7 s on also a new
  # device, 10.231.0.3 with its own MAC address (raw frames), which the sensor must report.
  ip netns exec "$ns_b" $py - "$veth_b" <<'PY' > /dev/null 2>&1 &
import socket, struct, sys, time
def checksum(b):
    s = sum(struct.unpack("!10H", b))
    s = (s & 0xFFFF) + (s >> 16)
    return ~((s & 0xFFFF) + (s >> 16)) & 0xFFFF
def frame(mac, ip):
    udp = struct.pack("!HHHH", 40000, 502, 12, 0) + b"edge"
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, socket.inet_aton(ip), socket.inet_aton("10.231.0.1"))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return b"\xff" * 6 + bytes.fromhex(mac) + b"\x08\x00" + hdr + udp
raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
raw.bind((sys.argv[1], 0))
for i in range(40):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.231.0.2", 0))
    s.sendto(b"edge", ("10.231.0.1", 502))
    s.close()
    if i >= 14:
        raw.send(frame("02ed9e000003", "10.231.0.3"))
    time.sleep(0.5)
PY
  bg_pids+=($!)
  $py "$work/unit-run.py" --unit "$x/edge-sensor-amd64/usr/lib/systemd/system/edge-sensor.service" --uid 65534 \
    --state "$sandbox/sensor" --netns "$ns_a" --stop-after 12 --timeout 90 -- \
    "$x/edge-sensor-amd64/usr/lib/edge-sensor/edge-sensor" run --config "$sandbox/sensor/sensor.json" > "$work/sensor-sandbox.log" 2>&1
  local rc=$?
  grep -E '^unit-run:|capturing from|learning ended|New device 10.231.0.3' "$work/sensor-sandbox.log" | grep -v '^{' | sed 's/^/  /' | cut -c1-200
  [ "$rc" -eq 0 ] && grep -q 'New device 10.231.0.3' "$work/sensor-sandbox.log"
}
check "sandbox: edge-sensor.service as a user with CAP_NET_RAW only, seccomp (SystemCallFilter, MemoryDenyWriteExecute, RestrictAddressFamilies), ProtectSystem: READY, captures live, WATCHDOG, clean stop" sensor_sandboxed

install -o 65534 -g 65534 -m 0600 "$pki/server.key" "$sandbox/collector/server.key" 2>/dev/null
install -o 65534 -g 65534 -m 0644 "$pki/ca.pem" "$pki/server.pem" "$sandbox/collector/" 2>/dev/null
collector_sandboxed() {  # collector_sandboxed UNIT LOG
  local c=$sandbox/collector web mqtt
  web=$(free_port) mqtt=$(free_port)
  $py "$work/unit-run.py" --unit "$1" --uid 65534 --state "$c" --stop-after 1 --timeout 90 \
    --http "http://127.0.0.1:$web/login" -- env Collector__DataDirectory="$c/data" Collector__CaPath="$c/ca.pem" \
    Collector__CertPath="$c/server.pem" Collector__KeyPath="$c/server.key" Collector__MqttPort="$mqtt" \
    ASPNETCORE_URLS="http://127.0.0.1:$web" EDGE_ADMIN_PASSWORD=check-sandbox-password \
    "$x/edge-collector-amd64/usr/lib/edge-collector/edge-collector" > "$2" 2>&1
}
collector_ok() {
  collector_sandboxed "$x/edge-collector-amd64/usr/lib/systemd/system/edge-collector.service" "$work/collector-sandbox.log"
  local rc=$?
  grep '^unit-run:' "$work/collector-sandbox.log" | sed 's/^/  /'
  [ "$rc" -eq 0 ] || tail -n 10 "$work/collector-sandbox.log" | sed 's/^/  /'
  return $rc
}
check "sandbox: edge-collector.service (seccomp SystemCallFilter, ProtectSystem, no capability): READY, dashboard 200, clean stop" collector_ok
mdwe_bites() {
  # The control: the same collector with MemoryDenyWriteExecute=yes added does not start (the JIT needs W+X), so
  # the emulated filter is in force, and the collector's unit must not have it.
  sed 's/^LockPersonality=yes/LockPersonality=yes\nMemoryDenyWriteExecute=yes/' \
    "$x/edge-collector-amd64/usr/lib/systemd/system/edge-collector.service" > "$work/units/collector-mdwe.service"
  collector_sandboxed "$work/units/collector-mdwe.service" "$work/collector-mdwe.log"
  local rc=$?
  grep '^unit-run: {' "$work/collector-mdwe.log" | sed 's/^/  /'
  [ "$rc" -ne 0 ] && grep -q '"ready": false' "$work/collector-mdwe.log"
}
check "sandbox control: the JIT collector cannot start with MemoryDenyWriteExecute=yes" mdwe_bites

# --- 5. arm64 under qemu: byte-identical output ---------------------------------------------------------------
arm=$x/edge-sensor-arm64/usr/lib/edge-sensor/edge-sensor
if wait "$sysroot_pid" && [ -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
  pass "arm64: sysroot with libpcap0.8:arm64 (mmdebstrap --variant=extract)"
  fig["arm64 executable"]="$(mb "$(stat -c %s "$arm")") ($(stat -c %s "$arm") bytes)"
  qemu() { qemu-aarch64-static -L "$sysroot" "$@"; }
  arm_version_ok() { [ "$(qemu "$arm" --version)" = "edge-sensor $version" ]; }
  check "arm64: edge-sensor --version under qemu" arm_version_ok
  fig["arm64 start-up under qemu (--version, median of 5)"]="$(median5 qemu "$arm" --version) ms"
  arm_same() {
    /usr/bin/time -v -o "$work/arm64.time" qemu-aarch64-static -L "$sysroot" "$arm" analyze "$pcap" --json \
      > "$work/arm64.json" 2> "$work/arm64.err" || { tail -n 5 "$work/arm64.err"; return 1; }
    fig["max RSS arm64 under qemu (analyze mixed plant)"]="$(maxrss_mb "$work/arm64.time") (qemu included)"
    echo "  amd64 $(stat -c %s "$work/amd64.json") bytes, arm64 $(stat -c %s "$work/arm64.json") bytes, $(sha256sum < "$work/arm64.json" | cut -c1-16)"
    cmp "$work/amd64.json" "$work/arm64.json"
  }
  check "arm64: analyze <mixed plant> --json under qemu is byte-identical to amd64 (cmp)" arm_same
else
  fail "arm64: sysroot with libpcap0.8:arm64 (mmdebstrap --variant=extract)"
  tail -n 20 "$work/sysroot.log"
fi

fig["check.sh run time"]="$((SECONDS - started)) s"
finish
