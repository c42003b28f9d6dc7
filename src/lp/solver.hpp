#pragma once
// Solver back-ends behind one interface. Clp (dual simplex, primal simplex or barrier with
// crossover), loaded straight from the LinearProgram's CSC arrays.
#include <string>
#include <vector>

#include "core/logger.hpp"
#include "lp/linear_program.hpp"

namespace silkgrid::lp {

enum class Method { dual, primal, barrier };
enum class Status { optimal, infeasible, unbounded, time_limit, error };

struct SolveOptions {
  Method method = Method::dual;
  bool presolve = true;
  double time_limit_s = 0.0;  // 0 = no limit
  int log_level = 0;          // Clp's log level; its messages go to the logger at info level
  bool progress = false;      // also show Clp's iteration lines as progress (log level ≥ 1 for them)
};

struct Solution {
  Status status = Status::error;
  std::string status_text;             // Clp's own words
  double objective = 0.0;              // c'x + objective_offset
  std::vector<double> col_value;       // x
  std::vector<double> row_activity;    // A x
  std::vector<double> row_dual;        // ∂objective/∂(row bound), Clp's sign convention for minimisation
  std::vector<double> col_reduced_cost;
  int iterations = 0;
};

Solution solve(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);

// Solves a MIP (lp.integer flags) with Cbc (branch and cut over Clp). The solution has no
// duals; fix the integers and call solve() for them.
Solution solve_mip(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);

const char* to_string(Status status);
const char* to_string(Method method);

// Writes the LP as free-format MPS (with names when the LP has them), through CoinMpsIO.
void write_mps(const LinearProgram& lp, const std::string& path);
// Reads an MPS file back (for tests and inspection).
LinearProgram read_mps(const std::string& path);

}  // namespace silkgrid::lp
