// The LP of a window of snapshots (formulate::Scope): capacities fixed or as columns, storage
// levels at the window's ends free, cyclic or fixed. Closed forms by hand, and the exact
// decomposition of a monolithic optimum into windows (the monolithic LP as the reference).
// Studies are built in C++ (tests/support/builder.hpp): no YAML.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "formulate/build.hpp"
#include "support/builder.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using formulate::Level;
using formulate::Scope;
using test::StudyBuilder;

namespace {

model::Results solve_scope(const model::Study& study, const Scope& scope) {
  formulate::BuildOptions options;
  options.scope = scope;
  const formulate::Built built = formulate::build(study, options);
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  const lp::Solution solution = lp::solve(built.lp, lp::SolveOptions{}, log);
  EXPECT_EQ(solution.status, lp::Status::optimal) << solution.status_text;
  return formulate::extract(study, built, solution);
}

// One region, 10 MW of load for 2 hours, gas at 50 EUR/MWh and a 20 MWh battery (fixed,
// lossless unless said): what the battery holds at the window's start is what saves gas.
model::Study battery_study(double standing_loss = 0) {
  return StudyBuilder(2)
      .carrier("gas")
      .carrier("battery")
      .region("A")
      .load({.name = "load-A", .region = "A", .p_mw = {10}})
      .generator({.name = "gas-A", .region = "A", .carrier = "gas", .p_nom = 100, .vom = 50})
      .storage({.name = "battery", .region = "A", .carrier = "battery", .p_nom = 10, .max_hours = 2,
                .standing_loss = standing_loss, .cyclic = false, .initial_mwh = 4})
      .build();
}

}  // namespace

TEST(Window, StorageLevelAtTheStartByHand) {
  const auto study = battery_study();
  Scope scope;
  // As the study says: it starts from initial_mwh = 4 → gas covers 20 − 4 = 16 MWh: 800 EUR.
  EXPECT_NEAR(solve_scope(study, scope).objective_eur, 800.0, 1e-6);
  // Free start: the battery may start full (20 MWh) and cover the whole load: 0 EUR.
  scope.start = Level::free;
  EXPECT_NEAR(solve_scope(study, scope).objective_eur, 0.0, 1e-6);
  // Fixed start at 5 MWh → 15 MWh of gas: 750 EUR.
  scope.start = Level::fixed;
  scope.start_mwh = {5.0};
  EXPECT_NEAR(solve_scope(study, scope).objective_eur, 750.0, 1e-6);
  // Fixed start 5 and fixed end 3: the battery gives 2 MWh → 18 MWh of gas: 900 EUR.
  scope.end = Level::fixed;
  scope.end_mwh = {3.0};
  const auto r = solve_scope(study, scope);
  EXPECT_NEAR(r.objective_eur, 900.0, 1e-6);
  EXPECT_NEAR(r.storage_soc(0, 1), 3.0, 1e-6);
  // Cyclic: the battery ends where it starts and saves nothing: 1,000 EUR.
  scope.start = scope.end = Level::cyclic;
  EXPECT_NEAR(solve_scope(study, scope).objective_eur, 1000.0, 1e-6);
}

TEST(Window, FixedStartLevelKeepsItsStandingLoss) {
  // Standing loss 10 %/h: a fixed level of 10 MWh before the window holds 9 MWh in its first
  // hour, so gas covers 20 − 9 = 11 MWh: 550 EUR.
  const auto study = battery_study(0.1);
  Scope scope;
  scope.start = Level::fixed;
  scope.start_mwh = {10.0};
  EXPECT_NEAR(solve_scope(study, scope).objective_eur, 550.0, 1e-6);
}

TEST(Window, OneSnapshotOfTheHorizon) {
  // 24 hours of 100 MW at 42 EUR/MWh; the window of hours 5–7 costs 3 × 4,200 EUR.
  const auto study = StudyBuilder(24)
                         .carrier("gas")
                         .region("A")
                         .load({.name = "load-A", .region = "A", .p_mw = {100}})
                         .generator({.name = "gas-A", .region = "A", .carrier = "gas", .p_nom = 200, .efficiency = 0.5,
                                     .fuel = 20, .vom = 2})
                         .build();
  Scope scope;
  scope.first = 5;
  scope.count = 3;
  const auto r = solve_scope(study, scope);
  EXPECT_NEAR(r.objective_eur, 3 * 4200.0, 1e-6);
  EXPECT_EQ(r.generator_p.cols, 3u);
  formulate::BuildOptions named;
  named.names = true;
  named.scope = scope;
  const auto built = formulate::build(study, named);
  EXPECT_EQ(built.lp.num_cols, 3 * 2);  // p and unserved, 3 snapshots
  EXPECT_EQ(built.lp.col_names[static_cast<std::size_t>(built.column("generator.p", 0, 0))], "p(gas-A,5)");
  EXPECT_EQ(built.lp.row_names[static_cast<std::size_t>(built.row("balance", 0, 2))], "balance(A,7)");
}

// A monolithic optimum splits exactly into windows: with the capacities fixed at their optimum
// and the storage level fixed at each cut as the monolithic run had it, the windows' operating
// costs add up to the monolithic objective less the annuities, and their dispatch is optimal.
TEST(Window, MonolithicOptimumDecomposesIntoWindows) {
  const test::Series solar = {0, 0.2, 0.7, 1.0, 0.8, 0.3, 0, 0, 0, 0.4, 0.9, 0.5};
  const test::Series load = {60, 55, 50, 60, 70, 80, 95, 90, 70, 60, 65, 85};
  const auto study = StudyBuilder(12)
                         .voll(3000)
                         .carrier("gas", 0.2)
                         .carrier("solar", 0, true)
                         .carrier("battery")
                         .region("A")
                         .region("B", "AZ")
                         .load({.name = "load-B", .region = "B", .p_mw = load})
                         .generator({.name = "gas-B", .region = "B", .carrier = "gas", .p_nom = 70, .efficiency = 0.5,
                                     .fuel = 30})
                         .generator({.name = "solar-A", .region = "A", .carrier = "solar", .extendable = true,
                                     .p_nom_max = 400, .capital_cost = 4, .p_max_pu = solar})
                         .link({.name = "cable", .from = "A", .to = "B", .extendable = true, .capital_cost = 3,
                                .efficiency = 0.95})
                         .storage({.name = "battery", .region = "B", .carrier = "battery", .extendable = true,
                                   .capital_cost = 6, .max_hours = 4, .efficiency_store = 0.9,
                                   .efficiency_dispatch = 0.9, .standing_loss = 0.01, .cyclic = false})
                         .build();
  const auto mono = test::solve(study);
  ASSERT_GT(mono.storage_power_mw[0], 1.0);  // the battery is worth building here
  formulate::Capacities caps{mono.generator_capacity_mw, mono.link_capacity_mw, mono.line_capacity_mw, mono.storage_power_mw};
  for (const std::size_t cut : {3u, 6u, 9u}) {
    const double level = mono.storage_soc(0, cut - 1);
    Scope a;
    a.count = cut;
    a.fixed_capacities = caps;
    a.end = Level::fixed;
    a.end_mwh = {level};
    Scope b;
    b.first = cut;
    b.fixed_capacities = caps;
    b.start = Level::fixed;
    b.start_mwh = {level};
    const auto ra = solve_scope(study, a), rb = solve_scope(study, b);
    EXPECT_NEAR(ra.objective_eur + rb.objective_eur + mono.annualised_capex_eur, mono.objective_eur,
                1e-7 * mono.objective_eur)
        << "cut at " << cut;
    EXPECT_NEAR(ra.annualised_capex_eur, mono.annualised_capex_eur, 1e-6);  // reported, not optimised
    EXPECT_EQ(rb.generator_p.cols, 12 - cut);
  }
  // The whole horizon with the capacities fixed costs the monolithic objective less the annuities.
  Scope all;
  all.fixed_capacities = caps;
  EXPECT_NEAR(solve_scope(study, all).objective_eur + mono.annualised_capex_eur, mono.objective_eur, 1e-7 * mono.objective_eur);
  // Capacities as columns over the whole horizon: the monolithic LP itself.
  EXPECT_NEAR(solve_scope(study, Scope{}).objective_eur, mono.objective_eur, 1e-7 * mono.objective_eur);
}

TEST(Window, FixedCapacitiesBoundTheFlows) {
  // An extendable gas plant fixed at 60 MW by the scope cannot cover 100 MW: 40 MW unserved.
  const auto study = StudyBuilder(2)
                         .voll(1000)
                         .carrier("gas")
                         .region("A")
                         .load({.name = "load-A", .region = "A", .p_mw = {100}})
                         .generator({.name = "gas-A", .region = "A", .carrier = "gas", .extendable = true,
                                     .capital_cost = 10, .vom = 20})
                         .build();
  Scope scope;
  scope.fixed_capacities = formulate::Capacities{{60.0}, {}, {}, {}};
  const auto r = solve_scope(study, scope);
  // 2 h × (60 MW × 20 + 40 MW × 1,000) = 82,400 EUR; the capacity's annuity is reported only.
  EXPECT_NEAR(r.objective_eur, 82400.0, 1e-6);
  EXPECT_NEAR(r.generator_capacity_mw[0], 60.0, 1e-9);
  EXPECT_NEAR(r.annualised_capex_eur, 600.0, 1e-9);
  EXPECT_NEAR(r.region_unserved_mwh[0], 80.0, 1e-6);
}

TEST(Window, BadScopesAreRefused) {
  const auto study = battery_study();
  const auto refused = [&](Scope scope, const std::string& words) {
    formulate::BuildOptions options;
    options.scope = std::move(scope);
    try {
      formulate::build(study, options);
      ADD_FAILURE() << "expected an error mentioning " << words;
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::input);
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  Scope late;
  late.first = 2;
  refused(late, "starts at snapshot 2");
  Scope empty;
  empty.count = 0;
  refused(empty, "no snapshot");
  Scope half;
  half.start = Level::cyclic;
  refused(half, "both be cyclic");
  Scope levels;
  levels.start = Level::fixed;
  refused(levels, "one value per storage");
  Scope caps;
  caps.fixed_capacities = formulate::Capacities{{1.0, 2.0}, {}, {}, {}};
  refused(caps, "expected 1 fixed generator");
  Scope nan;
  nan.end = Level::fixed;
  nan.end_mwh = {std::nan("")};
  refused(nan, "finite storage levels");
}
