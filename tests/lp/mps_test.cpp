#include <gtest/gtest.h>

#include <filesystem>

#include "formulate/build.hpp"
#include "lp/solver.hpp"
#include "model/synthetic.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

TEST(Mps, WrittenLpReadsBackTheSameAndSolvesToTheSameOptimum) {
  model::SyntheticOptions options;
  options.regions = 3;
  options.snapshots = 24;
  const model::Study study = model::synthetic_chain(options);
  const auto built = formulate::build(study, formulate::BuildOptions{true, {}, {}});
  const std::string dir = test::temp_dir("silkgrid-mps");
  const std::string path = dir + "/chain.mps";
  lp::write_mps(built.lp, path);
  const lp::LinearProgram back = lp::read_mps(path);
  EXPECT_EQ(back.num_rows, built.lp.num_rows);
  EXPECT_EQ(back.num_cols, built.lp.num_cols);
  EXPECT_EQ(back.nonzeros(), built.lp.nonzeros());
  EXPECT_EQ(back.col_names[static_cast<std::size_t>(built.column("generator.p", 1, 5))], "p(R0-solar,5)");
  EXPECT_EQ(back.row_names[static_cast<std::size_t>(built.row("balance", 2, 3))], "balance(R2,3)");

  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::error);
  const auto a = lp::solve(built.lp, lp::SolveOptions{}, log);
  const auto b = lp::solve(back, lp::SolveOptions{}, log);
  ASSERT_EQ(a.status, lp::Status::optimal);
  ASSERT_EQ(b.status, lp::Status::optimal);
  EXPECT_NEAR(a.objective, b.objective, 1e-9 * std::abs(a.objective));
  std::filesystem::remove_all(dir);
}

TEST(Solver, MethodsAgreeOnTheOptimum) {
  model::SyntheticOptions options;
  options.regions = 2;
  options.snapshots = 48;
  const model::Study study = model::synthetic_chain(options);
  const auto built = formulate::build(study);
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::error);
  double reference = 0;
  for (const auto method : {core::SolverMethod::dual, core::SolverMethod::primal, core::SolverMethod::barrier}) {
    for (const bool presolve : {true, false}) {
      lp::SolveOptions o;
      o.method = method;
      o.presolve = presolve;
      const auto s = lp::solve(built.lp, o, log);
      ASSERT_EQ(s.status, lp::Status::optimal) << core::to_string(method);
      if (reference == 0) reference = s.objective;
      EXPECT_NEAR(s.objective, reference, 1e-7 * std::abs(reference)) << core::to_string(method);
    }
  }
}

TEST(Solver, ReportsInfeasibleAndUnbounded) {
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::error);
  // x ≥ 0, x ≤ 1 as a bound, row x ≥ 2: infeasible.
  lp::LinearProgram lp;
  lp.num_cols = 1;
  lp.num_rows = 1;
  lp.col_lower = {0};
  lp.col_upper = {1};
  lp.cost = {1};
  lp.row_lower = {2};
  lp.row_upper = {lp::infinity};
  lp.start = {0, 1};
  lp.index = {0};
  lp.value = {1.0};
  for (const bool presolve : {true, false}) {
    lp::SolveOptions o;
    o.presolve = presolve;
    EXPECT_EQ(lp::solve(lp, o, log).status, lp::Status::infeasible);
  }
  // min −x with x free above and the row x ≥ 2: unbounded.
  lp.col_upper = {lp::infinity};
  lp.cost = {-1};
  for (const bool presolve : {true, false}) {
    lp::SolveOptions o;
    o.presolve = presolve;
    EXPECT_EQ(lp::solve(lp, o, log).status, lp::Status::unbounded);
  }
}
