// Solver statuses as errors: one function for every caller (study runs, portfolio selection).
#include <fmt/format.h>

#include "lp/solver.hpp"

namespace silkgrid::lp {

void require_optimal(const Solution& solution, const core::Context& where, const std::string& what,
                     const StatusAdvice& advice) {
  const auto with_advice = [](std::string message, const std::string& text) {
    return text.empty() ? message : message + "; " + text;
  };
  const std::string said = fmt::format("({}: {})", solution.solver, solution.status_text);
  switch (solution.status) {
    case Status::optimal: return;
    case Status::infeasible:
      throw core::Error(core::ErrorKind::infeasible, where,
                        with_advice(fmt::format("{} has no feasible solution {}", what, said), advice.infeasible));
    case Status::unbounded:
      throw core::Error(core::ErrorKind::unbounded, where,
                        with_advice(fmt::format("{}: the LP is unbounded {}", what, said), advice.unbounded));
    case Status::interrupted:
      throw core::Error(core::ErrorKind::interrupted, core::Context{},
                        fmt::format("{}: interrupted while solving (Ctrl-C or SIGTERM)", what));
    case Status::time_limit:
    case Status::error: break;
  }
  throw core::Error(core::ErrorKind::solver, where, fmt::format("{}: {} found no optimum ({})", what, solution.solver,
                                                                solution.status_text));
}

}  // namespace silkgrid::lp
