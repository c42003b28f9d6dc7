#pragma once
// The ensemble pipeline (silkgrid ensemble): N weather years, each with its outage draw,
// dispatched at fixed capacities (README, "Ensembles: weather years and outages").
#include <cstdint>
#include <string>
#include <vector>

#include "app/pipelines.hpp"
#include "reliability/ensemble.hpp"

namespace silkgrid::app {

struct EnsembleOptions {
  StudyOptions study;      // the study and its solver options (as run)
  int years = 10;          // 1 … 10,000
  bool outages = true;     // forced outages (maintenance is always placed)
  std::string capacities;  // a result folder of run; empty: the study's build-out, solved first
  int threads = 0;         // years at a time in each process (0 = one per core)
};

// One year of an ensemble: its seed, its figures and its critical week (the 168 hours with the
// most unserved energy, else the highest system price).
struct EnsembleYear {
  std::size_t index = 0;
  std::uint64_t seed = 0;
  std::vector<reliability::Figure> figures;
  std::size_t week_start = 0;  // snapshot
  std::vector<std::string> week_time;
  std::vector<double> week_load, week_unserved, week_wind_solar, week_price;
  double seconds = 0;
};

struct EnsembleOutput {
  Prepared prepared;
  model::Capacities capacities;
  std::string capacities_from;  // the folder, or "solved"
  std::uint64_t seed = 0;       // the study's, from which the years' seeds derive
  std::vector<EnsembleYear> years;
  double plan_s = 0, years_s = 0;
  std::string out;
};

EnsembleOutput ensemble(const EnsembleOptions& options, core::Logger& log, core::Cancel& cancel);

}  // namespace silkgrid::app
