#!/usr/bin/env bash
# Builds Edge's Debian packages into firmware/out/ (see firmware/README.md):
#   edge-sensor_<version>_{amd64,arm64}.deb      the sensor, NativeAOT (one native executable, no .NET runtime)
#   edge-collector_<version>_{amd64,arm64}.deb   the collector, self-contained .NET (Razor Pages cannot be NativeAOT)
#
#   bash firmware/build.sh                               all four packages
#   bash firmware/build.sh --arch amd64 --only sensor    a subset (--arch amd64|arm64|all, --only sensor|collector|all)
#   bash firmware/build.sh --version 0.3.1               override the version (default: <Version> in Directory.Build.props)
#   bash firmware/build.sh --out DIR                     write the packages to DIR instead of firmware/out
#
# Installs its own build dependencies with apt (needs root): the NativeAOT link runs clang; for arm64 it links with
# the GNU aarch64 cross binutils against the arm64 cross libc. Files installed as they are come from the overlays
# firmware/sensor/rootfs and firmware/collector/rootfs (copied into the package root), maintainer scripts from
# firmware/sensor|collector/debian. Every file below /etc in a package is a conffile.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
fw=$repo/firmware
archs=(amd64 arm64)
only=all
version=
out=$fw/out
while (($#)); do
  case "$1" in
    --arch) case "$2" in all) archs=(amd64 arm64) ;; amd64|arm64) archs=("$2") ;; *) echo "build: --arch amd64|arm64|all" >&2; exit 2 ;; esac; shift 2 ;;
    --only) case "$2" in all|sensor|collector) only=$2 ;; *) echo "build: --only sensor|collector|all" >&2; exit 2 ;; esac; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
override=()
if [ -z "$version" ]; then
  # The one place the version is set (edge-sensor --version and edge-collector --version print it too).
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
else
  override=("-p:Version=$version")
fi
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "build: bad version '$version'" >&2; exit 2; }

# --- build dependencies (a fresh machine has only the .NET SDK) -------------------------------------------------
packages=(
  clang zlib1g-dev                 # NativeAOT's documented prerequisites (the SDK links with clang)
  lld                              # the linker clang picks when present
  binutils                         # x86_64-linux-gnu-objcopy (splits off the debug symbols), readelf (the Depends below)
  gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross   # arm64: cross linker and objcopy, crt files, libc
  dpkg-dev                         # dpkg-architecture; dpkg-deb itself is in dpkg
  xz-utils                         # the packages' compression
  ca-certificates                  # NuGet over HTTPS
)
bash "$repo/scripts/apt-install.sh" build "${packages[@]}"
command -v dotnet >/dev/null || { echo "build: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mkdir -p "$out"
stage_root=$out/stage
rm -rf "$stage_root"
mkdir -p "$stage_root"

rid_of() { case "$1" in amd64) echo linux-x64 ;; arm64) echo linux-arm64 ;; esac; }
triplet_of() { case "$1" in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }

# Libraries that the executables name (ELF NEEDED) -> the Debian package that has them (the same name on both
# architectures). An unknown one fails the build, so a new native dependency cannot slip into a package unnamed.
package_of_soname() {
  case "$1" in
    libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|librt.so.1|ld-linux-x86-64.so.2|ld-linux-aarch64.so.1) echo libc6 ;;
    libgcc_s.so.1) echo libgcc-s1 ;;
    libstdc++.so.6) echo libstdc++6 ;;
    *) return 1 ;;
  esac
}

# Depends for what the ELF files under $1 link: libc6 with the newest GLIBC_ symbol version they use, and the
# packages of the other NEEDED libraries. Libraries inside the folder itself are skipped.
elf_depends() {
  local dir=$1 f so pkg glibc
  local -A seen=()
  local -a own=()
  mapfile -t own < <(find "$dir" -type f -name '*.so*' -printf '%f\n')
  glibc=$(find "$dir" -type f -exec sh -c 'head -c4 "$1" | grep -q "ELF" && readelf -V "$1"' _ {} \; 2>/dev/null |
          grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
  while read -r so; do
    [ -n "$so" ] || continue
    [[ " ${own[*]} " == *" $so "* ]] && continue
    pkg=$(package_of_soname "$so") || { echo "build: $dir links $so, which no package is known for (firmware/build.sh package_of_soname)" >&2; return 1; }
    seen[$pkg]=1
  done < <(find "$dir" -type f -exec sh -c 'head -c4 "$1" | grep -q "ELF" && readelf -d "$1"' _ {} \; 2>/dev/null |
           sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
  local deps=()
  for pkg in $(printf '%s\n' "${!seen[@]}" | sort); do
    if [ "$pkg" = libc6 ] && [ -n "$glibc" ]; then deps+=("libc6 (>= $glibc)"); else deps+=("$pkg"); fi
  done
  (IFS=,; echo "${deps[*]}" | sed 's/,/, /g')
}

# make_deb NAME ARCH STAGE_DIR EXTRA_DEPENDS RECOMMENDS DESCRIPTION: the package root is STAGE_DIR/root.
make_deb() {
  local name=$1 arch=$2 stage=$3 extra=$4 recommends=$5 description=$6
  local root=$stage/root
  # The overlay: files installed as they are (units, config, sysusers, udev, journald), added by other work too.
  cp -a "$fw/${name#edge-}/rootfs/." "$root/"
  # Normalised modes: git keeps only the executable bit, and the package must not depend on the umask here.
  find "$root" -type d -exec chmod 0755 {} +
  find "$root" -type f -exec chmod go-w,a+r {} +
  # The collector's environment file can hold a database password: readable by root only (systemd reads it as root).
  [ -f "$root/etc/default/edge-collector" ] && chmod 0600 "$root/etc/default/edge-collector"
  install -d -m 0755 "$root/DEBIAN"
  local f
  for f in postinst prerm postrm; do
    [ -f "$fw/${name#edge-}/debian/$f" ] && install -m 0755 "$fw/${name#edge-}/debian/$f" "$root/DEBIAN/$f"
  done
  if [ -d "$root/etc" ]; then
    (cd "$root" && find etc -type f | sort | sed 's:^:/:') > "$root/DEBIAN/conffiles"
  fi
  local depends
  depends=$(elf_depends "$root/usr/lib/$name")
  [ -n "$extra" ] && depends="$depends, $extra"
  {
    echo "Package: $name"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: Edge project <edge@localhost>"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    echo "Depends: $depends"
    [ -n "$recommends" ] && echo "Recommends: $recommends"
    echo "Section: net"
    echo "Priority: optional"
    echo "Description: $description"
  } > "$root/DEBIAN/control"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
  local deb=$out/${name}_${version}_${arch}.deb
  dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
  echo "build: $deb ($(du -h "$deb" | cut -f1); Depends: $depends)"
}

build_sensor() {
  local arch=$1 rid stage
  rid=$(rid_of "$arch")
  stage=$stage_root/edge-sensor-$arch
  echo "build: edge-sensor $version $arch: dotnet publish -r $rid -p:PublishAot=true"
  # The debug symbols are split off with the target's GNU objcopy: left to itself the SDK takes llvm-objcopy if the
  # machine happens to have it, else the host's objcopy, which cannot read an arm64 executable.
  dotnet publish "$repo/src/EdgeSensor/EdgeSensor.csproj" -c Release -r "$rid" -p:PublishAot=true "${override[@]}" \
    -p:ObjCopyName="$(triplet_of "$arch")-objcopy" -o "$stage/publish" -nologo -clp:NoSummary -v:quiet
  local lib=$stage/root/usr/lib/edge-sensor
  install -d "$lib" "$stage/root/usr/bin" "$lib/hardware/profiles"
  install -m 0755 "$stage/publish/edge-sensor" "$lib/edge-sensor"
  # The serial port's native half (the USB I/O module), loaded beside the executable.
  install -m 0644 "$stage/publish/libSystem.IO.Ports.Native.so" "$lib/"
  # The board profiles: the sensor looks for hardware/profiles/*.json beside its executable (AppContext.BaseDirectory).
  install -m 0644 "$stage/publish/hardware/profiles/"*.json "$lib/hardware/profiles/"
  ln -s ../lib/edge-sensor/edge-sensor "$stage/root/usr/bin/edge-sensor"
  # Loaded at run time (dlopen), so not in the ELF NEEDED list: libpcap (SharpPcap), OpenSSL (the uplink's TLS),
  # libgpiod v1 (the status lights on a board's GPIO lines, System.Device.Gpio's LibGpiodDriver). Run by the package's
  # edge-tap-setup (ifupdown's pre-up in /etc/network/interfaces.d/edge-tap, or an ExecStartPre): sysctl (procps) and
  # ip (iproute2), which a minimal gateway image may lack.
  make_deb edge-sensor "$arch" "$stage" "libpcap0.8 (>= 1.10), libssl3, libgpiod2, procps, iproute2" "" \
    "Edge passive security sensor for industrial (OT) networks
 Captures passively on a mirror port or tap (libpcap), decodes industrial
 protocols, learns the plant and reports anomalies and incidents to the Edge
 collector over MQTT 5 with TLS. NativeAOT build: no .NET runtime needed."
}

build_collector() {
  local arch=$1 rid stage
  rid=$(rid_of "$arch")
  stage=$stage_root/edge-collector-$arch
  echo "build: edge-collector $version $arch: dotnet publish -r $rid --self-contained (not trimmed)"
  dotnet publish "$repo/src/Collector/Collector.csproj" -c Release -r "$rid" --self-contained -p:PublishTrimmed=false \
    "${override[@]}" -o "$stage/publish" -nologo -clp:NoSummary -v:quiet
  local lib=$stage/root/usr/lib/edge-collector
  install -d "$lib" "$stage/root/usr/bin"
  # Everything the publish wrote but the symbol files and the LTTng trace provider (it links liblttng-ust, which is
  # only needed to trace the runtime with LTTng; the runtime runs without it).
  (cd "$stage/publish" && find . -type f ! -name '*.pdb' ! -name 'libcoreclrtraceptprovider.so' -printf '%P\0' |
     xargs -0 -I{} install -D -m 0644 {} "$lib/{}")
  chmod 0755 "$lib/edge-collector" "$lib/createdump"
  ln -s ../lib/edge-collector/edge-collector "$stage/root/usr/bin/edge-collector"
  # Loaded at run time: OpenSSL (TLS for MQTT and HTTPS), tzdata (local times); ca-certificates for PostgreSQL over
  # TLS with the system's trust store.
  make_deb edge-collector "$arch" "$stage" "libssl3, tzdata" "ca-certificates" \
    "Edge collector: MQTT broker, event store and dashboard for Edge sensors
 Embedded MQTT 5 broker with client certificates (or an external broker),
 ingest into SQLite or PostgreSQL, and the web dashboard and JSON API.
 Self-contained .NET: no .NET runtime needed."
}

start=$SECONDS
for arch in "${archs[@]}"; do
  [ "$only" = collector ] || build_sensor "$arch"
  [ "$only" = sensor ] || build_collector "$arch"
done
rm -rf "$stage_root"
echo "build: done in $((SECONDS - start)) s"
