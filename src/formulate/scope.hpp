#pragma once
// What part of a study an LP covers, and what it takes as given. The default scope is the
// whole horizon with capacities as columns and storage levels as the study says (cyclic, or
// starting from initial_mwh): the monolithic planning LP. A decomposition by time (issue 11)
// asks for windows of snapshots with the capacities fixed at a master's values and the storage
// levels at the window's ends fixed, free or cyclic.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/study.hpp"

namespace silkgrid::formulate {

// Capacities handed in as fixed values, one per asset of each table (MW; a storage's capacity
// variable: power, or energy for an energy-only store). An empty vector: every asset of that
// table at its study capacity (p_nom_mw).
struct Capacities {
  std::vector<double> generator, link, line, storage;
};

// How a storage level is tied at one end of the window.
enum class Level {
  as_study,  // cyclic if the storage is; else it starts from initial_mwh and ends free
  cyclic,    // the level after the window's last snapshot carries into its first (both ends)
  free,      // start: a variable level in [level_min, level_max] of the capacity; end: unconstrained
  fixed,     // start: the level before the window's first snapshot; end: the level after its last
};

// Binary choices of candidate projects under a budget (portfolio selection; candidates.cpp):
// a column z per candidate, 0 or 1, each asset's capacity tied to it, and one budget row
// Σ money_per_mw · capacity + Σ money_per_choice · z ≤ budget. The assets' capacities must be
// columns (extendable, no fixed capacities in the scope).
struct CandidateAsset {
  model::AssetRef asset;
  bool all_or_nothing = false;  // capacity = size · z; else capacity ≤ size · z
  double size_mw = 0;
  double money_per_mw = 0;      // the budget row's coefficient on its capacity column
};
struct Candidate {
  std::string name;             // names its column "z(name)"
  std::vector<CandidateAsset> assets;
  double money_per_choice = 0;  // the budget row's coefficient on z
  std::optional<bool> fixed;    // none: a decision (an integer column); else z fixed at 0 or 1 (an LP column)
};
struct Candidates {
  std::vector<Candidate> candidates;
  double budget = std::numeric_limits<double>::infinity();
};

// A window of a decomposition by time (decompose/benders.cpp): the master's decisions enter as
// columns whose bounds the caller fixes at each master point, so that their reduced costs are
// the window's derivatives in them (the optimality cuts). With coupling:
//   - every extendable capacity is a column costing nothing (its annuity is the master's);
//   - the start level is the free start column ("storage.start"), the end level a column
//     ("storage.end") tied to the level after the last snapshot by a row
//     e[T−1] + short − over = end, the slacks costing `level_penalty_eur_per_mwh` each;
//   - each CO2 cap and renewable share has a budget column ("policy.budget"): the window's
//     emissions ≤ budget + slack, its renewable energy ≥ budget − slack, the slack
//     ("policy.slack") costing `budget_penalty` per t or MWh;
//   - capacity policies have no row (they are the master's).
// The penalties keep every window feasible for any master point; above every marginal value
// they are exact (a penalty the optimum uses is reported by the decomposition).
struct Coupling {
  double level_penalty_eur_per_mwh = 0;
  double budget_penalty = 0;
};

struct Scope {
  std::size_t first = 0;                                        // first snapshot of the window
  std::size_t count = std::numeric_limits<std::size_t>::max();  // snapshots; max = to the horizon's end
  std::optional<Capacities> fixed_capacities;                   // none: extendable capacities are columns
  Level start = Level::as_study, end = Level::as_study;
  std::vector<double> start_mwh, end_mwh;                       // per storage, for Level::fixed
  // Per policy: the budget of a CO2 cap for this window (t), replacing the study's yearly cap;
  // NaN or empty: the study's value. Other policies hold within the window as written.
  std::vector<double> co2_budget_t;
  std::optional<Candidates> candidates;                         // none: no candidate choice
  std::optional<Coupling> coupling;                             // none: a window on its own
  // The master of a decomposition: no snapshot at all, only the investment decisions (capacity
  // columns at their annuities, capacity policies, candidates). `first` and `count` are ignored.
  bool investment_only = false;
};

}  // namespace silkgrid::formulate
