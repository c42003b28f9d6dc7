#!/usr/bin/env bash
# Installs what is missing, builds, and runs silkgrid. Without arguments: `silkgrid run`,
# the built-in default study, results in results/<study name>/. With arguments: passed on,
# e.g. scripts/run.sh run my-study --out results/my-study
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build="${SILKGRID_BUILD_DIR:-$root/build}"
if [ $# -eq 0 ]; then set -- run --report; fi  # the default study, with its HTML report
exec "$build/silkgrid" "$@"
