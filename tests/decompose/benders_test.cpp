// Benders decomposition by time against the monolithic LP (the reference): small studies with
// storage carried across subperiods, caps and shares that bind across them, expansion of every
// asset kind, a subperiod length that does not divide the horizon, weights other than 1.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "decompose/benders.hpp"
#include "formulate/build.hpp"
#include "support/builder.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using test::StudyBuilder;

namespace {

model::Results monolithic(const model::Study& study) { return test::solve(study); }

model::Results benders(const model::Study& study, decompose::Settings settings) {
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  formulate::SolveStudyOptions options;
  return decompose::solve_benders(study, options, settings, log);
}

decompose::Settings every(double hours, double stabilisation = 0.5) {
  decompose::Settings s;
  s.subperiod_hours = hours;
  s.gap = 1e-7;
  s.max_iterations = 2000;
  s.stabilisation = stabilisation;
  return s;
}

// A day-night cycle over `days` days: load 100 MW with an evening peak, solar by day, wind
// varying over days; gas existing, solar, wind, a battery and a long store extendable.
model::Study solar_battery(std::size_t days, bool cyclic = true) {
  const std::size_t T = 24 * days;
  test::Series load(T), sun(T), wind(T);
  for (std::size_t t = 0; t < T; ++t) {
    const double h = static_cast<double>(t % 24);
    load[t] = 100 + 30 * std::exp(-std::pow(h - 19, 2) / 4);
    sun[t] = std::max(0.0, std::sin((h - 6) / 12 * M_PI));
    wind[t] = 0.45 + 0.4 * std::sin(static_cast<double>(t) / 37.0);
  }
  return StudyBuilder(T)
      .carrier("gas", 0.2)
      .carrier("solar", 0, true)
      .carrier("wind", 0, true)
      .carrier("battery")
      .region("A")
      .load({.name = "load", .region = "A", .p_mw = load})
      .generator({.name = "gas", .region = "A", .carrier = "gas", .p_nom = 200, .efficiency = 0.5, .fuel = 60})
      .generator({.name = "pv", .region = "A", .carrier = "solar", .extendable = true, .capital_cost = 40000, .p_max_pu = sun})
      .generator({.name = "wind", .region = "A", .carrier = "wind", .extendable = true, .capital_cost = 90000, .p_max_pu = wind})
      .storage({.name = "battery", .region = "A", .carrier = "battery", .extendable = true, .capital_cost = 30000,
                .max_hours = 4, .efficiency_store = 0.95, .efficiency_dispatch = 0.95, .standing_loss = 0.001,
                .cyclic = cyclic, .initial_mwh = cyclic ? 0.0 : 50.0})
      .build();
}

void expect_same(const model::Study& study, const decompose::Settings& settings) {
  const model::Results mono = monolithic(study);
  const model::Results dec = benders(study, settings);
  ASSERT_TRUE(dec.decomposition);
  EXPECT_TRUE(dec.decomposition->converged);
  EXPECT_LE(dec.decomposition->lower_bound_eur, mono.objective_eur * (1 + 1e-9) + 1e-6);
  EXPECT_GE(dec.decomposition->upper_bound_eur, mono.objective_eur * (1 - 1e-9) - 1e-6);
  EXPECT_NEAR(dec.objective_eur, mono.objective_eur, 1e-6 * std::abs(mono.objective_eur));
}

}  // namespace

TEST(Benders, SubperiodsCloseOnceTheirHoursAreReached) {
  core::TimeAxis time = core::regular_time_axis("2030-01-01T00:00", 10, 3.0);
  const auto w = decompose::subperiods(time, 7.0);  // 3+3+3 ≥ 7: windows of 3 snapshots, then 1
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].first, 0u);
  EXPECT_EQ(w[0].count, 3u);
  EXPECT_EQ(w[3].first, 9u);
  EXPECT_EQ(w[3].count, 1u);
}

TEST(Benders, StorageCarriedAcrossSubperiodsMatchesTheMonolithicLp) {
  expect_same(solar_battery(4), every(24));
  expect_same(solar_battery(4, false), every(24));
  expect_same(solar_battery(4), every(24, 0.0));
}

namespace {
// Three regions in a triangle of AC lines (one extendable), an extendable HVDC link, wind in A,
// solar in B, gas in C, an extendable battery in B and a long store in A, a CO2 cap and a
// renewable share that bind over the horizon; 2-hour snapshots (weights 2) for `days` days.
model::Study network(int days, double co2_cap_t, double share) {
  const int T = days * 12;
  std::string csv = "timestamp,load_A,load_B,load_C,wind_A,sun_B\n";
  for (int t = 0; t < T; ++t) {
    const int hour = (2 * t) % 24, day = (2 * t) / 24;
    const double sun = std::max(0.0, std::sin((hour - 6) / 12.0 * M_PI));
    const double wind = 0.5 + 0.45 * std::sin(t / 9.0 + day);
    csv += fmt::format("2030-01-{:02d}T{:02d}:00,{},{},{},{:.6f},{:.6f}\n", 1 + day, hour, 80 + 20 * (hour > 16),
                       60 + 10 * (hour > 8), 150 + 40 * (hour > 17), wind, sun);
  }
  const std::string yaml = fmt::format(R"(
study: {{name: network, snapshot_hours: 2, snapshots: {T}, timeseries: series.csv, voll_eur_per_mwh: 3000}}
carriers: [{{name: gas, co2_t_per_mwh_fuel: 0.2}}, {{name: wind, renewable: true}}, {{name: solar, renewable: true}}, {{name: battery}}, {{name: h2}}]
regions: [{{name: A, country: KZ}}, {{name: B, country: AZ}}, {{name: C, country: GE}}]
loads: [{{name: lA, region: A, p_mw: load_A}}, {{name: lB, region: B, p_mw: load_B}}, {{name: lC, region: C, p_mw: load_C}}]
generators:
  - {{name: gas-C, region: C, carrier: gas, p_nom_mw: 400, efficiency: 0.5, fuel_eur_per_mwh_fuel: 30}}
  - {{name: wind-A, region: A, carrier: wind, extendable: true, p_nom_max_mw: 2000, p_max_pu: wind_A, capital_cost_eur_per_mw_year: 60000}}
  - {{name: pv-B, region: B, carrier: solar, extendable: true, p_nom_max_mw: 2000, p_max_pu: sun_B, capital_cost_eur_per_mw_year: 35000}}
lines:
  - {{name: AB, from: A, to: B, x_ohm: 10, v_nom_kv: 380, p_nom_mw: 150}}
  - {{name: BC, from: B, to: C, x_ohm: 10, v_nom_kv: 380, p_nom_mw: 150}}
  - {{name: AC, from: A, to: C, x_ohm: 20, v_nom_kv: 380, p_nom_mw: 50, extendable: true, p_nom_max_mw: 1000, capital_cost_eur_per_mw_year: 8000}}
links:
  - {{name: hvdc, from: A, to: C, extendable: true, p_nom_max_mw: 1000, efficiency: 0.97, capital_cost_eur_per_mw_year: 15000}}
storage:
  - {{name: bat-B, region: B, carrier: battery, extendable: true, max_hours: 4, efficiency_store: 0.95, efficiency_dispatch: 0.95, capital_cost_eur_per_mw_year: 20000}}
  - {{name: h2-A, region: A, carrier: h2, extendable: true, max_hours: 200, efficiency_store: 0.7, efficiency_dispatch: 0.5, standing_loss_per_hour: 0.0002, capital_cost_eur_per_mw_year: 30000, cyclic: false, initial_mwh: 500}}
policies:
  - {{kind: co2_cap, name: cap, regions: [A, B, C], t_per_year: {cap}}}
  - {{kind: min_renewable_share, name: share, regions: [A, B], share: {share}}}
)",
                                       fmt::arg("T", T), fmt::arg("cap", co2_cap_t), fmt::arg("share", share));
  return test::study_from(yaml, {{"series.csv", csv}});
}
}  // namespace

// Every asset kind extendable, Kirchhoff's law, a CO2 cap and a renewable share over the
// horizon, 2-hour weights, and subperiods of 26 h that do not divide the 6 days.
TEST(Benders, NetworkWithPoliciesAcrossSubperiodsMatchesTheMonolithicLp) {
  const model::Study free = network(6, 1e9, 0.0);
  const model::Study tight = network(6, 6000, 0.5);
  const double unconstrained = monolithic(free).objective_eur;
  const model::Results mono = monolithic(tight);
  // The policies bind: they cost something and price their rows.
  ASSERT_GT(mono.objective_eur, unconstrained * (1 + 1e-4));
  EXPECT_GT(mono.policy_shadow_price[0], 1e-3);
  for (const double hours : {26.0, 48.0}) {
    SCOPED_TRACE(hours);
    expect_same(tight, every(hours));
    const model::Results dec = benders(tight, every(hours));
    EXPECT_EQ(dec.decomposition->subperiods, static_cast<std::size_t>(std::ceil(72.0 / std::ceil(hours / 2.0))));
    // Results as a monolithic run gives them (the optimum is degenerate: wind against solar may
    // split otherwise, so the test checks what every optimum shares): the cost parts add up
    // to the objective, the cap and the share hold over the whole horizon.
    const double parts = dec.annualised_capex_eur + dec.operating_cost_eur + dec.import_cost_eur -
                         dec.export_revenue_eur + dec.unserved_cost_eur + dec.cbam_cost_eur;
    EXPECT_NEAR(parts, dec.objective_eur, 1e-6 * dec.objective_eur);
    EXPECT_LE(dec.co2_t(), 6000 * (1 + 1e-6));
    const double renewable = dec.generator_energy_mwh[1] + dec.generator_energy_mwh[2];
    EXPECT_GE(renewable, 0.5 * (dec.region_load_mwh[0] + dec.region_load_mwh[1]) * (1 - 1e-6));
    EXPECT_NEAR(dec.policy_value[1], renewable, 1e-6 * renewable);
    EXPECT_LE(dec.policy_value[0], 6000 * (1 + 1e-6));
    EXPECT_NEAR(dec.policy_shadow_price[0], mono.policy_shadow_price[0], 1e-2 * mono.policy_shadow_price[0] + 1e-3);
    EXPECT_EQ(dec.generator_p.cols, tight.snapshots());
    EXPECT_NEAR(dec.decomposition->penalty_eur, 0.0, 1e-6 * mono.objective_eur);
  }
}

// The same answer to the last digit whatever the number of threads.
TEST(Benders, DeterministicAcrossThreadCounts) {
  const model::Study study = network(4, 5000, 0.4);
  auto one = every(24);
  one.threads = 1;
  auto two = every(24);
  two.threads = 2;
  const model::Results a = benders(study, one), b = benders(study, two);
  EXPECT_EQ(a.objective_eur, b.objective_eur);
  EXPECT_EQ(a.decomposition->iterations.size(), b.decomposition->iterations.size());
  EXPECT_EQ(a.generator_p.data, b.generator_p.data);
}

// Warm and cold starts and plain Benders reach the same optimum.
TEST(Benders, WarmColdAndPlainAgree) {
  const model::Study study = network(4, 5000, 0.4);
  const double mono = monolithic(study).objective_eur;
  auto cold = every(24);
  cold.warm = false;
  EXPECT_NEAR(benders(study, cold).objective_eur, mono, 1e-6 * mono);
  EXPECT_NEAR(benders(study, every(24, 0.0)).objective_eur, mono, 1e-6 * mono);
}

// A Ctrl-C stops the decomposition with the interrupted error (exit 130).
TEST(Benders, CancelStopsIt) {
  const model::Study study = network(4, 5000, 0.4);
  core::Cancel cancel;
  cancel.request();
  formulate::SolveStudyOptions options;
  options.solver.cancel = &cancel;
  std::string sink;
  core::Logger log = core::capturing_logger(sink, core::LogLevel::warning);
  try {
    decompose::solve_benders(study, options, every(24), log);
    FAIL() << "expected an interruption";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::interrupted);
  }
}

// A renewable share whose budget split the master cannot know: day 2 has wind for 300 MW but
// only 100 MW of load to take it, so any budget above 2,400 MWh there needs the slack, while day
// 1 takes all of its wind anyway. The yearly share holds at such points, so their upper bound is
// the operation's own cost (the slack's penalty waived): every upper bound is still ≥ the
// monolithic optimum (a valid bound), and the optimum has no penalty.
TEST(Benders, BudgetSlacksWhereTheYearlyLimitHoldsAreNoPenalty) {
  std::string csv = "timestamp,wind\n";
  for (int t = 0; t < 48; ++t) csv += fmt::format("2030-01-{:02d}T{:02d}:00,{}\n", 1 + t / 24, t % 24, t < 24 ? 0.2 : 1.0);
  const model::Study study = test::study_from(R"(
study: {name: split, snapshot_hours: 1, snapshots: 48, timeseries: series.csv}
carriers: [{name: gas}, {name: wind, renewable: true}]
regions: [{name: A, country: KZ}]
loads: [{name: l, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 50}
  - {name: wind, region: A, carrier: wind, p_nom_mw: 300, p_max_pu: wind}
  - {name: wind-new, region: A, carrier: wind, extendable: true, p_nom_max_mw: 500, p_max_pu: wind, capital_cost_eur_per_mw_year: 1000}
policies:
  - {kind: min_renewable_share, name: share, regions: [A], share: 0.75}
)",
                                              {{"series.csv", csv}});
  const model::Results mono = monolithic(study);
  const model::Results dec = benders(study, every(24));
  EXPECT_NEAR(dec.objective_eur, mono.objective_eur, 1e-6 * mono.objective_eur);
  EXPECT_NEAR(dec.decomposition->penalty_eur, 0.0, 1e-9 * mono.objective_eur);
  for (const auto& it : dec.decomposition->iterations)
    if (std::isfinite(it.upper_bound_eur)) EXPECT_GE(it.upper_bound_eur, mono.objective_eur * (1 - 1e-9)) << it.iteration;
  // The share holds over the two days: 75 % of 4,800 MWh.
  EXPECT_GE(dec.policy_value[0], 3600 * (1 - 1e-9));
}

// Prices where the policies bind: each region's load-weighted average price of the decomposed
// run against the monolithic LP's (its balance duals, which carry the CO2 and renewable-share
// prices), so that no window's prices are a coupling slack's penalty.
TEST(Benders, PricesWithBindingPoliciesAreTheMonolithicOnes) {
  const model::Study tight = network(6, 6000, 0.5);
  const model::Results mono = monolithic(tight);
  const model::Results dec = benders(tight, every(26));
  for (std::size_t r = 0; r < tight.regions.size(); ++r) {
    double a = 0, b = 0, load = 0;
    for (std::size_t t = 0; t < tight.snapshots(); ++t) {
      a += mono.region_price(r, t) * mono.region_load(r, t);
      b += dec.region_price(r, t) * dec.region_load(r, t);
      load += mono.region_load(r, t);
      EXPECT_LT(std::abs(dec.region_price(r, t)), 3000.0 + 1e-6) << r << " " << t;  // at most VOLL
    }
    EXPECT_NEAR(b / load, a / load, 0.02 * std::abs(a / load) + 0.5) << tight.regions.name[r];
  }
}
