#!/usr/bin/env bash
# Runs what CI runs (.ci/run: bootstrap, build, every test) in a throwaway Debian 12 root filesystem that has only
# what a fresh machine has before the project installs anything: a minimal Debian (mmdebstrap --variant=minbase) plus
# the .NET SDK of this machine (bind-mounted read-only at the same path) and the libraries the SDK itself needs. The repository is a
# clean clone of the committed HEAD (as CI takes it), ../shared is bind-mounted read-only beside it. A missing install
# step in scripts/bootstrap.sh fails here, on the developer's own machine, before CI.
#
#   sudo bash scripts/fresh-check.sh            make the root filesystem, run .ci/run in it, delete it
#   sudo bash scripts/fresh-check.sh --keep     keep the root filesystem (printed) to look around afterwards
#
# Needs root (mmdebstrap, chroot, mounts), network access to Debian's archive and to NuGet, and about 6 GB in
# /var/tmp (EDGE_FRESH_DIR to change). Takes about 8 minutes on 2 cores (root filesystem 1-2 min, then .ci/run:
# apt, NuGet restore, build, the demo and the tests);
# the closing line is the test command's own "N passed, N failed, N skipped". Not run by CI (it would nest).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${EDGE_SHARED:-$repo/../shared}" && pwd)
keep=0
[ "${1:-}" = "--keep" ] && keep=1
[ "$(id -u)" -eq 0 ] || { echo "fresh-check: needs root (mmdebstrap, chroot, mounts)" >&2; exit 2; }
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
[ -x "$dotnet_root/dotnet" ] || { echo "fresh-check: no .NET SDK on this machine (dotnet)" >&2; exit 2; }

if ! command -v mmdebstrap >/dev/null; then
  echo "fresh-check: installing mmdebstrap"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends mmdebstrap >/dev/null 2>&1
fi

work=$(mktemp -d "${EDGE_FRESH_DIR:-/var/tmp}/edge-fresh.XXXXXX")
root=$work/root
cleanup() {
  # Build servers and test hosts started inside the root filesystem outlive the chroot: end them.
  for p in /proc/[0-9]*; do
    case "$(readlink "$p/root" 2>/dev/null)" in "$root"*) kill -KILL "${p#/proc/}" 2>/dev/null || true ;; esac
  done
  if [ "$keep" -eq 1 ]; then
    echo "fresh-check: root filesystem kept in $root"
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT

start=$SECONDS
echo "fresh-check: making a minimal Debian 12 root filesystem in $root"
# The .NET SDK's own needs (https://learn.microsoft.com/dotnet/core/install/linux-debian#dependencies), git for the
# clone, nothing else.
mmdebstrap --quiet --variant=minbase \
  --include=ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g,git \
  bookworm "$root" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main"
made=$SECONDS
echo "fresh-check: root filesystem made in $((made - start)) s ($(du -sh --one-file-system "$root" | cut -f1))"

# What belongs to this machine rather than to the project comes along: its local trust anchors (a TLS-inspecting
# proxy's CA, without which NuGet's certificate check fails) and its proxy and NuGet settings.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
passed=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY NUGET_CERT_REVOCATION_MODE SSL_CERT_FILE SSL_CERT_DIR; do
  [ -n "${!v:-}" ] && passed+=("$v=${!v}")
done

mkdir -p "$root/work" "$root$dotnet_root"
git clone -q "$repo" "$root/work/main"
mkdir -p "$root/work/shared"
ln -s "$dotnet_root/dotnet" "$root/usr/bin/dotnet"

# Everything below runs in a private mount namespace: the mounts vanish with it, whatever happens.
set +e
unshare --mount --propagation private bash -s -- "$root" "$dotnet_root" "$shared" "${passed[@]}" <<'INNER'
set -euo pipefail
root=$1 dotnet_root=$2 shared=$3
shift 3
# The root of the chroot must be a mount point: 'ip netns exec' remounts / as a slave, which fails on a plain folder.
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
mount -t tmpfs -o mode=755 run "$root/run"
mount --bind "$dotnet_root" "$root$dotnet_root"
mount -o remount,bind,ro "$root$dotnet_root"
mount --bind "$shared" "$root/work/shared"
mount -o remount,bind,ro "$root/work/shared"
cp /etc/resolv.conf "$root/etc/resolv.conf"
exec chroot "$root" /usr/bin/env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LANG=C.UTF-8 TERM=dumb CI=true \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$@" \
  bash -c 'cd /work/main && bash .ci/run'
INNER
rc=$?
set -e
echo "fresh-check: .ci/run exited $rc after $((SECONDS - made)) s (total $((SECONDS - start)) s)"
exit "$rc"
