// Writing PyPSA CSV folders: `convert --to pypsa`, PyPSA-style results, and round trips.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/logger.hpp"
#include "io/csv.hpp"
#include "io/pypsa_writer.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {
const std::string program = SILKGRID_BINARY;

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}

io::CsvTable read_csv(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return io::parse_csv(text.str(), path.string());
}

// The value in `column` of the row whose first field is `row` (or of row index `row_index`).
std::string cell(const io::CsvTable& t, const std::string& row, const std::string& column) {
  std::size_t j = 0;
  while (j < t.header.size() && t.header[j] != column) ++j;
  EXPECT_LT(j, t.header.size()) << column << " in " << t.file;
  for (const auto& r : t.rows)
    if (r[0] == row && j < r.size()) return r[j];
  ADD_FAILURE() << "no row " << row << " in " << t.file;
  return "";
}

double objective_of(const fs::path& run) {
  std::ifstream in(run / "summary.json");
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  const auto at = s.find("\"objective_eur\":");
  EXPECT_NE(at, std::string::npos);
  return std::stod(s.substr(at + 16));
}

std::string series_csv() {
  std::string csv = "timestamp,solar,load,price\n";
  for (int t = 0; t < 24; ++t) {
    const double solar = t >= 6 && t < 18 ? std::sin((t - 6) * 3.14159265358979 / 12.0) : 0.0;
    csv += fmt::format("2030-06-01T{:02d}:00,{},{},{}\n", t, solar, 150 + 40 * std::cos(t / 24.0 * 6.2831853),
                       t < 8 ? 30 : t < 20 ? 90 : 60);
  }
  return csv;
}
}  // namespace

// Everything here has an exact PyPSA equivalent (markets as generators and sinks, load
// shedding at the value of lost load, a fixed lossy two-way link as two links, a lossless one
// as one reversible link, lines, storage with inflow and an initial level, a CO2 cap over every
// region): the PyPSA folder reaches the same optimum, with no warning.
TEST(PyPsaExport, StudyConvertsToAPyPsaFolderWithTheSameOptimum) {
  const auto study = test::study_from(R"(
study: {name: exact, snapshots: 24, timeseries: series.csv, voll_eur_per_mwh: 3000, discount_rate: 0.07}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: solar, renewable: true}, {name: hydro, renewable: true}]
regions: [{name: A, country: AZ}, {name: B, country: GE}, {name: C, country: RO}]
loads:
  - {name: load-A, region: A, p_mw: load}
  - {name: load-B, region: B, p_mw: 100}
  - {name: load-C, region: C, p_mw: 60}
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30, vom_eur_per_mwh: 2}
  - {name: solar-B, region: B, carrier: solar, extendable: true, p_nom_max_mw: 400, capex_eur_per_kw: 500,
     lifetime_years: 25, fom_pct_per_year: 1.5, p_max_pu: solar}
  - {name: gas-C, region: C, carrier: gas, p_nom_mw: 20, efficiency: 0.4, fuel_eur_per_mwh_fuel: 30}
links:
  - {name: AB, from: A, to: B, p_nom_mw: 120, efficiency: 0.95}
  - {name: BC, from: B, to: C, p_nom_mw: 15, efficiency: 1.0}
lines:
  - {name: AC, from: A, to: C, x_ohm: 10, v_nom_kv: 220, p_nom_mw: 10}
storage:
  - {name: battery-B, region: B, p_nom_mw: 50, max_hours: 4, efficiency_store: 0.95, efficiency_dispatch: 0.95,
     cyclic: false, initial_mwh: 100}
  - {name: dam-C, region: C, p_nom_mw: 10, max_hours: 20, inflow_mw: 4, spill_cost_eur_per_mwh: 0.5, standing_loss_per_hour: 0.001}
markets:
  - {name: eu, region: A, import_price_eur_per_mwh: price, max_import_mw: 40, export_price_eur_per_mwh: price, max_export_mw: 30}
policies:
  - {kind: co2_cap, name: cap, regions: [A, B, C], t_per_year: 700}
)",
                                      {{"series.csv", series_csv()}});
  const auto r = test::solve(study);
  ASSERT_EQ(r.status, "optimal");
  EXPECT_GT(r.unserved_mwh(), 0.0);  // load shedding is part of the optimum
  const std::string dir = test::temp_dir("silkgrid-convert");
  std::string log_text;
  auto log = core::capturing_logger(log_text, core::LogLevel::warning);
  const auto warnings = io::write_pypsa_folder(dir, study, nullptr, log);
  EXPECT_TRUE(warnings.empty()) << log_text;
  auto silent = quiet();
  const auto again = io::read_study(dir, silent);
  const auto r2 = test::solve(again);
  EXPECT_NEAR(r2.objective_eur, r.objective_eur, 1e-8 * std::abs(r.objective_eur));
  // Markets and shedding became generators: 3 + eu import, eu export, shedding at A, B, C.
  EXPECT_EQ(again.generators.size(), 8u);
  EXPECT_EQ(again.links.size(), 3u);  // AB both ways, BC once (reversible)
  fs::remove_all(dir);
}

// What the CSV files cannot hold goes into silkgrid_constraints.py, without a warning: the tie of
// the lossy two-way extendable cable, the share of B (its renewable carriers named), the cap over A.
TEST(PyPsaExport, WhatTheCsvCannotHoldGoesIntoTheModule) {
  const auto study = test::study_from(R"(
study: {name: inexact, snapshots: 1}
carriers: [{name: gas}, {name: wind, renewable: true}]
regions: [{name: A, country: AZ}, {name: B, country: GE}]
loads: [{name: load-B, region: B, p_mw: 10}]
generators:
  - {name: g, region: A, carrier: gas, p_nom_mw: 100}
  - {name: w, region: B, carrier: wind, p_nom_mw: 5}
links:
  - {name: cable, from: A, to: B, extendable: true, capex_eur_per_mw_km: 1000, length_km: 100, lifetime_years: 40,
     efficiency: 0.97}
policies:
  - {kind: min_renewable_share, name: green, regions: [B], share: 0.3}
  - {kind: co2_cap, name: a-only, regions: [A], t_per_year: 10}
)");
  const std::string dir = test::temp_dir("silkgrid-convert");
  std::string log_text;
  auto log = core::capturing_logger(log_text, core::LogLevel::warning);
  const io::PyPsaConstraints carried = io::write_pypsa_folder(dir, study, nullptr, log);
  EXPECT_TRUE(log_text.empty()) << log_text;
  ASSERT_EQ(carried.size(), 3u);
  ASSERT_EQ(carried.ties.size(), 1u);
  EXPECT_EQ(carried.ties[0].forward, "cable");
  EXPECT_EQ(carried.ties[0].reverse, "cable-reverse");
  ASSERT_EQ(carried.renewable_shares.size(), 1u);
  EXPECT_EQ(carried.renewable_shares[0].name, "green");
  EXPECT_EQ(carried.renewable_shares[0].carriers, std::vector<std::string>{"wind"});
  EXPECT_EQ(carried.renewable_shares[0].buses, std::vector<std::string>{"B"});
  ASSERT_EQ(carried.co2_caps.size(), 1u);
  EXPECT_EQ(carried.co2_caps[0].buses, std::vector<std::string>{"A"});
  EXPECT_EQ(carried.co2_caps[0].t_per_year, 10.0);
  EXPECT_TRUE(read_csv(fs::path(dir) / "global_constraints.csv").rows.empty());  // not network-wide
  fs::remove_all(dir);
}

// `run` on a PyPSA folder also writes a solved PyPSA network: static tables with the optimal
// capacities, output series, prices; and that folder runs again to the same optimum.
TEST(PyPsaExport, RunOnAPyPsaFolderWritesPyPsaStyleResults) {
  const std::string net = test::temp_dir("silkgrid-net");
  const std::map<std::string, std::string> files = {
      {"snapshots.csv", "snapshot,objective,stores,generators\n2030-01-01 00:00,1,1,1\n2030-01-01 01:00,1,1,1\n"},
      {"buses.csv", "name,v_nom\nA,1\nB,1\nC,1\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost,p_nom_extendable,capital_cost\n"
                         "g,A,1000,10,False,0\npeak,C,0,200,True,5\n"},
      {"generators-p_max_pu.csv", "snapshot,g\n2030-01-01 00:00,1\n2030-01-01 01:00,0.5\n"},
      {"loads.csv", "name,bus,p_set\nload,C,90\n"},
      {"lines.csv", "name,bus0,bus1,x,s_nom\nBC,B,C,1,1000\nAC,A,C,1,1000\n"},
      {"transformers.csv", "name,bus0,bus1,x,s_nom,tap_ratio\nT,A,B,50,100,2\n"},
      {"storage_units.csv", "name,bus,p_nom,max_hours,cyclic_state_of_charge\nbattery,C,20,2,True\n"},
      {"stores.csv", "name,bus,e_nom,e_cyclic\ntank,C,10,True\n"},
  };
  for (const auto& [name, content] : files) std::ofstream(net + "/" + name) << content;
  const std::string out = test::temp_dir("silkgrid-out") + "/run";
  std::string output;
  ASSERT_EQ(test::run_command(program + " -q run " + net + " --out " + out, &output), 0) << output;
  for (const char* name : {"generators-p.csv", "lines-p0.csv", "transformers-p0.csv",
                           "storage_units-state_of_charge.csv", "stores-e.csv", "buses-marginal_price.csv", "generators.csv",
                           "lines.csv", "stores.csv", "storage_units.csv", "snapshots.csv"})
    EXPECT_TRUE(fs::exists(fs::path(out) / name)) << name;
  // What A sends splits 2 : 1 between A→C and A→B→C by the impedances (1 against 1 + 1).
  const auto lines_p0 = read_csv(fs::path(out) / "lines-p0.csv");
  ASSERT_EQ(lines_p0.rows.size(), 2u);
  EXPECT_EQ(lines_p0.rows[0][0], "2030-01-01 00:00");
  const double direct = std::stod(cell(lines_p0, "2030-01-01 00:00", "AC"));
  EXPECT_GT(direct, 1.0);
  EXPECT_NEAR(std::stod(cell(read_csv(fs::path(out) / "transformers-p0.csv"), "2030-01-01 00:00", "T")), direct / 2, 1e-6);
  EXPECT_NEAR(std::stod(cell(read_csv(fs::path(out) / "lines-p1.csv"), "2030-01-01 00:00", "AC")), -direct, 1e-9);
  // Hour 1: g has 500 MW, enough: the peaker is not built, the price is g's 10 EUR/MWh.
  EXPECT_NEAR(std::stod(cell(read_csv(fs::path(out) / "generators.csv"), "peak", "p_nom_opt")), 0.0, 1e-6);
  EXPECT_NEAR(std::stod(cell(read_csv(fs::path(out) / "buses-marginal_price.csv"), "2030-01-01 01:00", "C")), 10.0, 1e-6);
  EXPECT_NEAR(std::stod(cell(read_csv(fs::path(out) / "stores.csv"), "tank", "e_nom_opt")), 10.0, 1e-9);
  // The result folder is itself a PyPSA network: it runs again to the same optimum.
  const std::string again = out + "-again";
  ASSERT_EQ(test::run_command(program + " -q run " + out + " --out " + again, &output), 0) << output;
  EXPECT_NEAR(objective_of(again), objective_of(out), 1e-9 * std::abs(objective_of(out)));
  EXPECT_NEAR(objective_of(out), 2 * 90 * 10.0, 1e-6);
  fs::remove_all(net);
  fs::remove_all(fs::path(out).parent_path());
}

TEST(PyPsaExport, ConvertedCorridorSolvesToRunsOptimumAndUnrelatedFoldersAreRefused) {
  const std::string base = test::temp_dir("silkgrid-convert");
  std::string output;
  ASSERT_EQ(test::run_command(program + " convert --to pypsa " + base + "/corridor --resolution 24h", &output), 0) << output;
  // The corridor's 4 lossy two-way cables and 3 renewable targets are the module's.
  EXPECT_NE(output.find("7 constraints in silkgrid_constraints.py"), std::string::npos) << output;
  EXPECT_EQ(output.find("warning"), std::string::npos) << output;
  EXPECT_TRUE(fs::exists(fs::path(base) / "corridor" / "generators-p_max_pu.csv"));
  EXPECT_TRUE(fs::exists(fs::path(base) / "corridor" / "silkgrid_constraints.py"));
  const auto network = read_csv(fs::path(base) / "corridor" / "network.csv");
  EXPECT_EQ(cell(network, "corridor", "pypsa_version"), "0.26.3");
  const auto buses = read_csv(fs::path(base) / "corridor" / "buses.csv");
  EXPECT_EQ(buses.rows.size(), 8u);
  // The issue's round trip: the converted corridor (13 projects under their finance, the ties,
  // the shares) solves through silkgrid's PyPSA reader to run's optimum.
  ASSERT_EQ(test::run_command(program + " -q run --resolution 24h --out " + base + "/run", &output), 0) << output;
  ASSERT_EQ(test::run_command(program + " -q run " + base + "/corridor --out " + base + "/again", &output), 0) << output;
  const double optimum = objective_of(fs::path(base) / "run");
  EXPECT_NEAR(objective_of(fs::path(base) / "again"), optimum, 1e-6 * optimum);
  std::ofstream(base + "/mine.txt") << "keep me";
  EXPECT_NE(test::run_command(program + " convert builtin:demo --to pypsa " + base, &output), 0);
  EXPECT_TRUE(fs::exists(fs::path(base) / "mine.txt"));
  EXPECT_EQ(test::run_command(program + " convert builtin:demo --to excel " + base + "/x", &output), 64) << output;
  fs::remove_all(base);
}

// The generators silkgrid makes up for a market are called "<market>-import" and
// "<market>-export": a study generator of that name would make generators.csv hold one name
// twice (PyPSA refuses that, and results would mix up the two), so the export is refused.
TEST(PyPsaExport, MadeUpNamesThatMeetTheStudysOwnAreRefused) {
  const auto study = test::study_from(R"(
study: {name: clash, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 10}]
generators: [{name: eu-import, region: A, carrier: gas, p_nom_mw: 100}]
markets: [{name: eu, region: A, import_price_eur_per_mwh: 50, max_import_mw: 40}]
)");
  const std::string dir = test::temp_dir("silkgrid-convert-clash");
  auto log = quiet();
  std::string what;
  try {
    io::write_pypsa_folder(dir, study, nullptr, log);
  } catch (const core::Error& e) {
    what = e.what();
  }
  EXPECT_NE(what.find("generators.csv would hold two components named 'eu-import'"), std::string::npos) << what;
  EXPECT_FALSE(fs::exists(fs::path(dir) / "generators.csv"));
  fs::remove_all(dir);
}

namespace {
double annuity_factor_by_hand(double rate, double years) { return rate / (1.0 - std::pow(1.0 + rate, -years)); }
}  // namespace

// `convert` writes the capital cost that `run` optimises: a project's asset at its project's
// blended rate, net of its grant. Wind (1,000 EUR/kW, 20 years, 2 % fixed O&M) financed 20 %
// by a grant, 50 % by a concessional loan at 2 % and 30 % by equity at 10 %: WACC
// (0.5 · 2 % + 0.3 · 10 %) / 0.8 = 5 %, annuity 1e6 · (0.8 · AF(5 %, 20) + 0.02) per MW-year.
// One hour of 100 MW: the 50 MW of gas (60 EUR/MWh) run, wind builds the other 50 MW. Under
// --finance none the wind is at the study's 7 %, no grant; under commercial the grant and the
// concessional loan become commercial debt at 9 %: WACC 0.2 · 9 % + 0.5 · 9 % + 0.3 · 10 % = 9.3 %,
// and the other wind (1,100 EUR/kW at 7 %) is the cheaper one to build.
TEST(PyPsaExport, ConvertWritesTheAnnuityThatRunOptimisesUnderProjectFinance) {
  const fs::path base = test::temp_dir("silkgrid-convert-finance");
  fs::create_directories(base / "study");
  std::ofstream(base / "study" / "study.yaml") << R"(
study: {name: financed, snapshots: 1, discount_rate: 0.07, voll_eur_per_mwh: 1000000}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 50, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30}
  - {name: wind, region: A, carrier: wind, extendable: true, capex_eur_per_kw: 1000, lifetime_years: 20,
     fom_pct_per_year: 2}
  - {name: wind-plain, region: A, carrier: wind, extendable: true, capex_eur_per_kw: 1100, lifetime_years: 20,
     fom_pct_per_year: 2}
projects:
  - name: p-wind
    assets: [wind]
    finance:
      tranches:
        - {kind: grant, share: 0.2}
        - {kind: concessional_debt, share: 0.5, rate: 0.02, tenor_years: 20}
        - {kind: equity, share: 0.3, rate: 0.10}
)";
  const double as_given = 1e6 * (0.8 * annuity_factor_by_hand(0.05, 20) + 0.02);
  const double none = 1e6 * (annuity_factor_by_hand(0.07, 20) + 0.02);
  const double commercial = 1e6 * (annuity_factor_by_hand(0.093, 20) + 0.02);
  const double plain_other = 1.1e6 * (annuity_factor_by_hand(0.07, 20) + 0.02);  // no project: as always
  const std::string study = (base / "study").string();
  std::string output;
  for (const auto& [mode, wind_annuity] :
       std::vector<std::pair<std::string, double>>{{"", as_given}, {"none", none}, {"commercial", commercial}}) {
    SCOPED_TRACE("--finance " + mode);
    const std::string option = mode.empty() ? "" : " --finance " + mode;  // the default is run's: as-given
    const fs::path net = base / ("net" + mode), run = base / ("run" + mode), again = base / ("again" + mode);
    ASSERT_EQ(test::run_command(program + " -q run " + study + option + " --out " + run.string(), &output), 0) << output;
    ASSERT_EQ(test::run_command(program + " -q convert " + study + " --to pypsa " + net.string() + option, &output), 0)
        << output;
    ASSERT_EQ(test::run_command(program + " -q run " + net.string() + " --out " + again.string(), &output), 0) << output;
    // Commercial terms make the project's wind dearer than the plain one (131,980 > 125,832): it is built instead.
    const double hand = 50 * 60.0 + 50 * std::min(wind_annuity, plain_other);
    EXPECT_NEAR(objective_of(run), hand, 1e-6 * hand) << mode;
    EXPECT_NEAR(objective_of(again), objective_of(run), 1e-6 * hand) << mode;
    const auto generators = read_csv(net / "generators.csv");
    EXPECT_NEAR(std::stod(cell(generators, "wind", "capital_cost")), wind_annuity, 1e-6 * wind_annuity) << mode;
    EXPECT_NEAR(std::stod(cell(generators, "wind-plain", "capital_cost")), plain_other, 1e-6 * plain_other) << mode;
    // The folder says what its capital costs are.
    std::ifstream in(net / "README.txt");
    std::stringstream readme;
    readme << in.rdbuf();
    EXPECT_NE(readme.str().find("--finance " + (mode.empty() ? std::string("as-given") : mode)), std::string::npos)
        << readme.str();
    EXPECT_EQ(readme.str().find("wind-plain"), std::string::npos) << readme.str();  // no project finance
    const double wacc = mode.empty() ? 0.05 : mode == "none" ? 0.07 : 0.093;
    EXPECT_NE(readme.str().find(fmt::format("generators     wind                         {:>8.4f}", wacc)), std::string::npos)
        << readme.str();
  }
  EXPECT_EQ(test::run_command(program + " convert " + study + " --to pypsa " + (base / "x").string() + " --finance cheap",
                              &output),
            64)
      << output;
  fs::remove_all(base);
}
