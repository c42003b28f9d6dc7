#pragma once
// Writing a study as a PyPSA CSV folder (what `silkgrid convert --to pypsa` writes and PyPSA's
// `pypsa.Network(folder)` reads), and a run's results the way PyPSA exports a solved network:
// the static tables with p_nom_opt / s_nom_opt / e_nom_opt and the output series
// (generators-p.csv, links-p0.csv, lines-p0.csv, storage_units-state_of_charge.csv,
// stores-e.csv, buses-marginal_price.csv, ...).
//
// What the CSV format cannot hold is written beside the CSV files, in silkgrid_constraints.py
// (io/pypsa_constraints.hpp): a Python module whose extra_functionality(n, snapshots) adds it to
// PyPSA's linopy model, and whose CONSTRAINTS table silkgrid's reader reads back:
//   - a lossy two-way extendable link becomes two one-way links, 'NAME' (with the capital cost)
//     and 'NAME-reverse', whose capacities the module ties (as PyPSA-Eur does);
//   - regional CO2 caps (and a cap over every region where a non-cyclic store of an emitting
//     carrier counts, as PyPSA counts a store by its bus's carrier), renewable-share targets and
//     capacity targets;
//   - a storage unit's level limits other than [0, max_hours·p_nom].
// Exact equivalents in the CSV files: markets become generators (imports at the import price,
// exports as sinks with p_min_pu −1 earning the export price), load shedding becomes one
// generator per region at the value of lost load, lossless bidirectional links become one
// reversible link, a CO2 cap over every region otherwise becomes a primary_energy global constraint.
//
// capital_cost is each asset's annuity under the capital terms given (a run's project finance:
// finance::project_finance), so that the folder solves to the optimum the run finds.
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "finance/annuity.hpp"
#include "io/pypsa_constraints.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::io {

// PyPSA's version whose CSV format silkgrid writes (network.csv's pypsa_version).
inline constexpr const char* pypsa_format_version = "0.26.3";

struct PyPsaWriteOptions {
  // Each asset's cost of capital and grant share: its capital_cost is the annuity under them.
  finance::AssetCapital capital;
  // `convert`: the --finance mode the capital costs are under; README.txt then says what the
  // folder holds. Empty: no README.txt (the PyPSA-style results of a run).
  std::string finance_mode;
};

// Writes the study into `dir` (which must exist); with `results`, also the PyPSA-style results.
// Returns what silkgrid_constraints.py holds (written always; empty where the CSV files hold all).
PyPsaConstraints write_pypsa_folder(const std::string& dir, const model::Study& study,
                                            const model::Results* results, core::Logger& log,
                                            const PyPsaWriteOptions& options = {});

}  // namespace silkgrid::io
