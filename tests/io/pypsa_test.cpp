// PyPSA CSV folders: the same optimum as PyPSA.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "io/pypsa_reader.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {
const fs::path shared = fs::path(SILKGRID_SOURCE_DIR) / ".." / "shared" / "data" / "pypsa";

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}
}  // namespace

TEST(PyPsa, AcDcMeshedReachesPyPsasOptimum) {
  const fs::path folder = shared / "ac-dc-meshed";
  if (!fs::exists(folder)) GTEST_SKIP() << "no " << folder << " beside the project";
  auto log = quiet();
  ASSERT_TRUE(io::is_pypsa_folder(folder.string()));
  const model::Study study = io::read_study(folder.string(), log);
  EXPECT_EQ(study.regions.size(), 9u);
  EXPECT_EQ(study.lines.size(), 7u);
  const auto r = test::solve(study);
  // PyPSA's n.objective + n.objective_constant (shared/data/pypsa/README.md).
  EXPECT_NEAR(r.objective_eur, 18441021.4777, 1e-6 * 18441021.4777);
  // Reference capacities (unique here: silkgrid finds the same ones).
  const std::vector<std::pair<std::string, double>> generators = {
      {"Manchester Wind", 4090.81}, {"Norway Wind", 1533.60}, {"Frankfurt Wind", 1667.72}, {"Frankfurt Gas", 982.03}};
  for (const auto& [name, mw] : generators)
    EXPECT_NEAR(r.generator_capacity_mw[test::index_of(study.generators.name, name)], mw, 0.01) << name;
  const std::vector<std::pair<std::string, double>> links = {
      {"Norwich Converter", 1353.33}, {"Norway Converter", 1079.91}, {"Bremen Converter", 1570.66}};
  for (const auto& [name, mw] : links)
    EXPECT_NEAR(r.link_capacity_mw[test::index_of(study.links.name, name)], mw, 0.01) << name;
}

TEST(PyPsa, UnsupportedComponentsAreErrorsNotSilentlyDropped) {
  const std::string dir = test::temp_dir("silkgrid-pypsa");
  std::ofstream(dir + "/buses.csv") << "name,v_nom\nA,380\n";
  std::ofstream(dir + "/storage_units.csv") << "name,bus,p_nom\nbattery,A,10\n";
  auto log = quiet();
  try {
    io::read_study(dir, log);
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("storage_units.csv:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not supported yet"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

// PyPSA's reversible link: one flow p0 of either sign; bus0 gets −p0 and bus1 gets +η·p0, so
// sending backwards takes η·|p0| at bus1 and delivers |p0| at bus0.
TEST(PyPsa, ReversibleLinkAppliesTheEfficiencyBothWays) {
  const auto study = test::study_from(R"(
study: {name: reversible, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: A, country: X}, {name: B, country: X}]
loads: [{name: load-A, region: A, p_mw: 90}]
generators: [{name: g-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 10}]
links: [{name: k, from: A, to: B, p_nom_mw: 200, efficiency: 0.9, bidirectional: false, p_min_pu: -1}]
)");
  const auto r = test::solve(study);
  // A needs 90 MW: p0 = −90 (A gets +90), B supplies η·90 = 81 MW at 10 EUR/MWh.
  EXPECT_NEAR(r.link_forward(0, 0), -90.0, 1e-9);
  EXPECT_NEAR(r.objective_eur, 810.0, 1e-9);
}
