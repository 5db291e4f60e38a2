#!/usr/bin/env bash
# Regenerates src/EdgeSensor/Plant/Identity/oui.tsv.gz from the npm package oui-data (see README.md).
# Needs node and npm; fetches the package tarball with `npm pack` into a temporary directory (no node_modules).
set -euo pipefail

version="${1:-2.1.9}"
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../src/EdgeSensor/Plant/Identity/oui.tsv.gz"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "oui-data@$version" >/dev/null && tar xzf "oui-data-$version.tgz")
node "$here/generate.mjs" "$tmp/package/index.json" "$version" "$out"
ls -l "$out"
