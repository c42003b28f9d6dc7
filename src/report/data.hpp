#pragma once
// The data a report shows, computed from a result folder (summary.json, study.json and the CSV
// tables; projects.json, cashflows.csv and portfolio.json when the run appraised projects or
// chose a portfolio). Every chart of the HTML report is drawn from this one JSON object, so the
// figures can be tested here, apart from the drawing.
#include <nlohmann/json.hpp>
#include <string>

namespace silkgrid::report {

// Reads `run_dir` and returns:
//   study, objective_eur, co2_t, exports_mwh, snapshots             headline figures
//   map: regions [{name, country, lat, lon, price}], links [{name, from, to, capacity_mw,
//        net_mwh (forward − backward sent), utilisation}]
//   capacity: carriers, regions, existing[carrier][region], new[carrier][region] (MW)
//   balance: countries, generation, demand, imports, exports, curtailment, unserved (MWh)
//   dispatch: timestamps, weeks [{start, end, label}], peak_week (index), week_start (its label),
//             per region {carriers: {name: [MW]}, load: [MW], price: [EUR/MWh]} over the horizon
//   duration: links {name: [MW sorted]}, prices {region: [EUR/MWh sorted]}
//   storage: timestamps, {unit: [MWh]}
//   co2: countries, t, caps [{name, t_per_year, regions}]
//   markets: [{name, exports_mwh, imports_mwh, revenue_eur}]
//   export_targets: [{name, twh, achieved_twh, note, markets}]
//   projects, cashflows, portfolio: as written by appraise / portfolio, or null
//   decomposition: {iteration, lower_bound_eur, upper_bound_eur, gap, seconds: [...], summary}
//                  from decomposition.csv and summary.json of a decomposed run, or null
//   candidates: candidates.json's list (break-even reductions), or null
//   ensemble: {summary (ensemble.json), per_year {quantity: [value by year]} of the system,
//             critical_week {timestamp, load_mw, unserved_mw, wind_solar_mw, price_eur_per_mwh}}
//             in an ensemble's folder, or null
//   assumptions: the study's ASSUMPTIONS.md text, or null
// Throws core::Error(io) naming the file when a required one is missing or malformed.
nlohmann::json report_data(const std::string& run_dir);

// A JSON file of a result folder; core::Error(io) naming it when missing or malformed.
nlohmann::json read_result_json(const std::string& path);

}  // namespace silkgrid::report
