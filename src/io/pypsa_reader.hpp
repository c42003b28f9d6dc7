#pragma once
// Reading a PyPSA CSV folder (buses.csv and friends) into a silkgrid study with PyPSA's
// semantics: snapshots and their three weightings, buses, carriers with co2_emissions,
// generators, loads, links (p_min_pu < 0 makes them reversible as PyPSA does), lines and
// transformers (standard types, num_parallel, tap ratio, phase shift), storage units and
// stores, capital, overnight and fixed O&M costs, extendable capacities and primary-energy
// (CO2) global constraints. Attributes silkgrid does not model are warned about by name when a
// component sets them away from PyPSA's default; those that would change the answer beyond a
// warning (multi-port links, multi-period investment, unsupported time series) are errors.
#include <string>

#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

struct PyPsaReadOptions {
  bool strict = false;  // an attribute silkgrid does not know is an error rather than a warning
};

bool is_pypsa_folder(const std::string& path);
// The study at the network's own snapshots, validated; resampling (--resolution) is app::load's.
model::Study read_pypsa_folder(const std::string& folder, core::Logger& log, const PyPsaReadOptions& options = {});

}  // namespace silkgrid::io
