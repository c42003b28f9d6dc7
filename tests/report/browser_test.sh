#!/usr/bin/env bash
# The report of the default study (appraised, so that the project and finance pages are drawn too), opened in
# headless Chromium by browser_test.js. Usage: browser_test.sh SILKGRID NODE_MODULES OUT_DIR
set -euo pipefail
program=$1 node_modules=$2 out=$3
rm -rf "$out"
"$program" -q appraise --no-system-value --report --out "$out/run" >/dev/null
NODE_PATH="$node_modules" node "$(dirname "$0")/browser_test.js" "$out/run/report.html" "$out/report.png" corridor,finance-sankey,finance-countries
# A decomposed run's report also draws the convergence of the decomposition.
"$program" -q appraise --no-system-value --resolution 24h --decompose benders --report --out "$out/decomposed" >/dev/null
NODE_PATH="$node_modules" node "$(dirname "$0")/browser_test.js" "$out/decomposed/report.html" "$out/decomposed.png" corridor,convergence,candidates,finance-sankey
# An ensemble's folder draws its section too: the years, the countries, the projects and the critical week.
"$program" -q ensemble --years 3 --resolution 24h --report --out "$out/ensemble" >/dev/null
NODE_PATH="$node_modules" node "$(dirname "$0")/browser_test.js" "$out/ensemble/report.html" "$out/ensemble.png" corridor,no-projects,ensemble-years,ensemble-countries,ensemble-projects,ensemble-week
