#!/usr/bin/env bash
# spikegrade's Gradescope autograder: setup.sh, run once as root when Gradescope builds the
# autograder's image (docs/gradescope.md). Installs Node.js 20, bubblewrap, Python 3 with numpy
# and scipy, and spikegrade from the tarball beside this script. Safe to run again: what is
# already there is kept. Any failure stops the build with a message naming the step.
set -euo pipefail

SOURCE="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
NODE_MAJOR=20
step="starting"
trap 'echo "setup.sh FAILED while ${step} (line ${LINENO}); the autograder cannot grade until this is fixed" >&2' ERR

say() {
  step="$1"
  echo "== spikegrade setup: $1"
}

say "checking the base image"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh must run as root (Gradescope runs it so)" >&2
  exit 1
fi
# Node.js 20's official builds need glibc 2.28: Ubuntu 20.04 or later (Gradescope's default
# base image is 22.04; its older 18.04 image cannot run them).
if [ -r /etc/os-release ]; then
  # shellcheck source=/dev/null
  . /etc/os-release
  echo "base image: ${PRETTY_NAME:-unknown}"
fi

say "installing Debian/Ubuntu packages (bubblewrap, python3 with numpy and scipy, curl, xz)"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  bubblewrap ca-certificates curl xz-utils python3 python3-numpy python3-scipy

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(node_major)" -ge "$NODE_MAJOR" ]; then
  say "keeping Node.js $(node --version), already installed"
else
  say "installing Node.js ${NODE_MAJOR} from nodejs.org's official build"
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "no official Node.js build for $(uname -m)" >&2; exit 1 ;;
  esac
  base="https://nodejs.org/dist/latest-v${NODE_MAJOR}.x"
  work="$(mktemp -d)"
  curl -fsSL --retry 3 "${base}/SHASUMS256.txt" -o "${work}/SHASUMS256.txt"
  file="$(grep -o "node-v${NODE_MAJOR}\.[0-9.]*-linux-${arch}\.tar\.xz" "${work}/SHASUMS256.txt" | head -n 1)"
  if [ -z "$file" ]; then
    echo "SHASUMS256.txt at ${base} names no linux-${arch} build" >&2
    exit 1
  fi
  curl -fsSL --retry 3 "${base}/${file}" -o "${work}/${file}"
  (cd "$work" && grep " ${file}\$" SHASUMS256.txt | sha256sum -c -)
  tar -xJf "${work}/${file}" -C /usr/local --strip-components=1 --no-same-owner
  rm -rf "$work"
  hash -r
  if [ "$(node_major)" -lt "$NODE_MAJOR" ]; then
    echo "node on the PATH is $(node --version 2>/dev/null || echo missing) after the install" >&2
    exit 1
  fi
fi

say "installing spikegrade from the bundle's tarball"
shopt -s nullglob
tarballs=("${SOURCE}"/spikegrade-*.tgz)
if [ "${#tarballs[@]}" -ne 1 ]; then
  echo "expected one spikegrade-*.tgz beside setup.sh, found ${#tarballs[@]}" >&2
  exit 1
fi
npm install -g --no-audit --no-fund "${tarballs[0]}"
hash -r

say "checking what was installed"
echo "node $(node --version), spikegrade $(spikegrade --version)"
python3 -c 'import numpy, scipy; print("python3", __import__("sys").version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__)'
bwrap --version
if bwrap --unshare-all --die-with-parent --ro-bind / / true 2>/dev/null; then
  echo "bubblewrap can make a sandbox here"
else
  echo "bubblewrap cannot make a sandbox in this container: spikegrade will use its fallback (see docs/gradescope.md)"
fi
chmod +x "${SOURCE}/run_autograder"
step="done"
echo "== spikegrade setup: done"
