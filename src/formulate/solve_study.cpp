// The pipeline from a validated study to results: build → (write MPS) → solve → extract.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "formulate/build.hpp"

namespace silkgrid::formulate {

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

lp::SolveOptions solve_options(const model::SolverOptions& options) {
  lp::SolveOptions out;
  out.method = options.method;
  out.presolve = options.presolve;
  out.time_limit_s = options.time_limit_s;
  out.log_level = options.log_level;
  return out;
}

model::Results solve_study(const model::Study& study, const SolveStudyOptions& options, core::Logger& log) {
  using clock = std::chrono::steady_clock;
  const core::Cancel* cancel = options.solver.cancel;
  core::check_cancel(cancel, "before building the LP");
  auto start = clock::now();
  log.progress("building the LP");
  BuildOptions build_options;
  build_options.names = !options.write_lp.empty();
  build_options.capital = options.capital;
  build_options.scope.candidates = options.candidates;
  Built built = build(study, build_options);
  const bool mip = std::find(built.lp.integer.begin(), built.lp.integer.end(), 1) != built.lp.integer.end();
  const double build_s = seconds_since(start);
  const lp::Statistics stats = lp::statistics(built.lp);
  log.info("{}", lp::describe(stats));
  log.debug("built in {:.3f} s, {:.1f} MB of LP arrays", build_s, built.lp.memory_bytes() / 1e6);
  if (stats.matrix_max > 0 && stats.matrix_max / stats.matrix_min > 1e8)
    log.warn("the LP matrix coefficients span {:.0e}: expect numerical trouble; check tiny per-unit values",
             stats.matrix_max / stats.matrix_min);
  core::check_cancel(cancel, "after building the LP");
  if (!options.write_lp.empty()) {
    lp::write_mps(built.lp, options.write_lp);
    log.info("wrote the LP to {}", options.write_lp);
  }

  start = clock::now();
  if (mip) log.info("solving the MIP with Cbc");
  else log.info("solving with Clp ({}, presolve {})", core::describe(options.solver.method), options.solver.presolve ? "on" : "off");
  if (mip) log.progress("solving with Cbc");
  else log.progress("solving with Clp");
  const lp::Solution solution = mip ? lp::solve_mip(built.lp, options.solver, log) : lp::solve(built.lp, options.solver, log);
  const double solve_s = seconds_since(start);
  log.info("Clp: {} after {} iterations in {:.2f} s, objective {:.6e}", solution.status_text, solution.iterations,
           solve_s, solution.objective);
  lp::require_optimal(solution, core::Context{study.file, 0, 0, ""}, "the study",
                      {"check policies (CO2 caps, renewable shares, capacity limits) and fixed p_min_pu against the load",
                       "an extendable asset or a market may earn money without limit: set p_nom_max_mw or market "
                       "limits"});
  start = clock::now();
  model::Results results = extract(study, built, solution);
  core::check_cancel(cancel, "while extracting the results");
  results.timings.build_s = build_s;
  results.timings.solve_s = solve_s;
  results.timings.extract_s = seconds_since(start);
  results.lp = model::LpSize{stats.rows, stats.cols, stats.nonzeros, stats.matrix_min, stats.matrix_max,
                             stats.cost_min, stats.cost_max};
  const double parts = results.annualised_capex_eur + results.operating_cost_eur + results.import_cost_eur -
                       results.export_revenue_eur + results.unserved_cost_eur + results.cbam_cost_eur;
  if (std::abs(parts - results.objective_eur) > 1e-6 * std::max(1.0, std::abs(results.objective_eur)))
    log.warn("the cost breakdown ({:.6e}) differs from the LP objective ({:.6e})", parts, results.objective_eur);
  return results;
}

}  // namespace silkgrid::formulate
