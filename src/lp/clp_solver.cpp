// Clp back-end: the LinearProgram's CSC arrays are handed to ClpSimplex::loadProblem as they
// are; Clp's messages go through a CoinMessageHandler that forwards them to our logger.
#include <ClpEventHandler.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinError.hpp>
#include <CoinMessageHandler.hpp>
#include <fmt/format.h>

#include <cfloat>
#include <climits>

#include "core/error.hpp"
#include "lp/solver.hpp"

namespace silkgrid::lp {

namespace {

class LoggerHandler : public CoinMessageHandler {
 public:
  // `as_progress`: the messages were asked for only to show progress, not to be logged.
  LoggerHandler(core::Logger& log, bool as_progress) : log_(log), as_progress_(as_progress) {}
  LoggerHandler(const LoggerHandler&) = default;
  int print() override {
    if (as_progress_)
      log_.progress("solving: Clp {}", messageBuffer());
    else
      log_.info("clp: {}", messageBuffer());
    return 0;
  }
  CoinMessageHandler* clone() const override { return new LoggerHandler(*this); }

 private:
  core::Logger& log_;
  bool as_progress_;
};

// Stops Clp at its next iteration (or presolve step) once the cancellation token is requested.
// Clp clones it into the presolved model, so the clone shares the token.
class CancelHandler : public ClpEventHandler {
 public:
  explicit CancelHandler(const core::Cancel* cancel) : cancel_(cancel) {}
  CancelHandler(const CancelHandler&) = default;
  int event(Event) override { return cancel_ && cancel_->requested() ? 0 : -1; }  // 0: stop; -1: go on
  ClpEventHandler* clone() const override { return new CancelHandler(*this); }

 private:
  const core::Cancel* cancel_;
};

ClpSolve::SolveType solve_type(core::SolverMethod method) {
  switch (method) {
    case core::SolverMethod::dual: return ClpSolve::useDual;
    case core::SolverMethod::primal: return ClpSolve::usePrimal;
    case core::SolverMethod::barrier: return ClpSolve::useBarrier;
  }
  return ClpSolve::useDual;
}

}  // namespace

const char* to_string(Status status) {
  switch (status) {
    case Status::optimal: return "optimal";
    case Status::infeasible: return "infeasible";
    case Status::unbounded: return "unbounded";
    case Status::time_limit: return "time_limit";
    case Status::interrupted: return "interrupted";
    case Status::error: return "error";
  }
  return "error";
}


namespace {
Solution interrupted() {
  Solution solution;
  solution.status = Status::interrupted;
  solution.status_text = "interrupted";
  return solution;
}

Solution solve_with_clp(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);
Solution read_solution(ClpSimplex& model, double objective_offset);
}  // namespace

Solution solve(const LinearProgram& lp, const SolveOptions& options, core::Logger& log) {
  if (options.cancel && options.cancel->requested()) return interrupted();
  try {
    return solve_with_clp(lp, options, log);
  } catch (const CoinError& e) {
    throw core::Error(core::ErrorKind::solver,
                      fmt::format("Clp failed in {}::{}: {}", e.className(), e.methodName(), e.message()));
  }
}

namespace {
Solution solve_with_clp(const LinearProgram& lp, const SolveOptions& options, core::Logger& log) {
  lp.check();
  if (lp.value.size() > static_cast<std::size_t>(INT_MAX))
    throw core::Error(core::ErrorKind::solver, "the LP has more non-zeros than Clp can index (2^31)");

  ClpSimplex model;
  const bool as_progress = options.progress && options.log_level == 0 && log.shows_progress();
  LoggerHandler handler(log, as_progress);
  model.passInMessageHandler(&handler);
  model.setLogLevel(as_progress ? 1 : options.log_level);
  model.loadProblem(lp.num_cols, lp.num_rows, lp.start.data(), lp.index.data(), lp.value.data(),
                    lp.col_lower.data(), lp.col_upper.data(), lp.cost.data(), lp.row_lower.data(),
                    lp.row_upper.data());
  if (options.time_limit_s > 0) model.setMaximumSeconds(options.time_limit_s);
  if (options.tolerance > 0) {
    model.setDualTolerance(options.tolerance);
    model.setPrimalTolerance(options.tolerance);
  }
  CancelHandler cancel_handler(options.cancel);
  model.passInEventHandler(&cancel_handler);  // Clp keeps a clone

  ClpSolve how;
  // Clp's own SIGINT handler (a process-global model pointer, not thread-safe) would turn
  // Ctrl-C into an iteration limit; the caller's token does that job.
  how.setSpecialOption(2, 1);
  how.setSolveType(solve_type(options.method));
  how.setPresolveType(options.presolve ? ClpSolve::presolveOn : ClpSolve::presolveOff);
  model.initialSolve(how);
  // Presolve does not look at the event handler: check once more when Clp returns.
  if (options.cancel && options.cancel->requested()) {
    model.passInMessageHandler(nullptr);
    return interrupted();
  }

  Solution solution = read_solution(model, lp.objective_offset);
  model.passInMessageHandler(nullptr);
  return solution;
}

Solution read_solution(ClpSimplex& model, double objective_offset) {
  Solution solution;
  solution.iterations = model.numberIterations();
  const int status = model.status();
  if (status == 0 && model.isProvenOptimal()) {
    solution.status = Status::optimal;
    solution.status_text = "optimal";
  } else if (status == 1 || model.isProvenPrimalInfeasible()) {
    solution.status = Status::infeasible;
    solution.status_text = "primal infeasible";
  } else if (status == 2 || model.isProvenDualInfeasible()) {
    solution.status = Status::unbounded;
    solution.status_text = "dual infeasible (unbounded)";
  } else if (status == 3) {
    solution.status = Status::time_limit;
    solution.status_text = "stopped on time or iteration limit";
  } else {
    solution.status = Status::error;
    solution.status_text = fmt::format("Clp stopped with status {} (secondary {})", status, model.secondaryStatus());
  }
  solution.objective = model.objectiveValue() + objective_offset;
  const auto cols = static_cast<std::size_t>(model.numberColumns());
  const auto rows = static_cast<std::size_t>(model.numberRows());
  solution.col_value.assign(model.primalColumnSolution(), model.primalColumnSolution() + cols);
  solution.col_reduced_cost.assign(model.dualColumnSolution(), model.dualColumnSolution() + cols);
  solution.row_activity.assign(model.primalRowSolution(), model.primalRowSolution() + rows);
  solution.row_dual.assign(model.dualRowSolution(), model.dualRowSolution() + rows);
  return solution;
}
}  // namespace

struct Model::Impl {
  ClpSimplex model;
  SolveOptions options;
  double objective_offset = 0;
  bool solved = false;
};

Model::Model(const LinearProgram& lp, const SolveOptions& options) : impl_(std::make_unique<Impl>()) {
  lp.check();
  if (lp.value.size() > static_cast<std::size_t>(INT_MAX))
    throw core::Error(core::ErrorKind::solver, "the LP has more non-zeros than Clp can index (2^31)");
  impl_->options = options;
  impl_->objective_offset = lp.objective_offset;
  try {
    impl_->model.setLogLevel(0);
    if (options.tolerance > 0) {
      impl_->model.setDualTolerance(options.tolerance);
      impl_->model.setPrimalTolerance(options.tolerance);
    }
    impl_->model.loadProblem(lp.num_cols, lp.num_rows, lp.start.data(), lp.index.data(), lp.value.data(),
                             lp.col_lower.data(), lp.col_upper.data(), lp.cost.data(), lp.row_lower.data(),
                             lp.row_upper.data());
  } catch (const CoinError& e) {
    throw core::Error(core::ErrorKind::solver,
                      fmt::format("Clp failed in {}::{}: {}", e.className(), e.methodName(), e.message()));
  }
}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

int Model::num_cols() const { return impl_->model.numberColumns(); }
int Model::num_rows() const { return impl_->model.numberRows(); }

void Model::set_column_bounds(int column, double lower, double upper) {
  if (column < 0 || column >= num_cols())
    throw core::Error(core::ErrorKind::internal, fmt::format("no column {} in a model of {}", column, num_cols()));
  impl_->model.setColumnBounds(column, lower, upper);
}

void Model::set_row_bounds(int row, double lower, double upper) {
  if (row < 0 || row >= num_rows())
    throw core::Error(core::ErrorKind::internal, fmt::format("no row {} in a model of {}", row, num_rows()));
  impl_->model.setRowBounds(row, lower, upper);
}

void Model::set_column_cost(int column, double cost) {
  if (column < 0 || column >= num_cols())
    throw core::Error(core::ErrorKind::internal, fmt::format("no column {} in a model of {}", column, num_cols()));
  impl_->model.setObjectiveCoefficient(column, cost);
}

Solution Model::solve(core::Logger& log, bool warm) {
  const SolveOptions& options = impl_->options;
  if (options.cancel && options.cancel->requested()) return interrupted();
  ClpSimplex& model = impl_->model;
  LoggerHandler handler(log, false);
  CancelHandler cancel_handler(options.cancel);
  try {
    model.passInMessageHandler(&handler);
    model.setLogLevel(options.log_level);
    model.passInEventHandler(&cancel_handler);
    if (options.time_limit_s > 0) model.setMaximumSeconds(options.time_limit_s);
    if (!impl_->solved) {
      ClpSolve how;
      how.setSpecialOption(2, 1);  // no Clp SIGINT handler: the token stops it
      how.setSolveType(solve_type(options.method));
      how.setPresolveType(options.presolve ? ClpSolve::presolveOn : ClpSolve::presolveOff);
      model.initialSolve(how);
    } else {
      if (!warm) model.allSlackBasis(true);
      model.dual();
    }
  } catch (const CoinError& e) {
    model.passInMessageHandler(nullptr);
    throw core::Error(core::ErrorKind::solver,
                      fmt::format("Clp failed in {}::{}: {}", e.className(), e.methodName(), e.message()));
  }
  impl_->solved = true;
  if (options.cancel && options.cancel->requested()) {
    model.passInMessageHandler(nullptr);
    return interrupted();
  }
  Solution solution = read_solution(model, impl_->objective_offset);
  model.passInMessageHandler(nullptr);
  return solution;
}

}  // namespace silkgrid::lp
