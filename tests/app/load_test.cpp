// app::load's time step: weightings summed, series averaged with their weights; for a study
// file as for a PyPSA folder, after the reader.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/load.hpp"
#include "core/error.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

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

// A study file's time step runs in app::load too, after its reader: io::read_study returns the
// study at its own step (snapshot_hours) with study.resolution_hours kept in its settings.
namespace {

// 13 hourly snapshots: at 3 h, blocks of 3, 3, 3, 3 and 1 hours.
const char* blocks_study = R"(study: {name: blocks, timeseries: series.csv, resolution_hours: 3}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: l, region: A, profile: demand, annual_twh: 8.76}]
generators: [{name: g, region: A, carrier: gas, p_nom_mw: 1e6, vom_eur_per_mwh: 2}]
)";

std::string write_blocks_study(const std::string& dir, const std::string& yaml = blocks_study) {
  const double demand[] = {1, 4, 2, 8, 5, 7, 3, 9, 6, 2, 1, 5, 4};
  std::string csv = "timestamp,demand\n";
  for (int t = 0; t < 13; ++t) csv += fmt::format("2030-01-01T{:02d}:00,{}\n", t, demand[t]);
  std::ofstream(std::filesystem::path(dir) / "series.csv") << csv;
  const std::string file = (std::filesystem::path(dir) / "study.yaml").string();
  std::ofstream(file) << yaml;
  return file;
}

core::Logger silent() { return core::Logger(core::LogLevel::error, [](core::LogLevel, const std::string&) {}); }

double load_energy_mwh(const model::Study& study) {
  double energy = 0;
  for (std::size_t t = 0; t < study.snapshots(); ++t)
    energy += study.time.weights[t] * study.loads.p_mw[0].at(study.series, t);
  return energy;
}

}  // namespace

TEST(AppLoad, StudyFileReadsAtItsOwnStepAndResamplesInLoad) {
  const std::string dir = test::temp_dir("silkgrid-load");
  const std::string file = write_blocks_study(dir);
  core::Logger log = silent();
  const model::Study native = io::read_study(file, log);
  EXPECT_EQ(native.snapshots(), 13u);
  EXPECT_EQ(native.settings.resolution_hours, 3.0);
  EXPECT_EQ(native.settings.snapshot_hours, 1.0);

  const model::Study study = app::load(file, log);
  ASSERT_EQ(study.snapshots(), 5u);
  EXPECT_EQ(study.time.weights, (std::vector<double>{3, 3, 3, 3, 1}));
  EXPECT_EQ(study.time.timestamps[1], "2030-01-01T03:00");
  // Blocks {1,4,2}, {8,5,7}, {3,9,6}, {2,1,5}, {4}: the native series averaged.
  EXPECT_EQ(study.series.values.front(), (std::vector<double>{7.0 / 3, 20.0 / 3, 6, 8.0 / 3, 4}));
  EXPECT_EQ(study.loads.p_mw[0].scale, native.loads.p_mw[0].scale);  // scaled once, at read time

  app::LoadOptions as_read;
  as_read.resolution_hours = 0.0;  // profiles' "native"
  EXPECT_EQ(app::load(file, log, as_read).snapshots(), 13u);
  app::LoadOptions six;
  six.resolution_hours = 6.0;
  EXPECT_EQ(app::load(file, log, six).time.weights, (std::vector<double>{6, 6, 1}));
  std::filesystem::remove_all(dir);
}

// annual_twh scales the native series; its weighted mean, and so the energy, is the same after
// averaging into blocks: annual_twh · 10^6 MWh × the study's hours / 8,760 h.
TEST(AppLoad, AnnualEnergyOfALoadSurvivesTheTimeStep) {
  const std::string dir = test::temp_dir("silkgrid-load");
  const std::string file = write_blocks_study(dir);
  core::Logger log = silent();
  const double expected = 8.76 * 1e6 * 13.0 / 8760.0;  // 13,000 MWh over 13 h
  const model::Study native = io::read_study(file, log);
  EXPECT_NEAR(load_energy_mwh(native), expected, 1e-9 * expected);
  const model::Study study = app::load(file, log);
  ASSERT_EQ(study.snapshots(), 5u);
  EXPECT_NEAR(study.time.total_hours(), 13.0, 1e-12);
  EXPECT_NEAR(load_energy_mwh(study), expected, 1e-9 * expected);
  // And what the LP serves: 13,000 MWh × 2 EUR.
  const auto r = test::solve(study);
  EXPECT_NEAR(r.region_load_mwh[0], expected, 1e-9 * expected);
  EXPECT_NEAR(r.objective_eur, 2 * expected, 1e-9 * 2 * expected);
  std::filesystem::remove_all(dir);
}

// A resolution that is no whole multiple of snapshot_hours: from the study file, the reader
// names its line; from --resolution, app::load names the option.
TEST(AppLoad, ResolutionNotAWholeMultipleNamesWhereItCameFrom) {
  const std::string dir = test::temp_dir("silkgrid-load");
  core::Logger log = silent();
  std::string yaml = blocks_study;
  yaml.replace(yaml.find("resolution_hours: 3"), 19, "resolution_hours: 2.5");
  std::string file = write_blocks_study(dir, yaml);
  try {
    app::load(file, log);
    ADD_FAILURE() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::input);
    EXPECT_EQ(e.context().file, file);
    EXPECT_EQ(e.context().line, 1);
    EXPECT_EQ(e.context().key, "study.resolution_hours");
    EXPECT_NE(std::string(e.what()).find("whole multiple of snapshot_hours (1 h), got 2.5 h"), std::string::npos) << e.what();
  }
  EXPECT_THROW(io::read_study(file, log), core::Error);  // the reader's own check

  file = write_blocks_study(dir);
  app::LoadOptions options;
  options.resolution_hours = 1.5;
  try {
    app::load(file, log, options);
    ADD_FAILURE() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::input);
    EXPECT_EQ(e.context().file, file);
    EXPECT_EQ(e.context().key, "--resolution");
    EXPECT_NE(std::string(e.what()).find("whole multiple of snapshot_hours (1 h), got 1.5 h"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}
