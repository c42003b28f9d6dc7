#pragma once
// Reading a PyPSA CSV folder (buses.csv and friends) into a silkgrid study with PyPSA's
// semantics. Supported so far: snapshots and their weightings, buses, carriers with
// co2_emissions, generators (static and time-series p_max_pu / p_min_pu), loads (static and
// time-series p_set), lines (x for AC, r for DC, per unit of v_nom²), links (p_min_pu < 0 makes
// them reversible as PyPSA does), capital and marginal costs, extendable capacities and
// primary-energy (CO2) global constraints. Components not yet supported (storage units, stores,
// transformers, line types, multi-period investment) are errors, never silently dropped.
#include <string>

#include "core/logger.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

bool is_pypsa_folder(const std::string& path);
model::Study read_pypsa_folder(const std::string& folder, core::Logger& log);

}  // namespace silkgrid::io
