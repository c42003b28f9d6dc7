// The command line's study options on a PyPSA folder: --resolution, --seed and --strict apply
// there as they do to a study file (app::load).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/studies.hpp"

namespace fs = std::filesystem;
using silkgrid::test::run_command;
using silkgrid::test::temp_dir;

namespace {

const std::string program = SILKGRID_BINARY;

fs::path network(const std::map<std::string, std::string>& files) {
  const fs::path dir = temp_dir("silkgrid-cli-pypsa");
  for (const auto& [name, content] : files) std::ofstream(dir / name) << content;
  return dir;
}

double objective(const fs::path& out) {
  std::ifstream in(out / "summary.json");
  return nlohmann::json::parse(in)["objective_eur"].get<double>();
}

// Four hours at one bus: load 100, 50, 80, 120 MW; wind of 200 MW at 1, 0, 0.5, 0 per unit
// (free); gas at 50 EUR/MWh.
//   hourly: wind covers hours 1 and 3 (curtailing), gas 50 + 120 MWh = 170 MWh → 8,500 EUR;
//   2 h blocks: load 75 and 100 MW, wind 0.5 and 0.25 → 100 and 50 MW, each for 2 h:
//   gas 2 × 50 MWh = 100 MWh → 5,000 EUR.
std::map<std::string, std::string> four_hours() {
  return {{"snapshots.csv",
           "snapshot,objective,stores,generators\n2030-01-01 00:00:00,1,1,1\n2030-01-01 01:00:00,1,1,1\n"
           "2030-01-01 02:00:00,1,1,1\n2030-01-01 03:00:00,1,1,1\n"},
          {"buses.csv", "name,v_nom\nA,380\n"},
          {"loads.csv", "name,bus\nload,A\n"},
          {"loads-p_set.csv",
           "snapshot,load\n2030-01-01 00:00:00,100\n2030-01-01 01:00:00,50\n2030-01-01 02:00:00,80\n"
           "2030-01-01 03:00:00,120\n"},
          {"generators.csv", "name,bus,p_nom,marginal_cost\nwind,A,200,0\ngas,A,1000,50\n"},
          {"generators-p_max_pu.csv",
           "snapshot,wind\n2030-01-01 00:00:00,1\n2030-01-01 01:00:00,0\n2030-01-01 02:00:00,0.5\n"
           "2030-01-01 03:00:00,0\n"}};
}

// The same network resampled by hand: two snapshots of 2 h.
std::map<std::string, std::string> two_blocks() {
  return {{"snapshots.csv",
           "snapshot,objective,stores,generators\n2030-01-01 00:00:00,2,2,2\n2030-01-01 02:00:00,2,2,2\n"},
          {"buses.csv", "name,v_nom\nA,380\n"},
          {"loads.csv", "name,bus\nload,A\n"},
          {"loads-p_set.csv", "snapshot,load\n2030-01-01 00:00:00,75\n2030-01-01 02:00:00,100\n"},
          {"generators.csv", "name,bus,p_nom,marginal_cost\nwind,A,200,0\ngas,A,1000,50\n"},
          {"generators-p_max_pu.csv", "snapshot,wind\n2030-01-01 00:00:00,0.5\n2030-01-01 02:00:00,0.25\n"}};
}

}  // namespace

TEST(CliPyPsa, ResolutionResamplesANetworkAsByHand) {
  const fs::path hourly = network(four_hours()), by_hand = network(two_blocks());
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  ASSERT_EQ(run_command(program + " -q run " + hourly.string() + " --out " + (out / "native").string(), &log), 0) << log;
  EXPECT_NEAR(objective(out / "native"), 8500.0, 1e-6);
  ASSERT_EQ(run_command(program + " -q run " + hourly.string() + " --resolution 2h --out " + (out / "2h").string(), &log), 0)
      << log;
  ASSERT_EQ(run_command(program + " -q run " + by_hand.string() + " --out " + (out / "hand").string(), &log), 0) << log;
  EXPECT_NEAR(objective(out / "2h"), 5000.0, 1e-6);
  EXPECT_NEAR(objective(out / "hand"), objective(out / "2h"), 1e-9);
  // 1h is the network's own step: nothing changes.
  ASSERT_EQ(run_command(program + " -q run " + hourly.string() + " --resolution 1h --out " + (out / "1h").string(), &log), 0)
      << log;
  EXPECT_NEAR(objective(out / "1h"), 8500.0, 1e-6);
  fs::remove_all(hourly);
  fs::remove_all(by_hand);
  fs::remove_all(out);
}

TEST(CliPyPsa, ResolutionThatCutsABlockOrAnIrregularStepIsAnError) {
  const fs::path hourly = network(four_hours());
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  EXPECT_EQ(run_command(program + " run " + hourly.string() + " --resolution 3h --out " + (out / "a").string(), &log), 2)
      << log;
  EXPECT_NE(log.find("snapshots.csv"), std::string::npos) << log;
  EXPECT_NE(log.find("not a whole number of blocks"), std::string::npos) << log;
  EXPECT_EQ(run_command(program + " run " + hourly.string() + " --resolution 1.5h --out " + (out / "b").string(), &log), 2)
      << log;
  EXPECT_NE(log.find("whole multiple"), std::string::npos) << log;
  auto files = four_hours();
  files["snapshots.csv"] =
      "snapshot,objective,stores,generators\n2030-01-01 00:00:00,1,1,1\n2030-01-01 01:00:00,1,1,1\n"
      "2030-01-01 02:00:00,2,2,2\n2030-01-01 04:00:00,1,1,1\n";
  files["loads-p_set.csv"] =
      "snapshot,load\n2030-01-01 00:00:00,100\n2030-01-01 01:00:00,50\n2030-01-01 02:00:00,80\n2030-01-01 04:00:00,120\n";
  files["generators-p_max_pu.csv"] =
      "snapshot,wind\n2030-01-01 00:00:00,1\n2030-01-01 01:00:00,0\n2030-01-01 02:00:00,0.5\n2030-01-01 04:00:00,0\n";
  const fs::path irregular = network(files);
  EXPECT_EQ(run_command(program + " run " + irregular.string() + " --resolution 2h --out " + (out / "c").string(), &log), 2)
      << log;
  EXPECT_NE(log.find("not on a regular step"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(out / "a"));
  fs::remove_all(hourly);
  fs::remove_all(irregular);
  fs::remove_all(out);
}

TEST(CliPyPsa, SeedOnANetworkWarns) {
  const fs::path hourly = network(four_hours());
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  ASSERT_EQ(run_command(program + " run " + hourly.string() + " --seed 7 --out " + (out / "r").string(), &log), 0) << log;
  EXPECT_NE(log.find("--seed has no effect: the network has no generated weather"), std::string::npos) << log;
  EXPECT_NEAR(objective(out / "r"), 8500.0, 1e-6);
  fs::remove_all(hourly);
  fs::remove_all(out);
}

TEST(CliPyPsa, AScenarioOnANetworkIsAnError) {
  const fs::path hourly = network(four_hours());
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  EXPECT_EQ(run_command(program + " run " + hourly.string() + " --scenario economic --out " + (out / "r").string(), &log), 2) << log;
  EXPECT_NE(log.find("a PyPSA network has no scenarios"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(out / "r"));
  fs::remove_all(hourly);
  fs::remove_all(out);
}

TEST(CliPyPsa, StrictMakesAnUnknownAttributeAnError) {
  auto files = four_hours();
  files["generators.csv"] = "name,bus,p_nom,marginal_cost,colour_code\nwind,A,200,0,3\ngas,A,1000,50,4\n";
  const fs::path dir = network(files);
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  ASSERT_EQ(run_command(program + " run " + dir.string() + " --out " + (out / "lax").string(), &log), 0) << log;
  EXPECT_EQ(log.find("colour_code"), std::string::npos) << log;  // metadata: silent, as in PyPSA
  EXPECT_EQ(run_command(program + " run " + dir.string() + " --strict --out " + (out / "strict").string(), &log), 2) << log;
  EXPECT_NE(log.find("generators.csv:1:5"), std::string::npos) << log;
  EXPECT_NE(log.find("colour_code"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(out / "strict"));
  fs::remove_all(dir);
  fs::remove_all(out);
}

// A PyPSA network (no load shedding: VOLL infinite) goes through the same decomposition:
// subperiods of 2 hours give the hand value 8,500 EUR.
TEST(CliPyPsa, DecomposedNetworkGivesTheHandValue) {
  const fs::path hourly = network(four_hours());
  const fs::path out = temp_dir("silkgrid-cli-pypsa-out");
  std::string log;
  ASSERT_EQ(run_command(program + " -q run " + hourly.string() + " --decompose benders --subperiod-hours 2 --gap 1e-9 --out " +
                            (out / "b").string(),
                        &log),
            0)
      << log;
  EXPECT_NEAR(objective(out / "b"), 8500.0, 1e-5);
  EXPECT_TRUE(fs::exists(out / "b" / "decomposition.csv"));
  fs::remove_all(hourly);
  fs::remove_all(out);
}
