#pragma once
// Reading a PyPSA CSV folder (buses.csv and friends) into a silkgrid study with PyPSA's
// semantics: snapshots and their three weightings, buses, carriers with co2_emissions,
// generators, loads, links (p_min_pu < 0 makes them reversible as PyPSA does), lines and
// transformers (standard types, num_parallel, tap ratio, phase shift), storage units and
// stores, capital, overnight and fixed O&M costs, extendable capacities and primary-energy
// (CO2) global constraints. PyPSA attributes silkgrid does not model are warned about, once per
// file, where a component sets them away from PyPSA's default; columns that are no PyPSA
// attribute (metadata) are kept silently, as PyPSA does; what would change the answer beyond a
// warning (multi-port links, multi-period investment, unsupported time series) is an error.
// A silkgrid_constraints.py beside the CSV files (io/pypsa_constraints.hpp) adds its table's
// constraints: ties merge two one-way links into one two-way link, the rest become policies and
// storage level limits.
#include <string>

#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

struct PyPsaReadOptions {
  bool strict = false;  // a column that is no PyPSA attribute silkgrid knows is an error, not silent
};

bool is_pypsa_folder(const std::string& path);
// The study at the network's own snapshots, validated; resampling (--resolution) is app::load's.
model::Study read_pypsa_folder(const std::string& folder, core::Logger& log, const PyPsaReadOptions& options = {});

}  // namespace silkgrid::io
