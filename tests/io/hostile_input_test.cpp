// Hostile input (issue 10): duplicate keys, second documents, values far outside any physical
// range, timestamps out of step, deep nesting and huge texts. Each is an input error naming
// the file, line and key: never a silent default, an abort in Clp or a crash.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "model/decomposition.hpp"
#include "support/expect.hpp"
#include "support/studies.hpp"

using silkgrid::core::Error;
using silkgrid::core::ErrorKind;
using silkgrid::test::study_from;

namespace {

// One region, one gas plant (marginal cost 20 / 0.5 = 40 EUR/MWh), a 100 MW load, 3 hourly
// snapshots from series.csv: the objective is 3 × 100 × 40 = 12,000 EUR.
const char* base_study = R"(study: {name: hostile, snapshots: 3, timeseries: series.csv}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 20}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 0, p_max_pu: wind_A}
)";

const char* good_csv =
    "timestamp,wind_A\n"
    "2030-01-01T00:00,0.5\n"
    "2030-01-01T01:00,0.6\n"
    "2030-01-01T02:00,0.7\n";

// The error thrown by reading `yaml` (with `csv` as series.csv); fails the test if none.
Error read_error(const std::string& yaml, const std::string& csv = good_csv) {
  return silkgrid::test::error_reading(yaml, {{"series.csv", csv}});
}
using silkgrid::test::expect_contains;
using silkgrid::test::replace;

void expect_input_error(const Error& e, const std::string& key, int line) {
  EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
  EXPECT_EQ(e.context().file, "test/study.yaml") << e.what();
  EXPECT_EQ(e.context().key, key) << e.what();
  EXPECT_EQ(e.context().line, line) << e.what();
  EXPECT_GT(e.context().column, 0) << e.what();
}

}  // namespace

TEST(HostileInput, TheBaseStudySolvesToItsClosedForm) {
  const auto study = study_from(base_study, {{"series.csv", good_csv}});
  EXPECT_NEAR(silkgrid::test::solve(study).objective_eur, 12000.0, 1e-6);
}

TEST(HostileInput, DuplicateKeysAreErrorsWithBothPlaces) {
  // The second p_mw used to be dropped silently: the load stayed 100 MW.
  auto e = read_error(replace(base_study, "p_mw: 100}", "p_mw: 100, p_mw: 5000}"));
  expect_input_error(e, "loads[0].p_mw", 4);
  EXPECT_EQ(e.context().column, 46);
  expect_contains(e.what(), "duplicate key 'p_mw': it is already given at line 4, column 35");
  // In a nested block mapping, at the top level and in an anchored mapping.
  e = read_error(std::string(base_study) + "solver:\n  method: dual\n  presolve: true\n  method: primal\n");
  expect_input_error(e, "solver.method", 11);
  e = read_error(std::string(base_study) + "regions: [{name: B, country: AZ}]\n");
  expect_input_error(e, "regions", 8);
  e = read_error(std::string(base_study) + "solver: &s {method: dual, method: primal}\n");
  expect_input_error(e, "solver.method", 8);
}

TEST(HostileInput, MergeKeysAreRefusedNotIgnored) {
  // yaml-cpp reads '<<' as a plain key: the merged values would be lost.
  const auto e = read_error(std::string(base_study) + "storage:\n  - &s {name: s1, region: A, p_nom_mw: 1, max_hours: 2}\n"
                                                      "  - {<<: *s, name: s2}\n");
  expect_input_error(e, "storage[1].<<", 10);
  expect_contains(e.what(), "merge keys ('<<') are not supported");
  // Aliases of whole values stay fine.
  const auto study = study_from(std::string(base_study) + "storage:\n  - {name: s1, region: A, p_nom_mw: &p 1, max_hours: 2}\n"
                                                          "  - {name: s2, region: A, p_nom_mw: *p, max_hours: 2}\n",
                                {{"series.csv", good_csv}});
  EXPECT_EQ(study.storage.invest.p_nom_mw[1], 1.0);
}

TEST(HostileInput, ASecondDocumentIsAnError) {
  auto e = read_error(std::string(base_study) + "---\nstudy: {name: other, snapshots: 1}\n");
  expect_input_error(e, "", 9);
  expect_contains(e.what(), "expected one YAML document");
  e = read_error(std::string(base_study) + "---\n");
  expect_contains(e.what(), "expected one YAML document");
  // A document start marker before the only document is fine.
  EXPECT_EQ(study_from(std::string("---\n") + base_study, {{"series.csv", good_csv}}).snapshots(), 3u);
}

TEST(HostileInput, DeepNestingIsAnErrorNotAStackOverflow) {
  for (const std::size_t depth : {40u, 600u, 10000u}) {
    const std::string yaml = std::string(base_study) + "export_targets: " + std::string(depth, '[') + std::string(depth, ']') + "\n";
    const auto e = read_error(yaml);
    EXPECT_EQ(e.kind(), ErrorKind::input) << depth;
    EXPECT_EQ(e.context().file, "test/study.yaml") << depth;
    EXPECT_GT(e.context().line, 0) << depth;
    expect_contains(e.what(), depth >= 600 ? "nested deeper than" : "levels of nesting");
  }
  // Block mappings, 3,000 levels.
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  EXPECT_EQ(read_error(std::string(base_study) + "x:\n" + deep).kind(), ErrorKind::input);
  // An alias of its own sequence (a cycle) is nesting without end.
  const auto e = read_error(std::string(base_study) + "export_targets: &t [1, *t]\n");
  expect_contains(e.what(), "levels of nesting");
}

TEST(HostileInput, ControlCharactersAreRefused) {
  // yaml-cpp ended the file at a NUL byte: the rest of the study was dropped without a word.
  std::string yaml = base_study;
  yaml.insert(yaml.find("generators:"), std::string("\0", 1) + "\n");
  auto e = read_error(yaml);
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 5);
  EXPECT_EQ(e.context().column, 1);
  expect_contains(e.what(), "control character 0x00");
  e = read_error(replace(base_study, "name: gas-A", "name: gas\x1b-A"));
  EXPECT_EQ(e.context().line, 6);
  EXPECT_EQ(e.context().column, 15);
}

TEST(HostileInput, HugeTextsAreRefused) {
  const auto e = read_error(replace(base_study, "name: hostile", "name: " + std::string(10'000'000, 'x')));
  expect_input_error(e, "study.name", 1);
  expect_contains(e.what(), "at most 65536 bytes, got 10000000 bytes");
  // A long value that is not a number is quoted in part only.
  const auto n = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: " + std::string(60000, '7') + "x"));
  expect_input_error(n, "generators[0].p_nom_mw", 6);
  EXPECT_LT(std::string(n.what()).size(), 200u);
  const auto c = read_error(base_study, "timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00," + std::string(1'000'000, 'z') +
                                            "\n2030-01-01T02:00,0.7\n");
  EXPECT_EQ(c.context().line, 3);
  EXPECT_LT(std::string(c.what()).size(), 200u);
}

// Clp asserts on costs from 1e25 and bounds from 1e100 (an abort, not an error): every such
// quantity has a documented limit (model/limits.hpp, README "Bad input").
TEST(HostileInput, NumbersBeyondTheirLimitAreInputErrors) {
  struct Case {
    std::string from, to, key, limit;
    int line;
  };
  const std::string storage = "storage: [{name: s, region: A, p_nom_mw: 10, max_hours: 2}]\n";
  const std::string market = "markets: [{name: m, region: A, max_export_mw: 10, export_price_eur_per_mwh: 50}]\n";
  const std::string study = std::string(base_study) + storage + market +
                            "policies: [{kind: co2_cap, t_per_year: 1e6}, {kind: max_capacity, carrier: wind, mw: 100}]\n";
  const std::vector<Case> cases = {
      {"snapshots: 3,", "snapshots: 3, voll_eur_per_mwh: 1e30,", "study.voll_eur_per_mwh", "1e+06 EUR/MWh", 1},
      {"fuel_eur_per_mwh_fuel: 20", "fuel_eur_per_mwh_fuel: 1e30", "generators[0].fuel_eur_per_mwh_fuel", "1e+06 EUR/MWh", 6},
      {"fuel_eur_per_mwh_fuel: 20", "fuel_eur_per_mwh_fuel: 20, vom_eur_per_mwh: -1e30", "generators[0].vom_eur_per_mwh", "1e+06 EUR/MWh", 6},
      {"p_nom_mw: 0,", "p_nom_mw: 0, capex_eur_per_kw: 1e30, lifetime_years: 20,", "generators[1].capex_eur_per_kw", "1e+06 EUR/kW", 7},
      {"p_nom_mw: 0,", "p_nom_mw: 0, capital_cost_eur_per_mw_year: 1e30,", "generators[1].capital_cost_eur_per_mw_year", "1e+09 EUR/MW/year", 7},
      {"p_mw: 100", "p_mw: 1e30", "loads[0].p_mw", "1e+09 MW", 4},
      {"p_nom_mw: 200", "p_nom_mw: 1e30", "generators[0].p_nom_mw", "1e+09 MW", 6},
      {"p_nom_mw: 0,", "p_nom_mw: 0, extendable: true, p_nom_max_mw: 1e30,", "generators[1].p_nom_max_mw", "1e+09 MW", 7},
      {"export_price_eur_per_mwh: 50", "export_price_eur_per_mwh: 1e30", "markets[0].export_price_eur_per_mwh", "1e+06 EUR/MWh", 9},
      {"max_export_mw: 10", "max_export_mw: 1e30", "markets[0].max_export_mw", "1e+09 MW", 9},
      {"co2_t_per_mwh_fuel: 0.2", "co2_t_per_mwh_fuel: 1e30", "carriers[0].co2_t_per_mwh_fuel", "10 t/MWh", 2},
      {"co2_t_per_mwh_fuel: 0.2", "co2_t_per_mwh_fuel: .inf", "carriers[0].co2_t_per_mwh_fuel", "10 t/MWh", 2},
      {"t_per_year: 1e6", "t_per_year: 1e30", "policies[0].t_per_year", "1e+12 t/year", 10},
      {"carrier: wind, mw: 100", "carrier: wind, mw: 1e30", "policies[1].mw", "1e+09 MW", 10},
      {"max_hours: 2", "max_hours: 1e30", "storage[0].max_hours", "100000 h", 8},
      {"max_hours: 2", "max_hours: 2, capex_eur_per_kwh: 1e30, lifetime_years: 10", "storage[0].capex_eur_per_kwh", "1e+06 EUR/kWh", 8},
      {"max_hours: 2", "max_hours: 2, lifetime_years: 1e9", "storage[0].lifetime_years", "[1, 200] years", 8},
      {"max_hours: 2", "max_hours: 2, lifetime_years: 1e19", "storage[0].lifetime_years", "[1, 200] years", 8},
      {"max_hours: 2", "max_hours: 2, lifetime_years: 0.5", "storage[0].lifetime_years", "[1, 200] years", 8},
  };
  for (const Case& c : cases) {
    const auto e = read_error(replace(study, c.from, c.to));
    expect_input_error(e, c.key, c.line);
    expect_contains(e.what(), c.limit);
  }
  // A tiny efficiency multiplies the fuel price: the marginal cost itself is limited.
  auto e = read_error(replace(study, "efficiency: 0.5, fuel_eur_per_mwh_fuel: 20", "efficiency: 0.02, fuel_eur_per_mwh_fuel: 1e5"));
  expect_input_error(e, "generators[0].efficiency", 6);
  expect_contains(e.what(), "fuel_eur_per_mwh_fuel / efficiency + vom_eur_per_mwh = 5e+06 EUR/MWh");
  // Efficiencies divide flows and costs: at least 1 %.
  e = read_error(replace(study, "max_hours: 2", "max_hours: 2, efficiency_dispatch: 1e-300"));
  expect_input_error(e, "storage[0].efficiency_dispatch", 8);
  expect_contains(e.what(), "at least 0.01");
}

TEST(HostileInput, ValuesAtTheirLimitsSolveToAFiniteObjective) {
  // VOLL, fuel and market prices at 1e6 EUR/MWh, a 1e9 MW plant: Clp solves, and the
  // closed form holds: 3 h × 100 MW at the gas plant's 40 EUR/MWh, export capped at 0.
  std::string study = replace(base_study, "snapshots: 3,", "snapshots: 3, voll_eur_per_mwh: 1e6,");
  study = replace(study, "p_nom_mw: 200", "p_nom_mw: 1e9");
  study += "markets: [{name: m, region: A, max_import_mw: 1e9, import_price_eur_per_mwh: 1e6}]\n"
           "policies: [{kind: co2_cap, t_per_year: 1e12}]\n";
  const auto results = silkgrid::test::solve(study_from(study, {{"series.csv", good_csv}}));
  EXPECT_TRUE(std::isfinite(results.objective_eur));
  EXPECT_NEAR(results.objective_eur, 12000.0, 1e-6);
}

TEST(HostileInput, SolverAndTimeSettingsAreChecked) {
  auto e = read_error(std::string(base_study) + "solver: {log_level: 1e30}\n");
  expect_input_error(e, "solver.log_level", 8);
  expect_contains(e.what(), "whole number 0 to 4");
  e = read_error(std::string(base_study) + "solver: {log_level: 2.5}\n");
  expect_input_error(e, "solver.log_level", 8);
  e = read_error(std::string(base_study) + "solver: {time_limit_s: .inf}\n");
  expect_input_error(e, "solver.time_limit_s", 8);
  e = read_error(replace(base_study, "snapshots: 3,", "snapshots: 3, resolution_hours: .inf,"));
  expect_input_error(e, "study.resolution_hours", 1);
  e = read_error(replace(base_study, "snapshots: 3,", "snapshots: 3, snapshot_hours: 1e300,"));
  expect_input_error(e, "study.snapshot_hours", 1);
  e = read_error("study: {name: x, snapshots: 3, snapshot_hours: 1e-300}\nregions: [{name: A, country: KZ}]\n");
  expect_input_error(e, "study.snapshot_hours", 1);
  e = read_error("study: {name: x, snapshots: 3, snapshot_hours: 0.5, resolution_hours: 0.25}\nregions: [{name: A, country: KZ}]\n");
  expect_input_error(e, "study.resolution_hours", 1);
}

// The decomposition by time's options: each bad value an input error naming its line and key
// and what was expected; NaN and infinities are bad values too.
TEST(HostileInput, DecompositionSettingsAreChecked) {
  struct Case {
    std::string value, key, expected;
  };
  const std::vector<Case> cases = {
      {"decomposition: benders2", "solver.decomposition", "expected auto, none or benders, got 'benders2'"},
      {"decomposition: [auto]", "solver.decomposition", "expected a text value"},
      {"decomposition: Auto", "solver.decomposition", "expected auto, none or benders"},
      {"subperiod_hours: 0", "solver.subperiod_hours", "expected a number of hours in (0, 8784], got 0"},
      {"subperiod_hours: -24", "solver.subperiod_hours", "in (0, 8784]"},
      {"subperiod_hours: 8785", "solver.subperiod_hours", "in (0, 8784]"},
      {"subperiod_hours: .inf", "solver.subperiod_hours", "in (0, 8784], got inf"},
      {"subperiod_hours: .nan", "solver.subperiod_hours", "expected a number"},
      {"subperiod_hours: week", "solver.subperiod_hours", "expected a number, got 'week'"},
      {"gap: 0", "solver.gap", "expected a relative gap in (0, 1), got 0"},
      {"gap: 1", "solver.gap", "in (0, 1)"},
      {"gap: -1e-4", "solver.gap", "in (0, 1)"},
      {"gap: .nan", "solver.gap", "expected a number"},
      {"gap: -.inf", "solver.gap", "in (0, 1), got -inf"},
      {"max_iterations: 0", "solver.max_iterations", "expected a whole number 1 to 100000, got 0"},
      {"max_iterations: 2.5", "solver.max_iterations", "whole number 1 to 100000"},
      {"max_iterations: 100001", "solver.max_iterations", "whole number 1 to 100000"},
      {"max_iterations: 1e30", "solver.max_iterations", "whole number 1 to 100000"},
      {"max_iterations: .inf", "solver.max_iterations", "whole number 1 to 100000"},
      {"max_iterations: .nan", "solver.max_iterations", "expected a number"},
      {"stabilisation: 1", "solver.stabilisation", "expected a number in [0, 1) (0 = no stabilisation), got 1"},
      {"stabilisation: -0.1", "solver.stabilisation", "in [0, 1)"},
      {"stabilisation: .inf", "solver.stabilisation", "in [0, 1)"},
      {"stabilisation: .nan", "solver.stabilisation", "expected a number"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    // On a line of its own (line 10), after a good key.
    const Error e = read_error(std::string(base_study) + "solver:\n  method: dual\n  " + c.value + "\n");
    expect_input_error(e, c.key, 10);
    expect_contains(e.what(), c.expected);
  }
  // A solver section that is not a mapping lists the keys, the new ones too.
  Error e = read_error(std::string(base_study) + "solver: [gap]\n");
  expect_input_error(e, "solver", 8);
  expect_contains(e.what(), "decomposition, subperiod_hours, gap, max_iterations, stabilisation");
}

TEST(HostileInput, DecompositionSettingsAreReadOrDefault) {
  const auto defaults = study_from(base_study, {{"series.csv", good_csv}});
  EXPECT_EQ(defaults.solver.decomposition, silkgrid::model::Decomposition::automatic);
  EXPECT_EQ(defaults.solver.subperiod_hours, 168.0);
  EXPECT_EQ(defaults.solver.gap, 1e-4);
  EXPECT_EQ(defaults.solver.max_iterations, 500);
  EXPECT_EQ(defaults.solver.stabilisation, 0.5);
  // A solver section without them keeps the defaults too.
  const auto partial = study_from(std::string(base_study) + "solver: {method: primal}\n", {{"series.csv", good_csv}});
  EXPECT_EQ(partial.solver.decomposition, silkgrid::model::Decomposition::automatic);
  EXPECT_EQ(partial.solver.max_iterations, 500);
  const auto given = study_from(std::string(base_study) +
                                    "solver: {decomposition: benders, subperiod_hours: 8784, gap: 1e-3, "
                                    "max_iterations: 100000, stabilisation: 0}\n",
                                {{"series.csv", good_csv}});
  EXPECT_EQ(given.solver.decomposition, silkgrid::model::Decomposition::benders);
  EXPECT_EQ(given.solver.subperiod_hours, 8784.0);
  EXPECT_EQ(given.solver.gap, 1e-3);
  EXPECT_EQ(given.solver.max_iterations, 100000);
  EXPECT_EQ(given.solver.stabilisation, 0.0);
  const auto none = study_from(std::string(base_study) +
                                   "solver: {decomposition: none, subperiod_hours: 0.5, max_iterations: 1, "
                                   "stabilisation: 0.99}\n",
                               {{"series.csv", good_csv}});
  EXPECT_EQ(none.solver.decomposition, silkgrid::model::Decomposition::none);
  EXPECT_EQ(none.solver.subperiod_hours, 0.5);
  EXPECT_EQ(none.solver.max_iterations, 1);
  EXPECT_EQ(none.solver.stabilisation, 0.99);
  const auto autom = study_from(std::string(base_study) + "solver: {decomposition: auto}\n", {{"series.csv", good_csv}});
  EXPECT_EQ(autom.solver.decomposition, silkgrid::model::Decomposition::automatic);
}

TEST(HostileInput, DecompositionWordsRoundTrip) {
  using silkgrid::model::Decomposition;
  for (const auto d : {Decomposition::automatic, Decomposition::none, Decomposition::benders})
    EXPECT_EQ(silkgrid::model::parse_decomposition(silkgrid::model::to_string(d)), d);
  EXPECT_EQ(silkgrid::model::to_string(Decomposition::automatic), std::string("auto"));
  EXPECT_FALSE(silkgrid::model::parse_decomposition("automatic"));
  EXPECT_FALSE(silkgrid::model::parse_decomposition(""));
}

TEST(HostileInput, NegativeInitialLevelIsBadInputNotInfeasible) {
  const auto e = read_error(std::string(base_study) +
                            "storage: [{name: s, region: A, p_nom_mw: 10, max_hours: 2, cyclic: false, initial_mwh: -100}]\n");
  expect_input_error(e, "storage[0].initial_mwh", 8);
  expect_contains(e.what(), "expected a number >= 0, got -100");
}

TEST(HostileInput, NanNegativeZeroEmptyAndListValues) {
  auto e = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: .nan"));
  expect_input_error(e, "generators[0].p_nom_mw", 6);
  e = read_error(replace(base_study, "p_mw: 100", "p_mw: .NaN"));
  expect_input_error(e, "loads[0].p_mw", 4);
  expect_contains(e.what(), "expected a number, got '.NaN'");
  e = read_error(replace(base_study, "p_nom_mw: 200", "p_nom_mw: ''"));
  expect_input_error(e, "generators[0].p_nom_mw", 6);
  e = read_error(replace(base_study, "name: gas-A", "name: ''"));
  expect_input_error(e, "generators[0].name", 6);
  e = read_error(replace(base_study, "region: A, carrier: gas", "region: '', carrier: gas"));
  expect_input_error(e, "generators[0].region", 6);
  e = read_error(replace(base_study, "region: A, carrier: gas", "region: [A], carrier: gas"));
  expect_input_error(e, "generators[0].region", 6);
  e = read_error(replace(base_study, "efficiency: 0.5", "efficiency: {value: 0.5}"));
  expect_input_error(e, "generators[0].efficiency", 6);
  e = read_error(replace(base_study, "{name: hostile,", "{name: [hostile],"));
  expect_input_error(e, "study.name", 1);
  // -0 is 0: no "-0" in any result.
  const auto study = study_from(replace(base_study, "p_nom_mw: 0,", "p_nom_mw: -0.0,"), {{"series.csv", good_csv}});
  EXPECT_FALSE(std::signbit(study.generators.invest.p_nom_mw[1]));
  const auto series = study_from(base_study, {{"series.csv", "timestamp,wind_A\n2030-01-01T00:00,-0\n2030-01-01T01:00,-0.0\n"
                                                             "2030-01-01T02:00,0.7\n"}});
  EXPECT_FALSE(std::signbit(series.series.values[0][0]));
  EXPECT_FALSE(std::signbit(series.series.values[0][1]));
  // NaN and infinities in a CSV cell are not numbers either.
  for (const char* cell : {"nan", "inf", "-inf", "1e400"}) {
    const auto e = read_error(base_study, std::string("timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,") + cell +
                                              "\n2030-01-01T02:00,0.7\n");
    EXPECT_EQ(e.context().file, "test/series.csv") << cell;
    EXPECT_EQ(e.context().line, 3) << cell;
    expect_contains(e.what(), "expected a number");
  }
}

TEST(HostileInput, HugeWholeNumbers) {
  const std::string project = "projects: [{name: p, assets: [gas-A], lifetime_years: 30, construction_years: 1e12}]\n";
  auto e = read_error(std::string(base_study) + project);
  expect_input_error(e, "projects[0].construction_years", 8);
  e = read_error(std::string(base_study) +
                 "projects: [{name: p, assets: [gas-A], lifetime_years: 30, finance: {tranches: [{kind: commercial_debt, "
                 "share: 1, rate: 0.05, tenor_years: 1e12}]}}]\n");
  expect_input_error(e, "projects[0].finance.tranches[0].tenor_years", 8);
  e = read_error(std::string(base_study) + "projects: [{name: p, assets: [gas-A], lifetime_years: 1e9}]\n");
  expect_input_error(e, "projects[0].lifetime_years", 8);
  e = read_error(replace(base_study, "snapshots: 3,", "snapshots: 1e300,"));
  expect_input_error(e, "study.snapshots", 1);
  for (const char* seed : {"1e300", "-5", "1.5", "99999999999999999999"}) {
    e = read_error(std::string(base_study) + "weather: {seed: " + seed + ", hydro: [{name: h, capacity_factor: 0.4}]}\n");
    expect_input_error(e, "weather.seed", 8);
    expect_contains(e.what(), "expected a whole number in [0, 9e+15]");
  }
}

TEST(HostileInput, TimestampsOutOfOrderRepeatedOrWithGaps) {
  struct Case {
    const char* csv;
    const char* what;
    int line;
  };
  const std::vector<Case> cases = {
      {"timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T02:00,0.6\n2030-01-01T01:00,0.7\n", "a step of 2 h", 3},
      {"timestamp,wind_A\n2030-01-01T01:00,0.5\n2030-01-01T00:00,0.6\n2030-01-01T02:00,0.7\n", "out of order", 3},
      {"timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T00:00,0.6\n2030-01-01T01:00,0.7\n", "a repeated timestamp", 3},
      {"timestamp,wind_A\n2030-01-01T00:00,0.5\n2030-01-01T01:00,0.6\n2030-01-01T01:30,0.7\n", "a step of 0.5 h", 4},
  };
  for (const Case& c : cases) {
    const auto e = read_error(base_study, c.csv);
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_EQ(e.context().file, "test/series.csv");
    EXPECT_EQ(e.context().line, c.line) << c.csv;
    EXPECT_EQ(e.context().key, "timestamp");
    expect_contains(e.what(), c.what);
  }
  // The step is snapshot_hours; across midnight, month and year ends; seconds count.
  const std::string two_hourly = replace(base_study, "snapshots: 3,", "snapshots: 3, snapshot_hours: 2,");
  EXPECT_EQ(study_from(two_hourly, {{"series.csv", "timestamp,wind_A\n2030-12-31T20:00,0.5\n2030-12-31T22:00:00,0.6\n2031-01-01T00:00Z,0.7\n"}})
                .snapshots(),
            3u);
  const auto e = read_error(two_hourly, good_csv);
  expect_contains(e.what(), "a step of 1 h: expected one row per snapshot in time order, 2 h after 2030-01-01T00:00 on line 2");
}
