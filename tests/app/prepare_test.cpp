// app::prepare's decomposition options: the command line's values override the study's, in
// study.solver (where the decomposition reads them); a bad one is an input error naming its
// option, before the study is read.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "app/pipelines.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "model/decomposition.hpp"

using namespace silkgrid;

namespace {

core::Logger silent() { return core::Logger(core::LogLevel::error, [](core::LogLevel, const std::string&) {}); }

app::StudyOptions demo() {
  app::StudyOptions options;
  options.study = "builtin:demo";
  return options;
}

}  // namespace

TEST(AppPrepare, DecompositionOptionsOverrideTheStudys) {
  core::Logger log = silent();
  core::Cancel cancel;
  const app::Prepared as_read = app::prepare(demo(), log, cancel);
  EXPECT_EQ(as_read.study.solver.decomposition, model::Decomposition::automatic);
  EXPECT_EQ(as_read.study.solver.subperiod_hours, 168.0);
  EXPECT_EQ(as_read.study.solver.gap, 1e-4);
  EXPECT_EQ(as_read.study.solver.max_iterations, 500);
  EXPECT_EQ(as_read.study.solver.stabilisation, 0.5);

  app::StudyOptions options = demo();
  options.decompose = "benders";
  options.subperiod_hours = 24.0;
  options.gap = 1e-3;
  options.max_iterations = 7;
  options.stabilisation = 0.0;
  const app::Prepared p = app::prepare(options, log, cancel);
  EXPECT_EQ(p.study.solver.decomposition, model::Decomposition::benders);
  EXPECT_EQ(p.study.solver.subperiod_hours, 24.0);
  EXPECT_EQ(p.study.solver.gap, 1e-3);
  EXPECT_EQ(p.study.solver.max_iterations, 7);
  EXPECT_EQ(p.study.solver.stabilisation, 0.0);
  options = demo();
  options.decompose = "none";
  EXPECT_EQ(app::prepare(options, log, cancel).study.solver.decomposition, model::Decomposition::none);
}

TEST(AppPrepare, BadDecompositionOptionsNameTheirOption) {
  core::Logger log = silent();
  core::Cancel cancel;
  const auto expect_bad = [&](const app::StudyOptions& options, const std::string& option) {
    try {
      app::prepare(options, log, cancel);
      ADD_FAILURE() << option << ": expected an error";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::input) << e.what();
      EXPECT_EQ(e.context().key, option) << e.what();
      EXPECT_NE(std::string(e.what()).find("expected"), std::string::npos) << e.what();
    }
  };
  app::StudyOptions o = demo();
  o.decompose = "split";
  expect_bad(o, "--decompose");
  o = demo();
  o.subperiod_hours = 0.0;
  expect_bad(o, "--subperiod-hours");
  o = demo();
  o.gap = 1.0;
  expect_bad(o, "--gap");
  o = demo();
  o.max_iterations = 0;
  expect_bad(o, "--max-iterations");
  o = demo();
  o.stabilisation = std::numeric_limits<double>::quiet_NaN();
  expect_bad(o, "--stabilisation");
}
