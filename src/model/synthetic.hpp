#pragma once
// Synthetic studies for benchmarks and invariant tests: a chain of regions, each with wind,
// solar and gas (all extendable), a battery, a load, and lossy extendable links to its
// neighbour, like the 30-bus chain network used to measure PyPSA. Deterministic per seed.
#include <cstdint>

#include "model/study.hpp"

namespace silkgrid::model {

struct SyntheticOptions {
  int regions = 6;
  int snapshots = 168;
  double snapshot_hours = 1.0;
  std::uint64_t seed = 1;
  bool with_market = true;    // an export market at the last region
  bool with_policies = true;  // a CO2 cap and a renewable share
};

Study synthetic_chain(const SyntheticOptions& options);

}  // namespace silkgrid::model
