#pragma once
// Writing a study as a PyPSA CSV folder (what `silkgrid convert --to pypsa` writes and PyPSA's
// `pypsa.Network(folder)` reads), and a run's results the way PyPSA exports a solved network:
// the static tables with p_nom_opt / s_nom_opt / e_nom_opt and the output series
// (generators-p.csv, links-p0.csv, lines-p0.csv, storage_units-state_of_charge.csv,
// stores-e.csv, buses-marginal_price.csv, ...).
//
// Where PyPSA cannot express a silkgrid feature exactly, the closest equivalent is written and
// a warning says so (README, "PyPSA interoperability"):
//   - a lossy bidirectional link becomes two one-way links; when extendable, the reverse one
//     has no capital cost and is not tied to the forward capacity (PyPSA-Eur ties them with an
//     extra constraint that a CSV folder cannot hold);
//   - regional CO2 caps, renewable-share targets and capacity targets are left out (PyPSA's
//     global constraints are network-wide and have no share constraint);
//   - a storage unit's level limits other than [0, max_hours·p_nom] are left out.
// Exact equivalents, with no warning: markets become generators (imports at the import price,
// exports as sinks with p_min_pu −1 earning the export price), load shedding becomes one
// generator per region at the value of lost load, lossless bidirectional links become one
// reversible link.
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

// Writes the study into `dir` (which must exist); with `results`, also the PyPSA-style results.
// Returns the warnings about inexact mappings (each also logged).
std::vector<std::string> write_pypsa_folder(const std::string& dir, const model::Study& study,
                                            const model::Results* results, core::Logger& log);

}  // namespace silkgrid::io
