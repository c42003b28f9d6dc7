#!/usr/bin/env bash
# Installs what silkgrid needs from Debian's packages (only what is missing) and builds it.
# Used by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(build-essential cmake pkg-config coinor-libclp-dev coinor-libcbc-dev libyaml-cpp-dev
          nlohmann-json3-dev libcli11-dev libfmt-dev libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev
          libopenmpi-dev openmpi-bin  # Open MPI: mpirun -np N silkgrid run … (the decomposition over processes)
          chromium)  # chromium: the report's headless-browser test
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm installs the report's charting library at build time (report/package-lock.json); Debian's
# npm package brings Node.js too. A Node.js with npm already on the PATH will do.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "silkgrid: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

build="${SILKGRID_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" >&2
