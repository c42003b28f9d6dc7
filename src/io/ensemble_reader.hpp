#pragma once
// Reads an ensemble folder's per-year project figures (ensemble_years.csv) for appraise
// --ensemble. Every error names the file and line.
#include <map>
#include <string>
#include <vector>

namespace silkgrid::io {

struct EnsembleProjectYears {
  std::vector<double> energy_mwh, revenue_eur, dscr_min;  // one per year (dscr_min: years with debt)
};
struct EnsembleYears {
  std::string finance;  // the finance mode the ensemble appraised its projects under
  std::size_t years = 0;
  std::map<std::string, EnsembleProjectYears> projects;
};

EnsembleYears read_ensemble_years(const std::string& folder);

}  // namespace silkgrid::io
