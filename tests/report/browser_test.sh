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
# A study far from the corridor (Santiago de Chile) with a region of no coordinates: the map
# follows the one region that has them (Chile and Argentina, not Georgia) and leaves the other out.
mkdir -p "$out/far"
cat > "$out/far/study.yaml" <<'EOF'
study: {name: far, snapshots: 4}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}]
regions: [{name: A, country: CL, lat: -33.45, lon: -70.66}, {name: B, country: XX}]
loads: [{name: load-B, region: B, p_mw: 100}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 20}]
links: [{name: cable, from: A, to: B, p_nom_mw: 150, efficiency: 0.8, bidirectional: false}]
storage: [{name: battery, region: B, p_nom_mw: 10, max_hours: 2}]
markets: [{name: m, region: A, export_price_eur_per_mwh: 10, max_export_mw: 50}]
EOF
"$program" -q run "$out/far/study.yaml" --report --out "$out/far/run" >/dev/null
NODE_PATH="$node_modules" node "$(dirname "$0")/browser_test.js" "$out/far/run/report.html" "$out/far.png" no-projects,has:Chile,has:Argentina,not:Georgia,not:Romania
