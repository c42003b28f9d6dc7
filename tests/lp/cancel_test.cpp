// The cancellation token (Ctrl-C) in the solvers, statuses as errors, and MPS files that
// cannot be written.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "formulate/build.hpp"
#include "lp/solver.hpp"
#include "model/synthetic.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {

// min x + y, x + y ≥ 2, x, y in [0, 3] (y integer where asked): optimum 2.
lp::LinearProgram tiny(bool integer = false) {
  lp::LinearProgram lp;
  lp.num_cols = 2;
  lp.num_rows = 1;
  lp.col_lower = {0, 0};
  lp.col_upper = {3, 3};
  lp.cost = {1, 1};
  lp.row_lower = {2};
  lp.row_upper = {lp::infinity};
  lp.start = {0, 1, 2};
  lp.index = {0, 0};
  lp.value = {1.0, 1.0};
  if (integer) lp.integer = {0, 1};
  return lp;
}

core::ErrorKind kind_of(const lp::Solution& s) {
  try {
    lp::require_optimal(s, core::Context{"study.yaml", 0, 0, ""}, "the study");
  } catch (const core::Error& e) {
    return e.kind();
  }
  return core::ErrorKind::internal;  // no error: optimal
}

}  // namespace

TEST(Cancel, RequestedBeforeTheSolveStopsClpAndCbcWithTheInterruptedStatus) {
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::error);
  core::Cancel cancel;
  lp::SolveOptions o;
  o.cancel = &cancel;
  ASSERT_EQ(lp::solve(tiny(), o, log).status, lp::Status::optimal);  // a token not requested changes nothing
  EXPECT_NEAR(lp::solve(tiny(), o, log).objective, 2.0, 1e-9);
  EXPECT_NEAR(lp::solve_mip(tiny(true), o, log).objective, 2.0, 1e-9);
  cancel.request();
  for (const auto method : {core::SolverMethod::dual, core::SolverMethod::primal, core::SolverMethod::barrier})
    for (const bool presolve : {true, false}) {
      o.method = method;
      o.presolve = presolve;
      const lp::Solution s = lp::solve(tiny(), o, log);
      EXPECT_EQ(s.status, lp::Status::interrupted) << core::to_string(method);
      EXPECT_EQ(kind_of(s), core::ErrorKind::interrupted);
    }
  const lp::Solution mip = lp::solve_mip(tiny(true), o, log);
  EXPECT_EQ(mip.status, lp::Status::interrupted);
  EXPECT_EQ(kind_of(mip), core::ErrorKind::interrupted);
  EXPECT_EQ(core::exit_code(core::ErrorKind::interrupted), 130);
}

TEST(Cancel, RequestedDuringTheSolveStopsClpSoonAndIsNoTimeLimit) {
  // 6 regions × 720 snapshots: several seconds of dual simplex (DESIGN.md), presolve on.
  model::SyntheticOptions options;
  options.regions = 6;
  options.snapshots = 720;
  const auto built = formulate::build(model::synthetic_chain(options));
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::error);
  core::Cancel cancel;
  lp::SolveOptions o;
  o.cancel = &cancel;
  o.time_limit_s = 600;  // a time limit that is not reached must not be what is reported
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.request();
  });
  const auto start = std::chrono::steady_clock::now();
  const lp::Solution s = lp::solve(built.lp, o, log);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ctrl_c.join();
  EXPECT_EQ(s.status, lp::Status::interrupted) << s.status_text;
  EXPECT_LT(seconds, 2.5);
}

TEST(Cancel, SolveStatusesBecomeErrorsOfTheirKind) {
  lp::Solution s;
  s.status = lp::Status::optimal;
  EXPECT_NO_THROW(lp::require_optimal(s, core::Context{}, "the study"));
  s.status = lp::Status::infeasible;
  EXPECT_EQ(kind_of(s), core::ErrorKind::infeasible);
  s.status = lp::Status::unbounded;
  EXPECT_EQ(kind_of(s), core::ErrorKind::unbounded);
  s.status = lp::Status::time_limit;
  EXPECT_EQ(kind_of(s), core::ErrorKind::solver);
  s.status = lp::Status::error;
  EXPECT_EQ(kind_of(s), core::ErrorKind::solver);
}

TEST(Mps, WritingToAFolderOrAnUnwritablePathIsAnIoErrorAndLeavesNothing) {
  const fs::path dir = test::temp_dir("silkgrid-mps");
  const auto error_kind = [](const std::string& path) {
    try {
      lp::write_mps(tiny(), path);
    } catch (const core::Error& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      return e.kind();
    }
    return core::ErrorKind::internal;
  };
  EXPECT_EQ(error_kind(dir.string()), core::ErrorKind::io);                             // a folder
  EXPECT_EQ(error_kind((dir / "missing" / "x.mps").string()), core::ErrorKind::io);     // no such folder
  EXPECT_EQ(error_kind("/proc/silkgrid-cannot-write.mps"), core::ErrorKind::io);        // CoinMpsIO cannot open it
  EXPECT_TRUE(fs::is_empty(dir));
  for (const auto& e : fs::directory_iterator(dir.parent_path()))
    EXPECT_EQ(e.path().filename().string().rfind(dir.filename().string() + ".tmp", 0), std::string::npos) << e.path();
  lp::write_mps(tiny(), (dir / "tiny.mps").string());
  EXPECT_EQ(lp::read_mps((dir / "tiny.mps").string()).num_cols, 2);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary file
  fs::remove_all(dir);
}
