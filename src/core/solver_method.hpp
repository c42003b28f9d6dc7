#pragma once
// The LP solver's method, one type for the study's settings (model::SolverOptions), the
// command line and the solver back-ends (lp::SolveOptions).
#include <optional>
#include <string_view>

namespace silkgrid::core {

enum class SolverMethod { dual, primal, barrier };

// "dual", "primal", "barrier" (the study format's and the command line's words).
const char* to_string(SolverMethod method);
// The method of one of those words; none for anything else (the caller reports it).
std::optional<SolverMethod> parse_solver_method(std::string_view text);
// For the log: "dual simplex", "primal simplex", "barrier with crossover".
const char* describe(SolverMethod method);

}  // namespace silkgrid::core
