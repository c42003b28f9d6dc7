#pragma once
// Outages of generators, links and lines: the data of the reliability layer (src/reliability/),
// a sparse table beside the component tables (only the assets that have outage data).
#include <cstddef>
#include <limits>
#include <vector>

namespace silkgrid::model {

// One asset's outage data (README, "Ensembles: weather years and outages").
struct OutageSpec {
  int units = 1;  // generators: identical units; links and lines: circuits. Capacity splits evenly.
  double forced_outage_rate = 0;  // the long-run unavailable share of each unit, in [0, 1)
  // Links and lines: failures per circuit and year (per 100 km of length with per_100km),
  // instead of forced_outage_rate; NaN when not given.
  double failures_per_year = std::numeric_limits<double>::quiet_NaN();
  bool per_100km = false;
  double mean_time_to_repair_h = 0;  // required where a unit can fail
  double maintenance_weeks = 0;      // planned, per unit and year, in the low-demand season
  // Links: each circuit's converter stations, a second chain in series with the cable (the
  // circuit is in service when both are); 0 = none.
  double converter_forced_outage_rate = 0;
  double converter_mean_time_to_repair_h = 0;
};

enum class OutageAssetKind { generator, link, line };

struct Outages {
  std::vector<OutageAssetKind> kind;
  std::vector<int> index;  // into the component table of `kind`
  std::vector<OutageSpec> spec;
  std::size_t size() const { return kind.size(); }
};

// Every asset's capacity, as a run built it or a result folder holds it (storage: power; an
// energy-only store: energy), for dispatching other weather years at fixed capacities.
struct Capacities {
  std::vector<double> generator, link, line, storage;
};

}  // namespace silkgrid::model
