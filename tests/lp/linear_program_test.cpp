// The LP layer on its own, with tiny hand-made LPs (as HiGHS tests its LP layer): appending
// columns and rows, the CSC arrays they make, checks, statistics, Clp and Cbc on LPs whose
// optimum is known by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "lp/linear_program.hpp"
#include "lp/solver.hpp"

using namespace silkgrid;

namespace {

core::Logger quiet() {
  static std::string sink;
  return core::capturing_logger(sink, core::LogLevel::warning);
}

// min x + 2y  s.t.  x + y ≥ 1,  x − y ≤ 0.2,  0 ≤ x ≤ 0.4,  y ≥ 0.
lp::LinearProgram small() {
  lp::LinearProgram lp;
  lp::add_column(lp, 0.0, 0.4, 1.0);
  lp::add_column(lp, 0.0, lp::infinity, 2.0);
  lp::add_rows(lp, {{1.0, lp::infinity, {{0, 1.0}, {1, 1.0}}}, {-lp::infinity, 0.2, {{0, 1.0}, {1, -1.0}}}});
  return lp;
}

}  // namespace

TEST(LinearProgram, AppendedRowsMakeTheCscArrays) {
  const lp::LinearProgram lp = small();
  EXPECT_EQ(lp.num_cols, 2);
  EXPECT_EQ(lp.num_rows, 2);
  // Column 0: rows 0 and 1 with 1, 1; column 1: rows 0 and 1 with 1, −1.
  EXPECT_EQ(lp.start, (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(lp.index, (std::vector<int>{0, 1, 0, 1}));
  EXPECT_EQ(lp.value, (std::vector<double>{1, 1, 1, -1}));
  EXPECT_NO_THROW(lp.check());
}

TEST(LinearProgram, RowsAppendedLaterMergeIntoEachColumn) {
  lp::LinearProgram lp = small();
  const int z = lp::add_column(lp, 0.0, 1.0, 0.0);
  lp::add_rows(lp, {{0.0, 0.0, {{1, 3.0}, {z, -1.0}}}});  // 3y − z = 0
  EXPECT_EQ(lp.num_rows, 3);
  EXPECT_EQ(lp.start, (std::vector<int>{0, 2, 5, 6}));
  EXPECT_EQ(lp.index, (std::vector<int>{0, 1, 0, 1, 2, 2}));
  EXPECT_EQ(lp.value, (std::vector<double>{1, 1, 1, -1, 3, -1}));
  EXPECT_NO_THROW(lp.check());
}

TEST(LinearProgram, RowsNamingUnknownColumnsAreRefused) {
  lp::LinearProgram lp = small();
  const auto before = lp.value;
  EXPECT_THROW(lp::add_rows(lp, {{0.0, 1.0, {{2, 1.0}}}}), core::Error);
  EXPECT_THROW(lp::add_rows(lp, {{0.0, 1.0, {{-1, 1.0}}}}), core::Error);
  EXPECT_EQ(lp.num_rows, 2);  // nothing appended
  EXPECT_EQ(lp.value, before);
}

TEST(LinearProgram, CheckFindsInconsistentArrays) {
  const auto broken = [](auto change) {
    lp::LinearProgram lp = small();
    change(lp);
    EXPECT_THROW(lp.check(), core::Error);
  };
  broken([](lp::LinearProgram& lp) { lp.index[1] = 7; });
  broken([](lp::LinearProgram& lp) { lp.value[0] = std::nan(""); });
  broken([](lp::LinearProgram& lp) { lp.cost[1] = std::nan(""); });
  broken([](lp::LinearProgram& lp) { lp.start[1] = 5; });
  broken([](lp::LinearProgram& lp) { lp.row_upper.pop_back(); });
}

TEST(LinearProgram, StatisticsByHand) {
  const lp::Statistics s = lp::statistics(small());
  EXPECT_EQ(s.rows, 2);
  EXPECT_EQ(s.cols, 2);
  EXPECT_EQ(s.nonzeros, 4u);
  EXPECT_EQ(s.matrix_min, 1.0);
  EXPECT_EQ(s.matrix_max, 1.0);
  EXPECT_EQ(s.cost_min, 1.0);
  EXPECT_EQ(s.cost_max, 2.0);
  EXPECT_EQ(s.bound_max, 0.4);  // the only finite non-zero bound
  EXPECT_EQ(s.rhs_min, 0.2);
  EXPECT_EQ(s.rhs_max, 1.0);
}

TEST(LinearProgram, ClpSolvesTheSmallLpByHand) {
  core::Logger log = quiet();
  for (const auto method : {core::SolverMethod::dual, core::SolverMethod::primal, core::SolverMethod::barrier})
    for (const bool presolve : {true, false}) {
      lp::SolveOptions options;
      options.method = method;
      options.presolve = presolve;
      const lp::Solution s = lp::solve(small(), options, log);
      ASSERT_EQ(s.status, lp::Status::optimal) << core::to_string(method);
      // x at its bound 0.4, y = 0.6: 0.4 + 1.2 = 1.6; the covering row's dual is y's cost, 2.
      EXPECT_NEAR(s.objective, 1.6, 1e-9);
      EXPECT_NEAR(s.col_value[0], 0.4, 1e-9);
      EXPECT_NEAR(s.col_value[1], 0.6, 1e-9);
      EXPECT_NEAR(s.row_dual[0], 2.0, 1e-9);
      EXPECT_NEAR(s.row_activity[1], -0.2, 1e-9);
    }
}

TEST(LinearProgram, ObjectiveOffsetAndRangedRows) {
  lp::LinearProgram lp;
  lp::add_column(lp, -lp::infinity, lp::infinity, -1.0);  // max x
  lp::add_rows(lp, {{-3.0, 5.0, {{0, 2.0}}}});           // −3 ≤ 2x ≤ 5
  lp.objective_offset = 10.0;
  core::Logger log = quiet();
  const lp::Solution s = lp::solve(lp, {}, log);
  ASSERT_EQ(s.status, lp::Status::optimal);
  EXPECT_NEAR(s.col_value[0], 2.5, 1e-9);
  EXPECT_NEAR(s.objective, 10.0 - 2.5, 1e-9);
}

TEST(LinearProgram, CbcSolvesAKnapsackByHand) {
  // max 5a + 4b + 3c  s.t.  2a + 3b + c ≤ 4, binary: a and c (8); a and b would weigh 5.
  lp::LinearProgram lp;
  for (const double value : {5.0, 4.0, 3.0}) lp::add_column(lp, 0.0, 1.0, -value, true);
  lp::add_rows(lp, {{-lp::infinity, 4.0, {{0, 2.0}, {1, 3.0}, {2, 1.0}}}});
  core::Logger log = quiet();
  const lp::Solution s = lp::solve_mip(lp, {}, log);
  ASSERT_EQ(s.status, lp::Status::optimal);
  EXPECT_NEAR(s.objective, -8.0, 1e-9);
  EXPECT_NEAR(s.col_value[0], 1.0, 1e-9);
  EXPECT_NEAR(s.col_value[1], 0.0, 1e-9);
  EXPECT_NEAR(s.col_value[2], 1.0, 1e-9);
  // Relaxed, the LP takes a, c and a third of b: 8 + 4/3.
  lp.integer.clear();
  EXPECT_NEAR(lp::solve(lp, {}, log).objective, -8.0 - 4.0 / 3.0, 1e-9);
}

TEST(LinearProgram, AnEmptyLpSolves) {
  lp::LinearProgram lp;
  lp::add_column(lp, 1.0, 2.0, 3.0);  // one column, no rows: x = 1
  core::Logger log = quiet();
  const lp::Solution s = lp::solve(lp, {}, log);
  ASSERT_EQ(s.status, lp::Status::optimal);
  EXPECT_NEAR(s.objective, 3.0, 1e-9);
}

// lp::Model keeps Clp's model between solves: min x + 2y s.t. x + y ≥ 4, x ≤ 3 gives x = 3,
// y = 1 (objective 5); with x fixed at 1 by its bounds, y = 3 (objective 7) and x's reduced
// cost 1 − 2 = −1 is the objective's derivative in the fixed value; the row's dual is 2.
TEST(LinearProgram, ModelResolvesFromItsBasisAfterBoundChanges) {
  lp::LinearProgram program;
  const int x = lp::add_column(program, 0.0, 3.0, 1.0);
  const int y = lp::add_column(program, 0.0, lp::infinity, 2.0);
  lp::add_rows(program, {lp::Row{4.0, lp::infinity, {{x, 1.0}, {y, 1.0}}}});
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  lp::Model model(program, lp::SolveOptions{});
  const lp::Solution first = model.solve(log);
  ASSERT_EQ(first.status, lp::Status::optimal);
  EXPECT_NEAR(first.objective, 5.0, 1e-9);
  model.set_column_bounds(x, 1.0, 1.0);
  for (const bool warm : {true, false}) {
    const lp::Solution again = model.solve(log, warm);
    ASSERT_EQ(again.status, lp::Status::optimal);
    EXPECT_NEAR(again.objective, 7.0, 1e-9);
    EXPECT_NEAR(again.col_value[1], 3.0, 1e-9);
    EXPECT_NEAR(again.col_reduced_cost[0], -1.0, 1e-9);
    EXPECT_NEAR(again.row_dual[0], 2.0, 1e-9);
  }
  model.set_row_bounds(0, 5.0, lp::infinity);  // x + y ≥ 5: y = 4, objective 9
  EXPECT_NEAR(model.solve(log).objective, 9.0, 1e-9);
  EXPECT_THROW(model.set_column_bounds(5, 0.0, 1.0), core::Error);
}
