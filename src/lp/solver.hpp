#pragma once
// Solver back-ends behind one interface. Clp (dual simplex, primal simplex or barrier with
// crossover), loaded straight from the LinearProgram's CSC arrays.
#include <memory>
#include <string>
#include <vector>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/logger.hpp"
#include "core/solver_method.hpp"
#include "lp/linear_program.hpp"

namespace silkgrid::lp {

// interrupted: stopped because options.cancel was requested (Ctrl-C), never a time limit.
enum class Status { optimal, infeasible, unbounded, time_limit, interrupted, error };

struct SolveOptions {
  core::SolverMethod method = core::SolverMethod::dual;
  bool presolve = true;
  double time_limit_s = 0.0;  // 0 = no limit
  int log_level = 0;          // Clp's log level; its messages go to the logger at info level
  bool progress = false;      // also show Clp's iteration lines as progress (log level ≥ 1 for them)
  // Clp's primal and dual feasibility tolerances; 0 = Clp's own (1e-7). A Benders master, whose
  // columns span MW to TWh, needs them tighter.
  double tolerance = 0.0;
  // Checked before and after the solve and at every Clp iteration / Cbc node: when requested,
  // the solve stops with Status::interrupted. Null: never cancelled. Not owned.
  const core::Cancel* cancel = nullptr;
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
  const char* solver = "Clp";          // who solved it, for messages
};

Solution solve(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);

// A Clp model kept between solves (a decomposition's subperiods): the LP is loaded
// once, column and row bounds change in place, and every solve after the first resumes the
// dual simplex from the previous basis (new bounds and right-hand sides keep it dual
// feasible), unless asked to start cold from a slack basis. Not copyable; one thread at a time.
class Model {
 public:
  Model(const LinearProgram& lp, const SolveOptions& options);
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  int num_cols() const;
  int num_rows() const;
  void set_column_bounds(int column, double lower, double upper);
  void set_row_bounds(int row, double lower, double upper);
  void set_column_cost(int column, double cost);  // a new cost keeps the basis primal feasible
  // The first solve uses options.method and presolve; later ones the dual simplex from the last
  // basis (`warm`), or from a slack basis (not `warm`). The solution has duals and reduced costs.
  Solution solve(core::Logger& log, bool warm = true);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Solves a MIP (lp.integer flags) with Cbc (branch and cut over Clp). The solution has no
// duals; fix the integers and call solve() for them.
Solution solve_mip(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);

// The one place a solver status becomes an error: returns when `solution` is optimal, else
// throws core::Error of the matching kind (infeasible 3, unbounded 4, time limit or error 5,
// interrupted 130) at `where`, saying what `what` ("the study", "portfolio selection") lacks,
// followed by the advice for its status when given.
struct StatusAdvice {
  std::string infeasible;
  std::string unbounded;
};
void require_optimal(const Solution& solution, const core::Context& where, const std::string& what,
                     const StatusAdvice& advice = {});

const char* to_string(Status status);

// Writes the LP as free-format MPS (with names when the LP has them), through CoinMpsIO, via a
// temporary file beside `path` and a rename; refuses (core::Error(io)) a folder or a path that
// cannot be written, leaving nothing behind.
void write_mps(const LinearProgram& lp, const std::string& path);
// Reads an MPS file back (for tests and inspection).
LinearProgram read_mps(const std::string& path);

}  // namespace silkgrid::lp
