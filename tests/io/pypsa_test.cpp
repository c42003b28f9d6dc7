// PyPSA CSV folders: the same optimum as PyPSA.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "finance/annuity.hpp"
#include "io/csv.hpp"
#include "io/pypsa_reader.hpp"
#include "io/pypsa_writer.hpp"
#include "io/results_writer.hpp"
#include "io/study_reader.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
namespace fs = std::filesystem;

namespace {
const fs::path shared = fs::path(SILKGRID_SOURCE_DIR) / ".." / "shared" / "data" / "pypsa";

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}

// Writes a PyPSA CSV folder from {file name: content} into a fresh temporary folder.
std::string network(const std::map<std::string, std::string>& files) {
  const std::string dir = test::temp_dir("silkgrid-pypsa");
  for (const auto& [name, content] : files) std::ofstream(dir + "/" + name) << content;
  return dir;
}

struct Solved {
  model::Study study;
  model::Results results;
  std::string log;
};

Solved solve_network(const std::map<std::string, std::string>& files) {
  const std::string dir = network(files);
  Solved out;
  auto log = core::capturing_logger(out.log, core::LogLevel::warning);
  out.study = io::read_study(dir, log);
  out.results = test::solve(out.study);
  fs::remove_all(dir);
  // Round trip: written back as a PyPSA folder (with its results) and read again, every
  // network reaches the same optimum.
  const std::string again = test::temp_dir("silkgrid-pypsa-again");
  auto silent = quiet();
  const auto carried = io::write_pypsa_folder(again, out.study, &out.results, silent);
  // A PyPSA network's constraints fit its CSV files, but for a CO2 limit that counts a store by its
  // own carrier (silkgrid writes buses as AC or DC, and PyPSA counts a store by its bus's carrier).
  EXPECT_EQ(carried.size(), carried.co2_caps.size());
  const auto reread = io::read_study(again, silent);
  const auto resolved = test::solve(reread);
  EXPECT_NEAR(resolved.objective_eur, out.results.objective_eur, 1e-9 * (1.0 + std::abs(out.results.objective_eur)));
  fs::remove_all(again);
  return out;
}

std::string read_error(const std::map<std::string, std::string>& files) {
  const std::string dir = network(files);
  auto log = quiet();
  std::string what;
  try {
    io::read_study(dir, log);
  } catch (const core::Error& e) {
    what = e.what();
  }
  fs::remove_all(dir);
  return what;
}

// Two hours at one bus: 100 MW of load; a cheap generator (10 EUR/MWh) only in the first
// hour, a dear one (100 EUR/MWh) always.
std::map<std::string, std::string> two_hours(const std::string& storage_units) {
  return {{"snapshots.csv", "snapshot,objective,stores,generators\n0,1,1,1\n1,1,1,1\n"},
          {"buses.csv", "name,v_nom\nA,380\n"},
          {"loads.csv", "name,bus,p_set\nload,A,100\n"},
          {"generators.csv", "name,bus,p_nom,marginal_cost\ncheap,A,300,10\ndear,A,300,100\n"},
          {"generators-p_max_pu.csv", "snapshot,cheap\n0,1\n1,0\n"},
          {"storage_units.csv", storage_units}};
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
  // Import → export → import: the same optimum.
  const std::string again = test::temp_dir("silkgrid-acdc");
  EXPECT_TRUE(io::write_pypsa_folder(again, study, &r, log).empty());
  EXPECT_NEAR(test::solve(io::read_study(again, log)).objective_eur, 18441021.4777, 1e-6 * 18441021.4777);
  fs::remove_all(again);
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
  // In the summary: nothing sent forward; 81 MWh sent backwards from B; the "loss" is the
  // PyPSA gain of −9 MWh; 90 of 200 MW used.
  const auto link = io::summary_json(study, r)["links"][0];
  EXPECT_NEAR(link["forward_mwh"].get<double>(), 0.0, 1e-9);
  EXPECT_NEAR(link["backward_mwh"].get<double>(), 81.0, 1e-9);
  EXPECT_NEAR(link["losses_mwh"].get<double>(), -9.0, 1e-9);
  EXPECT_NEAR(link["utilisation"].get<double>(), 90.0 / 200.0, 1e-9);
}

// A storage unit of 50 MW and 2 h (100 MWh), efficiencies 0.9 each way, starting at 20 MWh.
// Hour 1 wants 50 MW from it: the level must be 50/0.9 = 55.56 MWh after hour 0, so it charges
// (55.56 − 20)/0.9 = 39.51 MW at 10 EUR/MWh. Cost: 139.51·10 + 50·100 = 6,395.06.
TEST(PyPsa, StorageUnitStartsFromItsInitialLevel) {
  const auto s = solve_network(two_hours(
      "name,bus,p_nom,max_hours,efficiency_store,efficiency_dispatch,state_of_charge_initial,cyclic_state_of_charge\n"
      "battery,A,50,2,0.9,0.9,20,False\n"));
  const double charge = (50.0 / 0.9 - 20.0) / 0.9;
  EXPECT_NEAR(s.results.storage_charge(0, 0), charge, 1e-6);
  EXPECT_NEAR(s.results.storage_discharge(0, 1), 50.0, 1e-6);
  EXPECT_NEAR(s.results.storage_soc(0, 1), 0.0, 1e-6);
  EXPECT_NEAR(s.results.objective_eur, (100.0 + charge) * 10.0 + 50.0 * 100.0, 1e-6);
}

// Cyclic: the initial level is ignored; the level after hour 1 feeds hour 0. Charging is
// capped at 50 MW: 45 MWh stored, 40.5 MW delivered. Cost: 150·10 + 59.5·100 = 7,450.
TEST(PyPsa, CyclicStorageUnitIgnoresTheInitialLevel) {
  const auto s = solve_network(two_hours(
      "name,bus,p_nom,max_hours,efficiency_store,efficiency_dispatch,state_of_charge_initial,cyclic_state_of_charge\n"
      "battery,A,50,2,0.9,0.9,20,True\n"));
  EXPECT_NEAR(s.results.storage_discharge(0, 1), 40.5, 1e-6);
  EXPECT_NEAR(s.results.objective_eur, 7450.0, 1e-6);
}

// state_of_charge_set fixes the level at 30 MWh after hour 1: charging 50 MW gives 65 MWh,
// so (65 − 30)·0.9 = 31.5 MW reach hour 1. Cost: 150·10 + 68.5·100 = 8,350.
TEST(PyPsa, StateOfChargeSetFixesTheLevel) {
  auto files = two_hours(
      "name,bus,p_nom,max_hours,efficiency_store,efficiency_dispatch,state_of_charge_initial\n"
      "battery,A,50,2,0.9,0.9,20\n");
  files["storage_units-state_of_charge_set.csv"] = "snapshot,battery\n0,\n1,30\n";
  const auto s = solve_network(files);
  EXPECT_NEAR(s.results.storage_soc(0, 1), 30.0, 1e-6);
  EXPECT_NEAR(s.results.objective_eur, 8350.0, 1e-6);
}

// The store weighting moves the level by 2 h per snapshot while the objective counts 1 h:
// 100 MWh hold 45 MW for "2 h" at 0.9; charging 44.44 MW for 2 h fills them from 20.
// Cost: (100 + 44.44)·10 + 55·100 = 6,944.44.
TEST(PyPsa, StoreWeightingIsTheHoursALevelMovesBy) {
  auto files = two_hours(
      "name,bus,p_nom,max_hours,efficiency_store,efficiency_dispatch,state_of_charge_initial\n"
      "battery,A,50,2,0.9,0.9,20\n");
  files["snapshots.csv"] = "snapshot,objective,stores,generators\n0,1,2,1\n1,1,2,1\n";
  const auto s = solve_network(files);
  EXPECT_NEAR(s.results.storage_discharge(0, 1), 45.0, 1e-6);
  EXPECT_NEAR(s.results.objective_eur, (100.0 + 80.0 / 1.8) * 10.0 + 55.0 * 100.0, 1e-6);
}

// A hydro unit with 80 MW of inflow each hour, 50 MW of load and a 20 MWh reservoir: of the
// 160 MWh, 100 are used and 20 can stay, so 40 MWh are spilled at 1 EUR/MWh.
TEST(PyPsa, InflowBeyondTheReservoirIsSpilled) {
  const auto s = solve_network({
      {"snapshots.csv", "snapshot,objective\n0,1\n1,1\n"},
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,50\n"},
      {"storage_units.csv", "name,bus,p_nom,max_hours,spill_cost,p_min_pu\nhydro,A,100,0.2,1,0\n"},
      {"storage_units-inflow.csv", "snapshot,hydro\n0,80\n1,80\n"},
  });
  EXPECT_NEAR(s.results.objective_eur, 40.0, 1e-6);
  EXPECT_NEAR(s.results.storage_spill(0, 0) + s.results.storage_spill(0, 1), 40.0, 1e-6);
  EXPECT_NEAR(s.results.storage_charge(0, 0) + s.results.storage_charge(0, 1), 0.0, 1e-6);  // p_min_pu 0: no pumping
}

// An extendable store (15 EUR/MWh), cyclic, losing 10 % per hour, with 1 EUR/MWh on its net
// dispatch p. Filling c MWh in hour 0 leaves 0.9·c for hour 1; each MWh filled costs 10 + 15
// and saves 0.9·50 = 45, so c = 100/0.9 = 111.11 and the dear plant is not needed.
// Cost: 211.11·10 + 111.11·15 + (−111.11 + 100)·1 = 3,766.67.
TEST(PyPsa, ExtendableCyclicStoreWithStandingLoss) {
  const auto s = solve_network({
      {"snapshots.csv", "snapshot,objective\n0,1\n1,1\n"},
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,100\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost\ncheap,A,300,10\ndear,A,300,50\n"},
      {"generators-p_max_pu.csv", "snapshot,cheap\n0,1\n1,0\n"},
      {"stores.csv", "name,bus,e_nom_extendable,capital_cost,e_cyclic,standing_loss,marginal_cost\n"
                     "tank,A,True,15,True,0.1,1\n"},
  });
  const double c = 100.0 / 0.9;
  EXPECT_NEAR(s.results.storage_energy_mwh[0], c, 1e-6);
  EXPECT_NEAR(s.results.storage_discharge(0, 0), -c, 1e-6);  // a store's p: negative when it fills
  EXPECT_NEAR(s.results.objective_eur, (100.0 + c) * 10.0 + c * 15.0 + (-c + 100.0) * 1.0, 1e-6);
}

// A gas store of 1,000 MWh (0.2 t/MWh) feeds a 50 % link; a CO2 limit of 30 t lets it deplete
// 150 MWh (75 MWh of power) of the 200 MWh needed; the rest comes at 100 EUR/MWh. One more
// tonne is 5 MWh of gas, 2.5 MWh of power, 250 EUR: the limit's shadow price.
TEST(PyPsa, CO2LimitCountsWhatANonCyclicStoreDepletes) {
  const auto s = solve_network({
      {"snapshots.csv", "snapshot,objective\n0,1\n1,1\n"},
      {"carriers.csv", "name,co2_emissions\ngas,0.2\n"},
      {"buses.csv", "name,carrier\nelec,AC\ngas,gas\n"},
      {"loads.csv", "name,bus,p_set\nload,elec,100\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost\nbackup,elec,1000,100\n"},
      {"links.csv", "name,bus0,bus1,p_nom,efficiency\nturbine,gas,elec,1000,0.5\n"},
      {"stores.csv", "name,bus,carrier,e_nom,e_initial\ngas-store,gas,gas,1000,1000\n"},
      {"global_constraints.csv", "name,type,carrier_attribute,sense,constant\nco2-limit,primary_energy,co2_emissions,<=,30\n"},
  });
  EXPECT_NEAR(s.results.objective_eur, 125.0 * 100.0, 1e-6);
  EXPECT_NEAR(s.results.storage_soc(0, 1), 850.0, 1e-6);
  EXPECT_NEAR(s.results.policy_shadow_price[0], 250.0, 1e-6);
}

// A transformer's x is per unit of its s_nom, times its tap ratio: x = 50 on 100 MVA with
// tap ratio 2 is 1.0 per unit, so A→B→C (1 + 1) against A→C (1) splits 90 MW as 30 : 60.
TEST(PyPsa, TransformerImpedanceIsPerUnitOfSNomTimesTapRatio) {
  const auto s = solve_network({
      {"buses.csv", "name,v_nom\nA,1\nB,1\nC,1\n"},
      {"generators.csv", "name,bus,p_nom\ng,A,1000\n"},
      {"loads.csv", "name,bus,p_set\nload,C,90\n"},
      {"lines.csv", "name,bus0,bus1,x,s_nom\nBC,B,C,1,1000\nAC,A,C,1,1000\n"},
      {"transformers.csv", "name,bus0,bus1,x,s_nom,tap_ratio\nT,A,B,50,100,2\n"},
  });
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "AC"), 0), 60.0, 1e-6);
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "T"), 0), 30.0, 1e-6);
}

// A phase-shifting transformer beside a line of the same impedance (0.1 per unit each) drives
// a loop flow with no load at all: P_T = (θA − θB − φ)/x_T and P_T = −P_line give
// P_line = φ/(2·0.1) with φ = 1° = 0.017453 rad.
TEST(PyPsa, PhaseShiftDrivesALoopFlow) {
  const auto s = solve_network({
      {"buses.csv", "name,v_nom\nA,1\nB,1\n"},
      {"lines.csv", "name,bus0,bus1,x,s_nom\nL,A,B,0.1,10\n"},
      {"transformers.csv", "name,bus0,bus1,x,s_nom,phase_shift\nT,A,B,10,100,1\n"},
  });
  const double phi = 3.14159265358979323846 / 180.0;
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "L"), 0), phi / 0.2, 1e-9);
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "T"), 0), -phi / 0.2, 1e-9);
}

// Two transformers of PyPSA's standard type "0.25 MVA 10/0.4 kV" in parallel, one of them
// two units (num_parallel 2: half the impedance) and both limited to the type's 0.25 MVA:
// the double one carries twice the flow, so it binds at 0.25 with 0.125 on the single one.
// 0.6 MW of load: 0.375 MW from A at 10, 0.225 MW at B at 100: 26.25 EUR.
TEST(PyPsa, StandardTransformerTypesGiveImpedanceAndRating) {
  const auto s = solve_network({
      {"buses.csv", "name,v_nom\nA,10\nB,0.4\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost\ncheap,A,10,10\ndear,B,10,100\n"},
      {"loads.csv", "name,bus,p_set\nload,B,0.6\n"},
      {"transformers.csv", "name,bus0,bus1,type,num_parallel\n"
                           "single,A,B,0.25 MVA 10/0.4 kV,1\ndouble,A,B,0.25 MVA 10/0.4 kV,2\n"},
  });
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "double"), 0), 0.25, 1e-9);
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "single"), 0), 0.125, 1e-9);
  EXPECT_NEAR(s.results.objective_eur, 26.25, 1e-9);
}

// A line of standard type "Al/St 240/40 4-bundle 380.0" (x' = 0.246 Ω/km in
// table) gives x = x'·length/num_parallel: two such lines of 100 km, one doubled, split 1 : 2.
TEST(PyPsa, StandardLineTypesScaleWithLengthAndParallelCircuits) {
  const auto s = solve_network({
      {"buses.csv", "name,v_nom\nA,380\nB,380\n"},
      {"generators.csv", "name,bus,p_nom\ng,A,1000\n"},
      {"loads.csv", "name,bus,p_set\nload,B,300\n"},
      {"lines.csv", "name,bus0,bus1,type,length,num_parallel,s_nom\n"
                    "one,A,B,Al/St 240/40 4-bundle 380.0,100,1,1000\ntwo,A,B,Al/St 240/40 4-bundle 380.0,100,2,1000\n"},
  });
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "one"), 0), 100.0, 1e-6);
  EXPECT_NEAR(s.results.line_flow(test::index_of(s.study.lines.name, "two"), 0), 200.0, 1e-6);
}

// overnight_cost 8,760,000 EUR/MW at 10 % over 2 years, one snapshot of 1 h (1/8760 year):
// 1000·0.1/(1 − 1.1⁻²) = 576.19 EUR/MW for the hour, plus fom_cost 5. 10 MW: 5,811.90.
TEST(PyPsa, OvernightCostIsAnnualisedOverTheModelledYears) {
  const auto s = solve_network({
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,10\n"},
      {"generators.csv", "name,bus,p_nom_extendable,overnight_cost,discount_rate,lifetime,fom_cost\n"
                         "g,A,True,8760000,0.1,2,5\n"},
  });
  EXPECT_NEAR(finance::annuity_factor(0.1, 2), 0.1 / (1.0 - 1.0 / 1.21), 1e-15);
  EXPECT_NEAR(s.results.objective_eur, 10.0 * (1000.0 * 0.1 / (1.0 - 1.0 / 1.21) + 5.0), 1e-6);
}

TEST(PyPsa, InactiveComponentsTakeNoPart) {
  const auto s = solve_network({
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,10\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost,active\ncheap,A,100,1,False\ndear,A,100,7,True\n"},
  });
  EXPECT_EQ(s.study.generators.size(), 1u);
  EXPECT_NEAR(s.results.objective_eur, 70.0, 1e-9);
}

// One warning per file lists the PyPSA attributes that silkgrid does not model and that a
// component sets away from PyPSA's default; columns that are no PyPSA attribute (metadata, as in
// SciGRID's networks) are kept silently, as PyPSA does.
TEST(PyPsa, UnmodelledAttributesAreWarnedAboutOncePerFile) {
  const auto s = solve_network({
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,10\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost,committable,ramp_limit_up,min_up_time,shiny,osm_name,"
                         "wkt_srid_4326,operator\n"
                         "g,A,100,1,True,0.5,0,yes,Gas Plant,POINT(1 2),TSO\nh,A,100,2,False,,0,,,,\n"},
      {"buses.csv", "name,osm_name,wkt_srid_4326\nA,Sub A,POINT(1 2)\n"},
  });
  EXPECT_NE(s.log.find("generators.csv: 2 PyPSA attributes that silkgrid does not model: committable, set by 'g': "
                       "unit commitment"),
            std::string::npos)
      << s.log;
  EXPECT_NE(s.log.find("; ramp_limit_up, set by 'g': ramp limits"), std::string::npos) << s.log;
  EXPECT_EQ(s.log.find("min_up_time"), std::string::npos) << s.log;  // at its default
  EXPECT_EQ(s.log.find("generators.csv", s.log.find("generators.csv") + 1), std::string::npos) << s.log;  // once
  for (const char* metadata : {"shiny", "osm_name", "wkt_srid_4326", "operator", "buses.csv"})
    EXPECT_EQ(s.log.find(metadata), std::string::npos) << metadata << "\n" << s.log;
  EXPECT_NEAR(s.results.objective_eur, 10.0, 1e-9);
}

TEST(PyPsa, WhatCannotBeModelledIsAnErrorNamingTheFile) {
  const std::map<std::string, std::string> base = {{"buses.csv", "name\nA\nB\nC\n"},
                                                    {"generators.csv", "name,bus,p_nom\ng,A,10\n"}};
  auto files = base;
  files["links.csv"] = "name,bus0,bus1,p_nom\nk,A,B,10\n";
  files["links-efficiency.csv"] = "snapshot,k\nnow,0.5\n";
  std::string e = read_error(files);
  EXPECT_NE(e.find("links-efficiency.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("time-varying 'efficiency'"), std::string::npos) << e;

  files = base;
  files["links.csv"] = "name,bus0,bus1,bus2,efficiency2\nchp,A,B,C,0.4\n";
  e = read_error(files);
  EXPECT_NE(e.find("links.csv:2"), std::string::npos) << e;
  EXPECT_NE(e.find("multi-port"), std::string::npos) << e;

  files = base;
  files["lines.csv"] = "name,bus0,bus1,type,length\nl,A,B,no such type,10\n";
  e = read_error(files);
  EXPECT_NE(e.find("lines.csv:2"), std::string::npos) << e;
  EXPECT_NE(e.find("'no such type'"), std::string::npos) << e;

  files = base;
  files["investment_periods.csv"] = "period,objective,years\n2030,1,10\n";
  e = read_error(files);
  EXPECT_NE(e.find("multi-period"), std::string::npos) << e;

  files = base;
  files["generators.csv"] = "name,bus,p_nom_extendable,overnight_cost\ng,A,True,100\n";
  e = read_error(files);
  EXPECT_NE(e.find("discount_rate"), std::string::npos) << e;
}

// A time-varying marginal cost and a sink (p_min_pu −1, p_max_pu 0) that buys at its marginal
// cost: hour 0 the plant costs 5 and the sink pays 20, so the plant runs flat out for the load
// and the sink (100 + 50 MW); hour 1 the plant costs 30 and the sink pays 20: only the load.
// Cost: 150·5 − 50·20 + 100·30 = 2,750.
TEST(PyPsa, TimeVaryingMarginalCostAndASinkGenerator) {
  const auto s = solve_network({
      {"snapshots.csv", "snapshot,objective\n0,1\n1,1\n"},
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,100\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost,p_min_pu,p_max_pu\nplant,A,150,0,0,1\nsink,A,50,0,-1,0\n"},
      {"generators-marginal_cost.csv", "snapshot,plant,sink\n0,5,20\n1,30,20\n"},
  });
  EXPECT_NEAR(s.results.generator_p(1, 0), -50.0, 1e-9);
  EXPECT_NEAR(s.results.generator_p(1, 1), 0.0, 1e-9);
  EXPECT_NEAR(s.results.objective_eur, 150.0 * 5 - 50.0 * 20 + 100.0 * 30, 1e-9);
}

// A link with a time-varying p_max_pu (0.5 then 1) and a heat-pump-like efficiency of 3 (a
// conversion, allowed in PyPSA networks): heat load 90 MW at bus H, power at 10 EUR/MWh at E.
// Hour 0: the link may carry 0.5·20 = 10 MW → 30 MW of heat, the rest (60) from a boiler at
// 50; hour 1: 20 MW → 60 MW of heat, 30 from the boiler. Cost: (10 + 20)·10 + (60 + 30)·50.
TEST(PyPsa, LinkWithTimeVaryingLimitAndConversionEfficiency) {
  const auto s = solve_network({
      {"snapshots.csv", "snapshot,objective\n0,1\n1,1\n"},
      {"buses.csv", "name,carrier\nE,AC\nH,heat\n"},
      {"loads.csv", "name,bus,p_set\nheat,H,90\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost\ngrid,E,1000,10\nboiler,H,1000,50\n"},
      {"links.csv", "name,bus0,bus1,p_nom,efficiency\nheat-pump,E,H,20,3\n"},
      {"links-p_max_pu.csv", "snapshot,heat-pump\n0,0.5\n1,1\n"},
  });
  EXPECT_NEAR(s.results.link_forward(0, 0), 10.0, 1e-9);
  EXPECT_NEAR(s.results.link_forward(0, 1), 20.0, 1e-9);
  EXPECT_NEAR(s.results.objective_eur, 30.0 * 10 + 90.0 * 50, 1e-9);
}

// A generator with sign −1 consumes p: here a flexible demand of up to 50 MW worth 20 EUR/MWh
// (marginal_cost −20). The cheap plant (10 EUR/MWh, 100 MW) serves the 60 MW load and 40 MW of
// it; the dear plant (30 EUR/MWh) is not worth running for it. Cost: 100·10 − 40·20 = 200.
TEST(PyPsa, GeneratorWithNegativeSignConsumes) {
  const auto s = solve_network({
      {"buses.csv", "name\nA\n"},
      {"loads.csv", "name,bus,p_set\nload,A,60\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost,sign\ncheap,A,100,10,1\ndear,A,100,30,1\nflex,A,50,-20,-1\n"},
  });
  EXPECT_NEAR(s.results.generator_p(2, 0), -40.0, 1e-9);  // silkgrid reports the injection
  EXPECT_NEAR(s.results.objective_eur, 200.0, 1e-9);
}

namespace {
// Three hourly snapshots; load 100, 50, 80 MW; the cheap plant (300 MW at 10 EUR/MWh) is
// available 1, 0, 0.5 per unit, the dear one (100 EUR/MWh) always. Hour 0: 100 MW cheap; hour 1:
// 50 MW dear; hour 2: 80 of the 150 cheap MW. Cost: 1,000 + 5,000 + 800 = 6,800 EUR. Read by
// position, the shuffled series below would give 8,000 + 1,000 + 500 = 9,500 EUR instead.
std::map<std::string, std::string> three_hours(const std::string& p_max_pu, const std::string& p_set) {
  return {{"snapshots.csv", "snapshot,objective\n2030-01-01T00:00,1\n2030-01-01T01:00,1\n2030-01-01T02:00,1\n"},
          {"buses.csv", "name\nA\n"},
          {"loads.csv", "name,bus\nload,A\n"},
          {"generators.csv", "name,bus,p_nom,marginal_cost\ncheap,A,300,10\ndear,A,300,100\n"},
          {"generators-p_max_pu.csv", p_max_pu},
          {"loads-p_set.csv", p_set}};
}
const std::string ordered_p_max_pu = "snapshot,cheap\n2030-01-01T00:00,1\n2030-01-01T01:00,0\n2030-01-01T02:00,0.5\n";
const std::string ordered_p_set = "snapshot,load\n2030-01-01T00:00,100\n2030-01-01T01:00,50\n2030-01-01T02:00,80\n";
const std::string shuffled_p_max_pu = "snapshot,cheap\n2030-01-01T01:00,0\n2030-01-01T02:00,0.5\n2030-01-01T00:00,1\n";
const std::string shuffled_p_set = "snapshot,load\n2030-01-01T02:00,80\n2030-01-01T00:00,100\n2030-01-01T01:00,50\n";
}  // namespace

TEST(PyPsa, SeriesRowsAreMatchedBySnapshotLabelNotPosition) {
  const auto ordered = solve_network(three_hours(ordered_p_max_pu, ordered_p_set));
  EXPECT_NEAR(ordered.results.objective_eur, 6800.0, 1e-9);
  const auto shuffled = solve_network(three_hours(shuffled_p_max_pu, shuffled_p_set));
  EXPECT_NEAR(shuffled.results.objective_eur, 6800.0, 1e-9);
  EXPECT_NEAR(shuffled.results.generator_p(0, 2), 80.0, 1e-9);  // hour 2: the cheap plant
  // The same times written another way (pandas' "YYYY-MM-DD HH:MM:SS") are the same snapshots.
  const auto spaced = solve_network(three_hours(
      "snapshot,cheap\n2030-01-01 02:00:00,0.5\n2030-01-01 00:00:00,1\n2030-01-01 01:00:00,0\n", shuffled_p_set));
  EXPECT_NEAR(spaced.results.objective_eur, 6800.0, 1e-9);
}

TEST(PyPsa, SeriesWithAMissingUnknownOrRepeatedSnapshotIsAnError) {
  // Line 3 (the second data row) is where each defect sits.
  std::string e = read_error(three_hours("snapshot,cheap\n2030-01-01T00:00,1\n2030-01-01T02:00,0.5\n", ordered_p_set));
  EXPECT_NE(e.find("generators-p_max_pu.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("no row for snapshot '2030-01-01T01:00'"), std::string::npos) << e;
  e = read_error(three_hours(
      "snapshot,cheap\n2030-01-01T00:00,1\n2030-01-01T03:00,0\n2030-01-01T02:00,0.5\n", ordered_p_set));
  EXPECT_NE(e.find("generators-p_max_pu.csv:3:1"), std::string::npos) << e;
  EXPECT_NE(e.find("'2030-01-01T03:00' is not a snapshot"), std::string::npos) << e;
  e = read_error(three_hours(ordered_p_max_pu,
                             "snapshot,load\n2030-01-01T00:00,100\n2030-01-01T00:00,50\n2030-01-01T02:00,80\n"));
  EXPECT_NE(e.find("loads-p_set.csv:3:1"), std::string::npos) << e;
  EXPECT_NE(e.find("second row"), std::string::npos) << e;
  // One row too many: the fourth names an unknown snapshot.
  e = read_error(three_hours(ordered_p_max_pu + "2030-01-01T03:00,1\n", ordered_p_set));
  EXPECT_NE(e.find("generators-p_max_pu.csv:5:1"), std::string::npos) << e;
  // A column for a component that does not exist: line 1, its column.
  e = read_error(three_hours("snapshot,cheap,ghost\n2030-01-01T00:00,1,1\n2030-01-01T01:00,0,1\n2030-01-01T02:00,0.5,1\n",
                             ordered_p_set));
  EXPECT_NE(e.find("generators-p_max_pu.csv:1:3"), std::string::npos) << e;
  EXPECT_NE(e.find("'ghost' names no component of generators.csv"), std::string::npos) << e;
}

TEST(PyPsa, SnapshotsAreUniqueAndInTimeOrderAndGapsAreWarnedAbout) {
  auto files = three_hours(ordered_p_max_pu, ordered_p_set);
  files["snapshots.csv"] = "snapshot,objective\n2030-01-01T00:00,1\n2030-01-01T00:00,1\n2030-01-01T02:00,1\n";
  std::string e = read_error(files);
  EXPECT_NE(e.find("snapshots.csv:3:1"), std::string::npos) << e;
  EXPECT_NE(e.find("appears twice"), std::string::npos) << e;
  files["snapshots.csv"] = "snapshot,objective\n2030-01-01T00:00,1\n2030-01-01T02:00,1\n2030-01-01T01:00,1\n";
  e = read_error(files);
  EXPECT_NE(e.find("snapshots.csv:4:1"), std::string::npos) << e;
  EXPECT_NE(e.find("time order"), std::string::npos) << e;
  // Labels that are not timestamps are only checked for duplicates.
  files = two_hours("name,bus\n");
  files.erase("storage_units.csv");
  files["snapshots.csv"] = "snapshot,objective\n1,1\n0,1\n";
  files["generators-p_max_pu.csv"] = "snapshot,cheap\n0,1\n1,0\n";
  EXPECT_NEAR(solve_network(files).results.objective_eur, 100.0 * 100 + 100.0 * 10, 1e-9);
  files["snapshots.csv"] = "snapshot,objective\n0,1\n0,1\n";
  EXPECT_NE(read_error(files).find("appears twice"), std::string::npos);
  // Representative snapshots: 1 h steps weighted 2 h each (hour 1 stands for hour 3 as well).
  // A warning names the first gap; the weightings count: 2·1,000 + 2·5,000 + 1·800 = 12,800.
  files = three_hours(ordered_p_max_pu, ordered_p_set);
  files["snapshots.csv"] = "snapshot,objective\n2030-01-01T00:00,2\n2030-01-01T01:00,2\n2030-01-01T02:00,1\n";
  const auto s = solve_network(files);
  EXPECT_NEAR(s.results.objective_eur, 12800.0, 1e-9);
  EXPECT_NE(s.log.find("snapshots.csv:3: snapshot '2030-01-01T01:00' follows '2030-01-01T00:00' after 1 h"),
            std::string::npos)
      << s.log;
  EXPECT_NE(s.log.find("2 such steps"), std::string::npos) << s.log;
  // Steps equal to the weightings (a resampled network): no warning.
  files["snapshots.csv"] = "snapshot,objective\n2030-01-01T00:00,1\n2030-01-01T01:00,1\n2030-01-01T02:00,1\n";
  EXPECT_EQ(solve_network(files).log.find("follows"), std::string::npos);
}

// Files as spreadsheets and pandas write them: an unnamed index column, a UTF-8 byte-order
// mark, Windows line endings, trailing empty lines. The same 6,800 EUR as the plain files.
TEST(PyPsa, SeriesFilesWithBomCrlfUnnamedIndexAndTrailingLinesReadTheSame) {
  const std::string bom = "\xEF\xBB\xBF";
  auto files = three_hours(bom + ",cheap\r\n2030-01-01T01:00,0\r\n2030-01-01T02:00,0.5\r\n2030-01-01T00:00,1\r\n\r\n\r\n",
                           bom + "snapshot,load\r\n2030-01-01T02:00,80\r\n2030-01-01T00:00,100\r\n2030-01-01T01:00,50\r\n\n");
  files["snapshots.csv"] = bom + ",objective\r\n2030-01-01T00:00,1\r\n2030-01-01T01:00,1\r\n2030-01-01T02:00,1\r\n\r\n";
  files["generators.csv"] = bom + "name,bus,p_nom,marginal_cost\r\ncheap,A,300,10\r\ndear,A,300,100\r\n";
  EXPECT_NEAR(solve_network(files).results.objective_eur, 6800.0, 1e-9);
  // A row of empty cells is not a blank line: it names no snapshot.
  files["loads-p_set.csv"] = ordered_p_set + ",\n";
  EXPECT_NE(read_error(files).find("'' is not a snapshot"), std::string::npos);
}

// What the study's validation finds wrong is told in the network's terms: the file, the line of
// the row and the column of the PyPSA attribute, not buses.csv and "lines[0].p_nom_mw".
TEST(PyPsa, ValidationErrorsNameThePyPsaFileLineAndAttribute) {
  const std::map<std::string, std::string> base = {{"buses.csv", "name\nA\nB\n"},
                                                    {"loads.csv", "name,bus,p_set\nload,B,10\n"},
                                                    {"generators.csv", "name,bus,p_nom\ng,A,100\n"}};
  auto files = base;
  files["lines.csv"] = "name,bus0,bus1,x,s_nom\nok,A,B,1,100\nbad,A,B,1,-5\n";
  std::string e = read_error(files);
  EXPECT_NE(e.find("lines.csv:3:5: s_nom: expected a number >= 0, got -5"), std::string::npos) << e;

  files = base;
  files["generators.csv"] = "name,bus,p_nom,efficiency\ng,A,100,1\nh,A,100,1.5\n";
  e = read_error(files);
  EXPECT_NE(e.find("generators.csv:3:4: efficiency: expected an efficiency in (0, 1], got 1.5"), std::string::npos) << e;

  // A link's efficiency may exceed 1 in PyPSA (a conversion); zero or negative may not.
  files = base;
  files["links.csv"] = "name,bus0,bus1,p_nom,efficiency\nheat-pump,A,B,10,1.5\nbroken,A,B,10,-0.5\n";
  e = read_error(files);
  EXPECT_NE(e.find("links.csv:3:5: efficiency: expected an efficiency > 0, got -0.5"), std::string::npos) << e;

  files = base;
  files["storage_units.csv"] = "name,bus,p_nom,max_hours\nbattery,A,10,-2\n";
  e = read_error(files);
  EXPECT_NE(e.find("storage_units.csv:2:4: max_hours: expected a finite number > 0, got -2"), std::string::npos) << e;

  // A store after a storage unit: the store's own file and row, its e_nom.
  files["storage_units.csv"] = "name,bus,p_nom,max_hours\nbattery,A,10,2\n";
  files["stores.csv"] = "name,bus,e_nom\ntank,A,-3\n";
  e = read_error(files);
  EXPECT_NE(e.find("stores.csv:2:3: e_nom: expected a number >= 0, got -3"), std::string::npos) << e;

  // An inactive row before the bad one: still the bad one's line.
  files = base;
  files["generators.csv"] = "name,bus,p_nom,active,p_max_pu\noff,A,100,False,1\ng,A,100,True,1\nh,A,100,True,2\n";
  e = read_error(files);
  EXPECT_NE(e.find("generators.csv:4:5: p_max_pu: expected a per-unit value in [-1, 1], got 2"), std::string::npos) << e;

  // A value from a series: that series file, the snapshot's row and the component's column (not
  // the first series file read, generators-p_max_pu.csv here).
  files = base;
  files["snapshots.csv"] = "snapshot\n0\n1\n";
  files["generators-p_max_pu.csv"] = "snapshot,g\n0,1\n1,1\n";
  files["loads.csv"] = "name,bus\nother,B\nload,B\n";
  files["loads-p_set.csv"] = "snapshot,other,load\n1,5,-5\n0,5,10\n";
  e = read_error(files);
  EXPECT_NE(e.find("loads-p_set.csv:2:3: load: expected a load in [0, 1e+09 MW]"), std::string::npos) << e;
  EXPECT_NE(e.find("got -5 at snapshot 1 (1)"), std::string::npos) << e;
}

namespace {
double column_value(const std::string& file, const std::string& column, std::size_t row) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const io::CsvTable t = io::parse_csv(text.str(), file);
  for (std::size_t j = 0; j < t.header.size(); ++j)
    if (t.header[j] == column) return io::parse_number_cell(t, row, j);
  ADD_FAILURE() << "no column " << column << " in " << file;
  return std::nan("");
}
}  // namespace

// In PyPSA names are unique per component kind: bus "2", line "2", transformer "2", generator
// "2", link "2", storage unit "2" and store "2" may all exist (SciGRID and PyPSA-Eur do this).
// The line (z = x/v_nom² = 1) and the transformer (x/s_nom = 100/200 = 0.5 per unit) carry the
// 90 MW to bus 2 as 30 : 60; the generator serves it at 10 EUR/MWh: 900 EUR. Every result is
// kept apart by kind.
TEST(PyPsa, NamesAreUniquePerComponentKindAndResultsAreKeyedByKind) {
  const auto s = solve_network({
      {"buses.csv", "name,v_nom\nA,1\n2,1\n"},
      {"generators.csv", "name,bus,p_nom,marginal_cost\n2,A,300,10\n"},
      {"loads.csv", "name,bus,p_set\n2,2,90\n"},
      {"lines.csv", "name,bus0,bus1,x,s_nom\n2,A,2,1,100\n"},
      {"transformers.csv", "name,bus0,bus1,x,s_nom\n2,A,2,100,200\n"},
      {"links.csv", "name,bus0,bus1,p_nom,marginal_cost\n2,A,2,40,1000\n"},
      {"storage_units.csv", "name,bus,p_nom,max_hours\n2,A,5,3\n"},
      {"stores.csv", "name,bus,e_nom\n2,A,7\n"},
  });
  EXPECT_NEAR(s.results.objective_eur, 900.0, 1e-9);
  ASSERT_EQ(s.study.lines.size(), 2u);
  const std::size_t line = s.study.lines.transformer[0] ? 1 : 0, trafo = 1 - line;
  EXPECT_NEAR(s.results.line_flow(line, 0), 30.0, 1e-9);
  EXPECT_NEAR(s.results.line_flow(trafo, 0), 60.0, 1e-9);

  const auto summary = io::summary_json(s.study, s.results);
  EXPECT_NEAR(summary["capacity_mw"]["generator"]["2"].get<double>(), 300.0, 1e-9);
  EXPECT_NEAR(summary["capacity_mw"]["link"]["2"].get<double>(), 40.0, 1e-9);
  EXPECT_NEAR(summary["capacity_mw"]["line"]["2"].get<double>(), 100.0, 1e-9);
  EXPECT_NEAR(summary["capacity_mw"]["transformer"]["2"].get<double>(), 200.0, 1e-9);
  EXPECT_NEAR(summary["capacity_mw"]["storage"]["2"].get<double>(), 5.0, 1e-9);
  EXPECT_NEAR(summary["energy_capacity_mwh"]["storage"]["2"].get<double>(), 15.0, 1e-9);
  EXPECT_NEAR(summary["energy_capacity_mwh"]["store"]["2"].get<double>(), 7.0, 1e-9);

  // The time-series files keep lines and transformers, storage units and stores apart.
  const std::string dir = test::temp_dir("silkgrid-kinds");
  auto log = quiet();
  model::Results r = s.results;
  io::write_results(dir, s.study, r, log);
  EXPECT_NEAR(column_value(dir + "/line_flows.csv", "2", 0), 30.0, 1e-9);
  EXPECT_NEAR(column_value(dir + "/transformer_flows.csv", "2", 0), 60.0, 1e-9);
  EXPECT_TRUE(fs::exists(dir + "/storage.csv"));
  EXPECT_TRUE(fs::exists(dir + "/storage_stores.csv"));
  fs::remove_all(dir);

  // Within one kind a name is still unique.
  const std::string e = read_error({{"buses.csv", "name\nA\nB\n"},
                                    {"lines.csv", "name,bus0,bus1,x,s_nom\n2,A,B,1,100\n2,A,B,1,100\n"}});
  EXPECT_NE(e.find("lines.csv:3:1: name: duplicate name '2'"), std::string::npos) << e;
}

// A study's names are unique per table: a generator and a link may both be "x". summary.json
// gives both capacities, by kind.
TEST(Summary, GeneratorAndLinkOfTheSameNameBothAppear) {
  const auto study = test::study_from(R"(
study: {name: same-names, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: A, country: X}, {name: B, country: X}]
loads: [{name: load-B, region: B, p_mw: 50}]
generators: [{name: x, region: A, carrier: gas, p_nom_mw: 120, vom_eur_per_mwh: 10}]
links: [{name: x, from: A, to: B, p_nom_mw: 80, efficiency: 1}]
)");
  const auto r = test::solve(study);
  EXPECT_NEAR(r.objective_eur, 500.0, 1e-9);
  const auto summary = io::summary_json(study, r);
  EXPECT_NEAR(summary["capacity_mw"]["generator"]["x"].get<double>(), 120.0, 1e-9);
  EXPECT_NEAR(summary["capacity_mw"]["link"]["x"].get<double>(), 80.0, 1e-9);
}
