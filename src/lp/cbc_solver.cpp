// Cbc back-end for MIPs: the LinearProgram goes to an OsiClpSolverInterface as a column-ordered
// CoinPackedMatrix, its integer columns are marked, and CbcModel runs branch and cut.
#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <ClpEventHandler.hpp>
#include <ClpSolve.hpp>
#include <CoinError.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <fmt/format.h>

#include <cfloat>

#include "core/error.hpp"
#include "lp/solver.hpp"

namespace silkgrid::lp {

namespace {
double coin(double v) { return v == infinity ? COIN_DBL_MAX : v == -infinity ? -COIN_DBL_MAX : v; }

// Stops branch and bound at the next node or event once the token is requested.
class CancelNodes : public CbcEventHandler {
 public:
  explicit CancelNodes(const core::Cancel* cancel) : cancel_(cancel) {}
  CancelNodes(const CancelNodes&) = default;
  CbcAction event(CbcEvent) override { return cancel_ && cancel_->requested() ? stop : noAction; }
  CbcEventHandler* clone() const override { return new CancelNodes(*this); }

 private:
  const core::Cancel* cancel_;
};

// Stops the LPs inside Cbc (root and nodes) at their next iteration.
class CancelIterations : public ClpEventHandler {
 public:
  explicit CancelIterations(const core::Cancel* cancel) : cancel_(cancel) {}
  CancelIterations(const CancelIterations&) = default;
  int event(Event) override { return cancel_ && cancel_->requested() ? 0 : -1; }
  ClpEventHandler* clone() const override { return new CancelIterations(*this); }

 private:
  const core::Cancel* cancel_;
};

Solution interrupted() {
  Solution s;
  s.status = Status::interrupted;
  s.status_text = "interrupted";
  s.solver = "Cbc";
  return s;
}

Solution solve_with_cbc(const LinearProgram& lp, const SolveOptions& options, core::Logger& log);
}  // namespace

Solution solve_mip(const LinearProgram& lp, const SolveOptions& options, core::Logger& log) {
  if (options.cancel && options.cancel->requested()) return interrupted();
  try {
    return solve_with_cbc(lp, options, log);
  } catch (const CoinError& e) {
    throw core::Error(core::ErrorKind::solver,
                      fmt::format("Cbc failed in {}::{}: {}", e.className(), e.methodName(), e.message()));
  }
}

namespace {
Solution solve_with_cbc(const LinearProgram& lp, const SolveOptions& options, core::Logger& log) {
  lp.check();
  const auto n = static_cast<std::size_t>(lp.num_cols), m = static_cast<std::size_t>(lp.num_rows);
  std::vector<double> cl(n), cu(n), rl(m), ru(m);
  for (std::size_t j = 0; j < n; ++j) {
    cl[j] = coin(lp.col_lower[j]);
    cu[j] = coin(lp.col_upper[j]);
  }
  for (std::size_t i = 0; i < m; ++i) {
    rl[i] = coin(lp.row_lower[i]);
    ru[i] = coin(lp.row_upper[i]);
  }
  std::vector<int> length(n);
  for (std::size_t j = 0; j < n; ++j) length[j] = lp.start[j + 1] - lp.start[j];
  const CoinPackedMatrix matrix(true, lp.num_rows, lp.num_cols, static_cast<CoinBigIndex>(lp.value.size()), lp.value.data(),
                                lp.index.data(), lp.start.data(), length.data());
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  const CancelIterations stop_iterations(options.cancel);
  solver.getModelPtr()->passInEventHandler(&stop_iterations);
  ClpSolve how;  // OsiClpSolverInterface starts from the default options too
  how.setSpecialOption(2, 1);  // no Clp SIGINT handler: the caller's token stops the solve (clp_solver.cpp)
  solver.setSolveOptions(how);
  solver.loadProblem(matrix, cl.data(), cu.data(), lp.cost.data(), rl.data(), ru.data());
  for (std::size_t j = 0; j < lp.integer.size(); ++j)
    if (lp.integer[j]) solver.setInteger(static_cast<int>(j));
  CbcModel model(solver);
  model.setLogLevel(options.log_level);
  model.messageHandler()->setLogLevel(options.log_level);
  if (options.time_limit_s > 0) model.setMaximumSeconds(options.time_limit_s);
  const CancelNodes stop_nodes(options.cancel);
  model.passInEventHandler(&stop_nodes);
  model.branchAndBound();
  if (options.cancel && options.cancel->requested()) return interrupted();

  Solution s;
  s.solver = "Cbc";
  s.iterations = model.getIterationCount();
  if (model.isProvenOptimal() && model.bestSolution()) {
    s.status = Status::optimal;
    s.status_text = "optimal";
  } else if (model.isProvenInfeasible()) {
    s.status = Status::infeasible;
    s.status_text = "infeasible";
  } else if (model.isContinuousUnbounded()) {
    s.status = Status::unbounded;
    s.status_text = "unbounded";
  } else if (model.isSecondsLimitReached()) {
    s.status = Status::time_limit;
    s.status_text = "time limit";
  } else {
    s.status = Status::error;
    s.status_text = "stopped without a proven optimum";
  }
  log.info("Cbc: {} after {} nodes, objective {:.6e}", s.status_text, model.getNodeCount(), model.getObjValue());
  if (s.status != Status::optimal) return s;
  s.objective = model.getObjValue() + lp.objective_offset;
  s.col_value.assign(model.bestSolution(), model.bestSolution() + n);
  if (m > 0) s.row_activity.assign(model.solver()->getRowActivity(), model.solver()->getRowActivity() + m);
  return s;
}
}  // namespace

}  // namespace silkgrid::lp
