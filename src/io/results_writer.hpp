#pragma once
// Writing a run's results: summary.json and the CSV tables (README, "Outputs").
#include <nlohmann/json.hpp>
#include <string>

#include "core/logger.hpp"
#include "model/results.hpp"
#include "model/study.hpp"
#include "model/welfare.hpp"

namespace silkgrid::io {

// The summary as JSON (also what `summary.json` holds).
nlohmann::ordered_json summary_json(const model::Study& study, const model::Results& results);

// The study's topology and metadata as the report reads it (`study.json`): regions with their
// coordinates, carriers, assets with their regions, policies and the study's ASSUMPTIONS.md.
nlohmann::ordered_json study_json(const model::Study& study);

// welfare.json: per country its consumer and producer surplus, congestion, market and policy
// rent, welfare and parts; the totals and the identity's gap (Σ welfare + objective).
nlohmann::ordered_json welfare_json(const model::Welfare& welfare);
// welfare.csv: the same, one row per country.
std::string welfare_csv(const model::Welfare& welfare);

// Writes every result file into `dir` (an OutputDir's staging folder, normally), summary.json
// last. Records the write time in results.timings.
void write_results(const std::string& dir, const model::Study& study, model::Results& results, core::Logger& log);

// Writes the study's profiles (profiles.csv: timestamp + one column per profile) and what the
// generated ones came out as against their targets (profiles_summary.json).
void write_profiles(const std::string& dir, const model::Study& study);

}  // namespace silkgrid::io
