#include "core/solver_method.hpp"

namespace silkgrid::core {

const char* to_string(SolverMethod method) {
  switch (method) {
    case SolverMethod::dual: return "dual";
    case SolverMethod::primal: return "primal";
    case SolverMethod::barrier: return "barrier";
  }
  return "dual";
}

std::optional<SolverMethod> parse_solver_method(std::string_view text) {
  for (const auto method : {SolverMethod::dual, SolverMethod::primal, SolverMethod::barrier})
    if (text == to_string(method)) return method;
  return std::nullopt;
}

const char* describe(SolverMethod method) {
  switch (method) {
    case SolverMethod::dual: return "dual simplex";
    case SolverMethod::primal: return "primal simplex";
    case SolverMethod::barrier: return "barrier with crossover";
  }
  return "dual simplex";
}

}  // namespace silkgrid::core
