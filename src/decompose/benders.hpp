#pragma once
// Temporal decomposition of the planning LP (Benders, multi-cut, in-out stabilised), after
// Antares-Xpansion and GenX/MacroEnergy. The master holds every investment decision (the
// capacity columns of formulate's investment-only scope, at their annuities, with the capacity
// policies), one cost θ_k per subperiod, the storage level at every subperiod boundary (the
// year's cyclic condition where a storage is cyclic) and a budget per subperiod for every CO2
// cap and renewable share (Σ_k budgets within the yearly limit). Subproblem k is formulate's
// coupled window of subperiod k (formulate/scope.hpp): the master's values fix its coupling
// columns by their bounds, and their reduced costs give the optimality cut
//   θ_k ≥ z_k(x̂) + Σ_j g_kj · (x_j − x̂_j).
// Each subproblem keeps its Clp model (lp::Model) between iterations, so that each new master
// point resumes the dual simplex from the last basis. README, "Decomposition by time".
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "formulate/build.hpp"
#include "model/results.hpp"
#include "model/study.hpp"

namespace silkgrid::decompose {

// The subperiods: consecutive windows of whole snapshots, each closed once its weights reach
// `hours` (the last one may be shorter). {first snapshot, count}.
struct Window {
  std::size_t first = 0, count = 0;
};
// With `years` weather years stacked (each snapshot weighing 1/years of its hours), windows
// count real hours and never cross from one year into the next.
std::vector<Window> subperiods(const core::TimeAxis& time, double hours, int years = 1);

// Whether a study is solved by Benders: as its solver options say, or, for `automatic`, when it
// has at least `automatic_snapshots` snapshots and two subperiods (the rule, with its reason).
inline constexpr std::size_t automatic_snapshots = 2000;
struct Choice {
  bool benders = false;
  std::string why;
};
Choice choose(const model::Study& study);

struct Settings {
  double subperiod_hours = 168;
  double gap = 1e-4;
  int max_iterations = 500;
  double stabilisation = 0.5;  // in-out λ; 0 = plain Benders
  bool warm = true;            // resume each subproblem from its last basis (else a slack basis)
  int threads = 0;             // subproblems at a time (0 = one per core)
};
Settings settings_of(const model::SolverOptions& options);

// Solves the study's planning LP by Benders decomposition. `options` gives the solver options
// (the cancellation token included) and the assets' cost of capital; `write_lp` writes the
// first master. Throws core::Error as solve_study does (130 when interrupted).
// The results are as a monolithic run gives them, at the best point found, with
// Results::decomposition filled in.
model::Results solve_benders(const model::Study& study, const formulate::SolveStudyOptions& options,
                             const Settings& settings, core::Logger& log);

// The one solve for a study's planning LP: Benders where decompose::choose says so (logged,
// with its reason), else formulate::solve_study.
model::Results solve(const model::Study& study, const formulate::SolveStudyOptions& options, core::Logger& log);

}  // namespace silkgrid::decompose
