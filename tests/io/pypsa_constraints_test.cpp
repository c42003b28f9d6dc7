// silkgrid_constraints.py: what the CSV format cannot hold (capacity ties of two-way links,
// regional CO2 caps, renewable shares of listed carriers, capacity limits, storage level
// limits), its text against a stored expectation, and the constraints it encodes solved
// through silkgrid's own PyPSA reader against hand values.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/logger.hpp"
#include "io/pypsa_constraints.hpp"
#include "io/pypsa_writer.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Seven independent regions over two hourly snapshots, each with a hand value:
//   A, B  wind at A in hour 1 only, at B in hour 2 only; B needs 90 MW in hour 1, A 135 MW in
//         hour 2; a two-way cable (efficiency 0.9, 50 EUR/MW-year, extendable) carries it:
//         100 MW sent forward, 150 MW back, one capacity F = 150: 150 · 50 = 7,500 EUR
//         (untied, PyPSA's reverse link would be free: F = 100, 5,000 EUR);
//   C     100 MW each hour, gas at 20 EUR/MWh and 0.5 t/MWh under a cap over C of 20 t: 40 MWh of
//         gas, 160 MWh of biomass at 80: 800 + 12,800 = 13,600 EUR;
//   D     50 MW each hour from gas, emitting 50 t outside the cap: 2,000 EUR;
//   E     100 MW each hour; at least 30 % of it from wind (50 EUR/MWh) though solar (30) is
//         renewable too and cheaper: 60 · 50 + 140 · 20 = 5,800 EUR;
//   F     100 MW each hour; wind at most 40 MW (10 existing + 30 new at 10 EUR/MW-year),
//         solar at least 5 MW (at 100 EUR/MW-year): 300 + 500 + (200 − 80 − 10) · 20 = 3,000 EUR;
//   G     20 MW each hour; a battery of 10 MW × 4 h holding 36 MWh, its level within
//         [0.875, 0.625] · 40 MWh at least (hours 1, 2) and 0.95 · 40 at most: it gives 1 + 10 MWh,
//         gas at 100 EUR/MWh the other 29: 2,900 EUR.
// In all: 34,800 EUR.
constexpr double hand_objective = 7500 + 13600 + 2000 + 5800 + 3000 + 2900;

model::Study carried_study() {
  auto study = test::study_from(R"(
study: {name: carried, timeseries: series.csv, voll_eur_per_mwh: 10000}
carriers:
  - {name: gas, co2_t_per_mwh_fuel: 0.2}
  - {name: oil}
  - {name: biomass}
  - {name: wind, renewable: true}
  - {name: solar, renewable: true}
regions: [{name: A, country: AZ}, {name: B, country: GE}, {name: C, country: RO}, {name: D, country: HU}, {name: E, country: KZ}, {name: F, country: UZ}, {name: G, country: TR}]
loads:
  - {name: load-A, region: A, p_mw: load_a}
  - {name: load-B, region: B, p_mw: load_b}
  - {name: load-C, region: C, p_mw: 100}
  - {name: load-D, region: D, p_mw: 50}
  - {name: load-E, region: E, p_mw: 100}
  - {name: load-F, region: F, p_mw: 100}
  - {name: load-G, region: G, p_mw: 20}
generators:
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 1000, p_max_pu: wind_a}
  - {name: wind-B, region: B, carrier: wind, p_nom_mw: 1000, p_max_pu: wind_b}
  - {name: oil-A, region: A, carrier: oil, p_nom_mw: 1000, vom_eur_per_mwh: 100}
  - {name: oil-B, region: B, carrier: oil, p_nom_mw: 1000, vom_eur_per_mwh: 100}
  - {name: gas-C, region: C, carrier: gas, p_nom_mw: 1000, efficiency: 0.4, fuel_eur_per_mwh_fuel: 8}
  - {name: biomass-C, region: C, carrier: biomass, p_nom_mw: 1000, vom_eur_per_mwh: 80}
  - {name: gas-D, region: D, carrier: gas, p_nom_mw: 1000, efficiency: 0.4, fuel_eur_per_mwh_fuel: 8}
  - {name: gas-E, region: E, carrier: gas, p_nom_mw: 1000, efficiency: 0.4, fuel_eur_per_mwh_fuel: 8}
  - {name: wind-E, region: E, carrier: wind, p_nom_mw: 1000, vom_eur_per_mwh: 50}
  - {name: solar-E, region: E, carrier: solar, p_nom_mw: 1000, vom_eur_per_mwh: 30}
  - {name: gas-F, region: F, carrier: gas, p_nom_mw: 1000, efficiency: 0.4, fuel_eur_per_mwh_fuel: 8}
  - {name: wind-F, region: F, carrier: wind, p_nom_mw: 10}
  - {name: wind-F-new, region: F, carrier: wind, extendable: true, capital_cost_eur_per_mw_year: 10}
  - {name: solar-F, region: F, carrier: solar, extendable: true, capital_cost_eur_per_mw_year: 100}
  - {name: oil-G, region: G, carrier: oil, p_nom_mw: 1000, vom_eur_per_mwh: 100}
links:
  - {name: cable-AB, from: A, to: B, extendable: true, efficiency: 0.9, capital_cost_eur_per_mw_year: 50}
storage:
  - {name: battery-G, region: G, p_nom_mw: 10, max_hours: 4, cyclic: false, initial_mwh: 36}
policies:
  - {kind: co2_cap, name: cap-C, regions: [C], t_per_year: 20}
  - {kind: min_renewable_share, name: wind-E, regions: [E], carriers: [wind], share: 0.3}
  - {kind: max_capacity, name: wind-F-at-most, regions: [F], carrier: wind, mw: 40}
  - {kind: min_capacity, name: solar-F-at-least, regions: [F], carrier: solar, mw: 5}
)",
                                {{"series.csv", "timestamp,load_a,load_b,wind_a,wind_b,battery_min\n"
                                                "2030-01-01T00:00,0,90,1,0,0.875\n"
                                                "2030-01-01T01:00,135,0,0,1,0.625\n"}});
  // Level limits of a storage unit: no study key sets them (PyPSA's stores have e_min_pu), the
  // model holds them.
  const std::size_t battery = test::index_of(study.storage.name, "battery-G");
  study.storage.level_min_pu[battery] = model::Profile{0.0, study.series.find("battery_min"), 1.0};
  study.storage.level_max_pu[battery] = model::Profile::fixed(0.95);
  return study;
}

const fs::path golden = fs::path(SILKGRID_SOURCE_DIR) / "tests" / "io" / "golden" / "silkgrid_constraints.py";

}  // namespace

TEST(PyPsaConstraints, TheStudySolvesToItsHandValue) {
  const auto r = test::solve(carried_study());
  ASSERT_EQ(r.status, "optimal");
  EXPECT_NEAR(r.objective_eur, hand_objective, 1e-6 * hand_objective);
}

// The module's text for the study above, as stored: every table, in order, one constraint a line.
TEST(PyPsaConstraints, ModuleTextMatchesTheStoredExpectation) {
  const std::string dir = test::temp_dir("silkgrid-module");
  auto log = quiet();
  const io::PyPsaConstraints carried = io::write_pypsa_folder(dir, carried_study(), nullptr, log);
  EXPECT_EQ(carried.ties.size(), 1u);
  EXPECT_EQ(carried.co2_caps.size(), 1u);
  EXPECT_EQ(carried.renewable_shares.size(), 1u);
  EXPECT_EQ(carried.capacity_limits.size(), 2u);
  EXPECT_EQ(carried.storage_levels.size(), 1u);
  const std::string text = read_text(fs::path(dir) / "silkgrid_constraints.py");
  const std::string expected = read_text(golden);
  ASSERT_FALSE(expected.empty()) << golden;
  if (text != expected) {
    const fs::path actual = fs::temp_directory_path() / "silkgrid_constraints.actual.py";
    write_text(actual, text);
    ADD_FAILURE() << "silkgrid_constraints.py differs from " << golden << "; this run's text is in " << actual;
  }
  // The table is the same data to Python (a literal) and to JSON, where Python is here.
  if (test::run_command("python3 -c 'import ast, json' 2>/dev/null") == 0) {
    const std::string check =
        "python3 -c \"import ast, json, sys; s = open(sys.argv[1]).read(); compile(s, sys.argv[1], 'exec'); "
        "a = s.index('CONSTRAINTS = {') + 14; b = s.index('}  # end of CONSTRAINTS') + 1; "
        "sys.exit(0 if ast.literal_eval(s[a:b]) == json.loads(s[a:b]) else 1)\" " +
        (fs::path(dir) / "silkgrid_constraints.py").string();
    std::string out;
    EXPECT_EQ(test::run_command(check, &out), 0) << out;
  }
  fs::remove_all(dir);
}

// Through silkgrid's own reader: the folder with its module solves to the study's optimum (each
// region's hand value); without the module the CSV files alone are a looser problem.
TEST(PyPsaConstraints, ConvertedFolderWithTheModuleSolvesAsTheStudy) {
  const std::string dir = test::temp_dir("silkgrid-module");
  auto log = quiet();
  io::write_pypsa_folder(dir, carried_study(), nullptr, log);
  const auto again = io::read_study(dir, log);
  // The two one-way links are one two-way link again, with one capacity.
  ASSERT_EQ(again.links.size(), 1u);
  EXPECT_TRUE(again.links.bidirectional[0]);
  EXPECT_EQ(again.policies.size(), 4u);
  const auto r = test::solve(again);
  ASSERT_EQ(r.status, "optimal");
  EXPECT_NEAR(r.objective_eur, hand_objective, 1e-6 * hand_objective);
  EXPECT_NEAR(r.link_capacity_mw[0], 150.0, 1e-6);
  const std::size_t battery = test::index_of(again.storage.name, "battery-G");
  EXPECT_NEAR(r.storage_soc(battery, 0), 35.0, 1e-6);
  EXPECT_NEAR(r.storage_soc(battery, 1), 25.0, 1e-6);

  // Without it: the reverse link is free (5,000 instead of 7,500), no cap on C (200 MWh of gas:
  // 4,000 instead of 13,600), no share on E (gas: 4,000 instead of 5,800), no capacity limits on
  // F (100 MW of new wind: 900 + 0 instead of 3,000), no level limits on G (2,000 instead of 2,900).
  fs::remove(fs::path(dir) / "silkgrid_constraints.py");
  const auto bare = test::solve(io::read_study(dir, log));
  EXPECT_NEAR(bare.objective_eur, 5000 + 4000 + 2000 + 4000 + 900 + 2000, 1e-6 * hand_objective);
  fs::remove_all(dir);
}

// A module whose table names what the folder does not hold, or ties links that are not one
// two-way link's two directions, is an input error naming the module, the line and the key.
TEST(PyPsaConstraints, BadTablesAreErrorsNamingTheModule) {
  const std::string dir = test::temp_dir("silkgrid-module");
  auto log = quiet();
  io::write_pypsa_folder(dir, carried_study(), nullptr, log);
  const fs::path module = fs::path(dir) / "silkgrid_constraints.py";
  const std::string original = read_text(module);
  const auto error_of = [&](const std::string& from, const std::string& to) {
    std::string text = original;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    write_text(module, text);
    std::string what;
    try {
      io::read_study(dir, log);
    } catch (const core::Error& e) {
      what = e.what();
    }
    write_text(module, original);
    return what;
  };
  std::string what = error_of("\"buses\":[\"C\"]", "\"buses\":[\"Z\"]");
  EXPECT_NE(what.find("silkgrid_constraints.py:"), std::string::npos) << what;
  EXPECT_NE(what.find("co2_caps"), std::string::npos) << what;
  EXPECT_NE(what.find("'Z'"), std::string::npos) << what;
  what = error_of("\"links\":[\"cable-AB\",\"cable-AB-reverse\"]", "\"links\":[\"cable-AB\",\"wind-A\"]");
  EXPECT_NE(what.find("capacity_ties"), std::string::npos) << what;
  EXPECT_NE(what.find("wind-A"), std::string::npos) << what;
  what = error_of("\"share\":0.3", "\"share\":\"high\"");
  EXPECT_NE(what.find("renewable_shares.share"), std::string::npos) << what;
  what = error_of("}  # end of CONSTRAINTS", "]  # end of CONSTRAINTS");
  EXPECT_NE(what.find("CONSTRAINTS"), std::string::npos) << what;
  // The reverse link's efficiency edited: no longer one two-way link.
  const fs::path links = fs::path(dir) / "links.csv";
  const std::string table = read_text(links);
  std::string edited = table;
  const std::string reverse_row = "cable-AB-reverse,B,A,0,True,0,inf,0.9";
  const auto row = edited.find(reverse_row);
  ASSERT_NE(row, std::string::npos) << table;
  edited.replace(row, reverse_row.size(), "cable-AB-reverse,B,A,0,True,0,inf,0.8");
  write_text(links, edited);
  what.clear();
  try {
    io::read_study(dir, log);
  } catch (const core::Error& e) {
    what = e.what();
  }
  EXPECT_NE(what.find("silkgrid_constraints.py"), std::string::npos) << what;
  EXPECT_NE(what.find("efficiency"), std::string::npos) << what;
  fs::remove_all(dir);
}
