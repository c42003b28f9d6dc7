#pragma once
// Comparing two result folders: the key figures of each, their difference and relative change.
#include <string>
#include <vector>

namespace silkgrid::report {

struct Difference {
  std::string figure;  // e.g. "objective_eur", "capacity_mw.solar-UZ", "price_eur_per_mwh.RO"
  double a = 0, b = 0;
  double change() const { return b - a; }
  double relative() const;  // (b − a) / |a|; 0 when both are 0; ±inf when only a is 0
};

// The key figures of two result folders (from their summary.json): costs and their parts,
// exports, imports, CO2, unserved energy and curtailment; then every asset's capacity, every
// region's load-weighted price and every country's CO2 that differ between the two.
std::vector<Difference> compare_runs(const std::string& run_a, const std::string& run_b);

// The differences as CSV: figure,a,b,change,relative.
std::string differences_csv(const std::vector<Difference>& differences);
// As a table for the terminal.
std::string differences_table(const std::vector<Difference>& differences, const std::string& a, const std::string& b);

}  // namespace silkgrid::report
