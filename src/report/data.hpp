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
//        forward_mwh, backward_mwh (sent each way), net_mwh (forward − backward), utilisation}],
//        extent {lon_min, lon_max, lat_min, lat_max}: the regions' bounding box and a margin, or null
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
//   finance: from finance_accounting.json (an appraisal's), or null: sankey {nodes [{name (unique),
//            label, column, depth}], links [{source, target, value EUR}]}: provider → instrument
//            (tranche kind) → project → country, each column's links summing to the committed total;
//            countries [{country, committed_eur, public_eur, private_eur, private_mobilised_eur,
//            mobilisation_ratio, concessional_eur, concessional_share, grant_element}]; portfolio {…}
//   welfare: from welfare.json, or null: countries [{country, lat, lon (mean of its regions'), consumer_surplus_eur,
//            producer_surplus_eur, congestion_rent_eur, market_rent_eur, policy_rent_eur, welfare_eur}], total
//   assumptions: the study's ASSUMPTIONS.md text, or null
// Throws core::Error(io) naming the file when a required one is missing or malformed.
nlohmann::json report_data(const std::string& run_dir);

// A JSON file of a result folder; core::Error(io) naming it when missing or malformed.
nlohmann::json read_result_json(const std::string& path);

}  // namespace silkgrid::report
