// app::load's time step on its own: weightings summed, series averaged with their weights.
#include <gtest/gtest.h>

#include "app/load.hpp"
#include "core/error.hpp"

using namespace silkgrid;

namespace {

model::Study four_snapshots() {
  model::Study study;
  study.time.timestamps = {"2030-01-01T00:00", "2030-01-01T01:00", "2030-01-01T02:00", "2030-01-01T03:00"};
  study.time.weights = {1, 1, 1, 1};
  study.time.store_weights = {1, 2, 3, 4};
  study.time.generator_weights = {0.5, 0.5, 2, 2};
  study.series.names = {"s"};
  study.series.values = {{10, 20, 30, 50}};
  return study;
}

}  // namespace

TEST(AppLoad, TimeStepSumsEveryWeightingAndAveragesTheSeries) {
  model::Study study = four_snapshots();
  app::resample_to_hours(study, 2.0, "snapshots.csv", "--resolution");
  ASSERT_EQ(study.time.size(), 2u);
  EXPECT_EQ(study.time.timestamps, (std::vector<std::string>{"2030-01-01T00:00", "2030-01-01T02:00"}));
  EXPECT_EQ(study.time.weights, (std::vector<double>{2, 2}));
  EXPECT_EQ(study.time.store_weights, (std::vector<double>{3, 7}));
  EXPECT_EQ(study.time.generator_weights, (std::vector<double>{1, 4}));
  EXPECT_EQ(study.series.values.front(), (std::vector<double>{15, 40}));
}

TEST(AppLoad, TimeStepRefusesPartBlocksAndIrregularSteps) {
  model::Study study = four_snapshots();
  try {
    app::resample_to_hours(study, 3.0, "snapshots.csv", "--resolution");
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::input);
    EXPECT_EQ(e.context().file, "snapshots.csv");
    EXPECT_EQ(e.context().key, "--resolution");
    EXPECT_NE(std::string(e.what()).find("not a whole number of blocks"), std::string::npos) << e.what();
  }
  study.time.timestamps[3] = "2030-01-01T05:00";
  EXPECT_THROW(app::resample_to_hours(study, 2.0, "snapshots.csv", "--resolution"), core::Error);
  EXPECT_EQ(study.time.size(), 4u);  // nothing changed
}
