#pragma once
// The files of an ensemble folder (README, "Outputs"): ensemble.json (statistics over the
// years), ensemble_years.csv (one row per year and figure), critical_week.csv (the worst
// year's critical week, hourly). The plan's own run (capacities.csv: what every year was
// dispatched at) is written beside them by io::write_results.
#include <cstdint>
#include <string>
#include <vector>

#include "model/outages.hpp"
#include "model/study.hpp"
#include "reliability/ensemble.hpp"

namespace silkgrid::io {

struct EnsembleInfo {
  std::uint64_t seed = 0;
  bool outages = true;
  std::string capacities_from;
  std::string finance;  // the projects' finance mode (their DSCRs)
};

struct EnsembleYearRecord {
  std::size_t index = 0;
  std::uint64_t seed = 0;
  const std::vector<reliability::Figure>* figures = nullptr;
  std::size_t week_start = 0;
  const std::vector<std::string>* week_time = nullptr;
  const std::vector<double>*week_load = nullptr, *week_unserved = nullptr, *week_wind_solar = nullptr,
  *week_price = nullptr;
};

void write_ensemble(const std::string& dir, const model::Study& study, const model::Capacities& capacities,
                    const EnsembleInfo& info, const std::vector<EnsembleYearRecord>& years);

}  // namespace silkgrid::io
