// Small studies whose optimum is worked out by hand (the numbers in the comments).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "formulate/cycles.hpp"
#include "support/studies.hpp"

using silkgrid::test::index_of;
using silkgrid::test::solve;
using silkgrid::test::study_from;

namespace {
constexpr double tol = 1e-6;

std::string hours_csv(int n, const std::string& header, const std::function<std::string(int)>& row) {
  std::string csv = "timestamp," + header + "\n";
  for (int t = 0; t < n; ++t) csv += fmt::format("2030-01-01T{:02d}:00,{}\n", t, row(t));
  return csv;
}
}  // namespace

// One region, one gas plant: cost = load × hours × (fuel / efficiency + vom).
TEST(ClosedForm, OneRegionOneGasPlant) {
  const auto study = study_from(R"(
study: {name: one, snapshots: 24, snapshot_hours: 1}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, fuel_eur_per_mwh_fuel: 20, vom_eur_per_mwh: 2}
)");
  const auto r = solve(study);
  // marginal cost 20/0.5 + 2 = 42 EUR/MWh; 100 MW × 24 h = 2,400 MWh → 100,800 EUR.
  EXPECT_NEAR(r.objective_eur, 100800.0, tol);
  EXPECT_NEAR(r.operating_cost_eur, 100800.0, tol);
  EXPECT_NEAR(r.generator_energy_mwh[0], 2400.0, tol);
  // CO2: 0.2 / 0.5 = 0.4 t/MWh × 2,400 MWh = 960 t.
  EXPECT_NEAR(r.co2_t(), 960.0, tol);
  for (std::size_t t = 0; t < 24; ++t) EXPECT_NEAR(r.region_price(0, t), 42.0, tol);
  EXPECT_NEAR(r.unserved_mwh(), 0.0, tol);
}

// Snapshot weights multiply operating terms exactly (3-hour blocks).
TEST(ClosedForm, SnapshotWeightsScaleOperatingCosts) {
  const auto study = study_from(R"(
study: {name: weighted, snapshots: 8, snapshot_hours: 3}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 50}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 10}]
)");
  const auto r = solve(study);
  // 50 MW × 8 × 3 h = 1,200 MWh × 10 EUR = 12,000 EUR; price per MWh stays 10.
  EXPECT_NEAR(r.objective_eur, 12000.0, tol);
  EXPECT_NEAR(r.region_price(0, 5), 10.0, tol);
}

// Two regions joined by a congested lossy cable.
TEST(ClosedForm, TwoRegionsLossyCable) {
  const auto study = study_from(R"(
study: {name: two, snapshots: 24}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-B, region: B, p_mw: 100}]
generators:
  - {name: cheap-A, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 20}
  - {name: dear-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}
links: [{name: cable, from: A, to: B, p_nom_mw: 80, efficiency: 0.9}]
)");
  const auto r = solve(study);
  // A sends 80 MW, B receives 72 MW, B's own plant makes 28 MW:
  // 24 × (80 × 20 + 28 × 50) = 72,000 EUR.
  EXPECT_NEAR(r.objective_eur, 72000.0, tol);
  for (std::size_t t = 0; t < 24; ++t) {
    EXPECT_NEAR(r.link_forward(0, t), 80.0, tol);
    EXPECT_NEAR(r.link_backward(0, t), 0.0, tol);
    EXPECT_NEAR(r.generator_p(1, t), 28.0, tol);
    EXPECT_NEAR(r.region_price(0, t), 20.0, tol);  // A's own marginal plant
    EXPECT_NEAR(r.region_price(1, t), 50.0, tol);  // congested: B's plant sets the price
  }
}

// An uncongested lossy cable: the receiving price is the sending price / efficiency.
TEST(ClosedForm, UncongestedCablePricesDifferByTheLoss) {
  const auto study = study_from(R"(
study: {name: two, snapshots: 4}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-B, region: B, p_mw: 90}]
generators:
  - {name: cheap-A, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 36}
  - {name: dear-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 50}
links: [{name: cable, from: A, to: B, p_nom_mw: 1000, efficiency: 0.9}]
)");
  const auto r = solve(study);
  // Importing costs 36 / 0.9 = 40 < 50: A sends 100 MW for B's 90 MW → 4 × 100 × 36 = 14,400.
  EXPECT_NEAR(r.objective_eur, 14400.0, tol);
  EXPECT_NEAR(r.region_price(1, 0), 40.0, tol);
  EXPECT_NEAR(r.region_price(0, 0), 36.0, tol);
}

// A bidirectional link carries energy both ways, losing 1 − η each way.
TEST(ClosedForm, BidirectionalLinkFlowsBothWays) {
  const auto csv = hours_csv(2, "load_A,load_B", [](int t) { return t == 0 ? "0,45" : "45,0"; });
  const auto study = study_from(R"(
study: {name: both-ways, snapshots: 2, timeseries: series.csv}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-A, region: A, p_mw: load_A}, {name: load-B, region: B, p_mw: load_B}]
generators:
  - {name: g-A, region: A, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10, p_max_pu: 1}
  - {name: g-B, region: B, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10}
  - {name: peak-A, region: A, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 100}
  - {name: peak-B, region: B, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 100}
links: [{name: cable, from: A, to: B, p_nom_mw: 100, efficiency: 0.9}]
)",
                                {{"series.csv", csv}});
  const auto r = solve(study);
  // Both regions have the same cheap plant, so each serves itself: 2 × 45 × 10 = 900, no flow.
  EXPECT_NEAR(r.objective_eur, 900.0, tol);

  const auto one_sided = study_from(R"(
study: {name: both-ways, snapshots: 2, timeseries: series.csv}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-A, region: A, p_mw: load_A}, {name: load-B, region: B, p_mw: load_B}]
generators:
  - {name: g-A, region: A, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10, p_max_pu: cap_A}
  - {name: g-B, region: B, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 10, p_max_pu: cap_B}
  - {name: peak-A, region: A, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 100}
  - {name: peak-B, region: B, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 100}
links: [{name: cable, from: A, to: B, p_nom_mw: 100, efficiency: 0.9}]
)",
                                    {{"series.csv", hours_csv(2, "load_A,load_B,cap_A,cap_B", [](int t) {
                                        return t == 0 ? "0,45,1,0" : "45,0,0,1";
                                      })}});
  const auto s = solve(one_sided);
  // Hour 0: B's cheap plant is off, A sends 50 MW forward (45 arrive). Hour 1: B sends 50 back.
  EXPECT_NEAR(s.link_forward(0, 0), 50.0, tol);
  EXPECT_NEAR(s.link_backward(0, 1), 50.0, tol);
  EXPECT_NEAR(s.objective_eur, 2 * 50 * 10.0, tol);
}

// Storage arbitrage against a two-level price: charge in the 12 cheap hours, discharge in the
// 12 dear ones, limited by the 40 MWh reservoir.
TEST(ClosedForm, StorageArbitrageAgainstTwoLevelPrice) {
  const auto csv = hours_csv(24, "price", [](int t) { return t < 12 ? "20" : "100"; });
  const auto study = study_from(R"(
study: {name: arbitrage, snapshots: 24, timeseries: series.csv}
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 10}]
storage:
  - {name: battery, region: A, p_nom_mw: 10, max_hours: 4, efficiency_store: 0.9, efficiency_dispatch: 0.9}
markets:
  - {name: grid, region: A, import_price_eur_per_mwh: price, max_import_mw: 1000}
)",
                                {{"series.csv", csv}});
  const auto r = solve(study);
  // Without storage: 120 MWh × 20 + 120 MWh × 100 = 14,400. The battery fills 40 MWh by
  // buying 40 / 0.9 MWh at 20 and delivers 40 × 0.9 = 36 MWh in the dear hours:
  // 14,400 − 36 × 100 + (40 / 0.9) × 20 = 11,688.888…
  EXPECT_NEAR(r.objective_eur, 14400.0 - 3600.0 + 40.0 / 0.9 * 20.0, 1e-5);
  double charged = 0, discharged = 0, peak_soc = 0;
  for (std::size_t t = 0; t < 24; ++t) {
    charged += r.storage_charge(0, t);
    discharged += r.storage_discharge(0, t);
    peak_soc = std::max(peak_soc, r.storage_soc(0, t));
    if (t < 12) {
      EXPECT_NEAR(r.storage_discharge(0, t), 0.0, tol);
    }
  }
  EXPECT_NEAR(charged, 40.0 / 0.9, 1e-5);
  EXPECT_NEAR(discharged, 36.0, 1e-5);
  EXPECT_NEAR(peak_soc, 40.0, 1e-5);
}

// Standing losses: what is stored for k hours keeps (1 − σ)^k of itself.
TEST(ClosedForm, StorageStandingLoss) {
  const auto csv = hours_csv(2, "price,load", [](int t) { return t == 0 ? "10,0" : "100,9"; });
  const auto study = study_from(R"(
study: {name: leaky, snapshots: 2, timeseries: series.csv}
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: load}]
storage:
  - {name: tank, region: A, p_nom_mw: 100, max_hours: 10, standing_loss_per_hour: 0.1}
markets:
  - {name: grid, region: A, import_price_eur_per_mwh: price, max_import_mw: 1000}
)",
                                {{"series.csv", csv}});
  const auto r = solve(study);
  // Buy c at 10 in hour 0; one hour later 0.9·c is left to serve the 9 MWh: c = 10 → cost 100
  // (instead of 900). The cycle closes: hour 1 ends empty, and hour 0 starts from it.
  EXPECT_NEAR(r.objective_eur, 100.0, 1e-6);
  EXPECT_NEAR(r.storage_charge(0, 0), 10.0, 1e-6);
}

// An extendable plant with a known annuity: build exactly the peak.
TEST(ClosedForm, ExtendableCapacityWithKnownAnnuity) {
  const auto study = study_from(R"(
study: {name: expand, snapshots: 24, snapshot_hours: 365, discount_rate: 0.07, voll_eur_per_mwh: 3000}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: new-gas, region: A, carrier: gas, extendable: true, capex_eur_per_kw: 500, fom_pct_per_year: 2,
     lifetime_years: 20, vom_eur_per_mwh: 30}
)");
  const auto r = solve(study);
  // annuity factor 0.07 / (1 − 1.07^−20) = 0.0943929257…; per MW-year:
  // 500,000 × (0.0943929257 + 0.02) = 57,196.4629 EUR. Build 100 MW; run 8,760 h at 30 EUR/MWh.
  const double annuity = 57196.46287162784;
  EXPECT_NEAR(r.generator_capacity_mw[0], 100.0, 1e-6);
  EXPECT_NEAR(r.annualised_capex_eur, 100 * annuity, 1e-4);
  EXPECT_NEAR(r.objective_eur, 100 * annuity + 100 * 8760 * 30.0, 1e-3);
  // The price in each block carries the capacity cost: 30 + annuity / 8760 h spread over
  // the 24 blocks (the dual of the peak); their load-weighted sum equals the total cost.
  double revenue = 0;
  for (std::size_t t = 0; t < 24; ++t) revenue += 365 * 100 * r.region_price(0, t);
  EXPECT_NEAR(revenue, r.objective_eur, 1e-3);
}

// An asset's own discount rate replaces the study's.
TEST(ClosedForm, AssetDiscountRateOverridesTheStudy) {
  const auto study = study_from(R"(
study: {name: expand, snapshots: 1, snapshot_hours: 8760, discount_rate: 0.07}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 10}]
generators:
  - {name: new-gas, region: A, carrier: gas, extendable: true, capex_eur_per_kw: 500, fom_pct_per_year: 2,
     lifetime_years: 20, discount_rate: 0.03}
)");
  const auto r = solve(study);
  // 0.03 / (1 − 1.03^−20) = 0.0672157076…; 500,000 × (0.0672157076 + 0.02) = 43,607.8538 per MW.
  EXPECT_NEAR(r.objective_eur, 10 * 43607.85379842955, 1e-4);
}

// A binding CO2 cap and its price.
TEST(ClosedForm, BindingCo2CapAndItsPrice) {
  const auto study = study_from(R"(
study: {name: cap, snapshots: 10}
carriers: [{name: coal, co2_t_per_mwh_fuel: 0.5}, {name: gas, co2_t_per_mwh_fuel: 0.2}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: coal-A, region: A, carrier: coal, p_nom_mw: 200, efficiency: 0.5, vom_eur_per_mwh: 20}
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, efficiency: 0.5, vom_eur_per_mwh: 50}
policies:
  - {kind: co2_cap, name: cap, regions: [A], t_per_year: 700}
)");
  const auto r = solve(study);
  // Coal emits 1.0 t/MWh, gas 0.4. Uncapped: 1,000 MWh of coal = 1,000 t. Capped at 700:
  // x + 0.4 (1,000 − x) = 700 → x = 500 MWh of coal, 500 of gas: 500×20 + 500×50 = 35,000.
  EXPECT_NEAR(r.objective_eur, 35000.0, 1e-6);
  EXPECT_NEAR(r.co2_t(), 700.0, 1e-6);
  EXPECT_NEAR(r.generator_energy_mwh[0], 500.0, 1e-6);
  // CO2 price makes both equally dear: (50 − 20) / (1.0 − 0.4) = 50 EUR/t; power price 70.
  EXPECT_NEAR(r.policy_shadow_price[0], 50.0, 1e-6);
  EXPECT_NEAR(r.region_price(0, 3), 70.0, 1e-6);
}

// A binding minimum renewable share and its price.
TEST(ClosedForm, BindingRenewableShare) {
  const auto study = study_from(R"(
study: {name: share, snapshots: 10}
carriers: [{name: gas}, {name: wind, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 30}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 100, vom_eur_per_mwh: 40}
policies:
  - {kind: min_renewable_share, regions: [A], share: 0.3}
)");
  const auto r = solve(study);
  // Wind is dearer, so it runs only as much as the share demands: 300 of 1,000 MWh.
  // 300 × 40 + 700 × 30 = 33,000; the share's price is 40 − 30 = 10 EUR per MWh.
  EXPECT_NEAR(r.objective_eur, 33000.0, 1e-6);
  EXPECT_NEAR(r.generator_energy_mwh[1], 300.0, 1e-6);
  EXPECT_NEAR(r.policy_shadow_price[0], 10.0, 1e-6);
}

// Capacity limits per region and carrier.
TEST(ClosedForm, MaxCapacityPolicyLimitsTheBuild) {
  const auto study = study_from(R"(
study: {name: limit, snapshots: 1, snapshot_hours: 8760, voll_eur_per_mwh: 1000}
carriers: [{name: wind, renewable: true}, {name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: wind-old, region: A, carrier: wind, p_nom_mw: 20}
  - {name: wind-new, region: A, carrier: wind, extendable: true, capex_eur_per_kw: 100, lifetime_years: 10,
     discount_rate: 0}
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 50}
policies:
  - {kind: max_capacity, regions: [A], carrier: wind, mw: 70}
)");
  const auto r = solve(study);
  // New wind costs 100,000 / 10 = 10,000 EUR/MW-year, far below gas (438,000 per MW-year of
  // output), so it is built up to the limit: 70 − 20 existing = 50 MW. Gas serves the other 30 MW.
  EXPECT_NEAR(r.generator_capacity_mw[1], 50.0, 1e-6);
  EXPECT_NEAR(r.objective_eur, 50 * 10000.0 + 30 * 8760 * 50.0, 1e-4);
  // One more MW of wind would save 8,760 × 50 − 10,000 = 428,000 EUR/year.
  EXPECT_NEAR(r.policy_shadow_price[0], 428000.0, 1e-4);
}

// Unserved load at VOLL.
TEST(ClosedForm, UnservedLoadAtVoll) {
  const auto study = study_from(R"(
study: {name: short, snapshots: 5, voll_eur_per_mwh: 1000}
carriers: [{name: gas}]
regions: [{name: A, country: GE}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 60, vom_eur_per_mwh: 30}]
)");
  const auto r = solve(study);
  // 60 MW served at 30, 40 MW unserved at 1,000 for 5 h: 5 × (1,800 + 40,000) = 209,000.
  EXPECT_NEAR(r.objective_eur, 209000.0, 1e-6);
  EXPECT_NEAR(r.unserved_mwh(), 200.0, 1e-6);
  EXPECT_NEAR(r.unserved_cost_eur, 200000.0, 1e-6);
  EXPECT_NEAR(r.region_price(0, 2), 1000.0, 1e-6);
}

// Export revenue lowers the objective; imports raise it.
TEST(ClosedForm, MarketExportsAndImports) {
  const auto study = study_from(R"(
study: {name: trade, snapshots: 10}
carriers: [{name: solar, renewable: true}]
regions: [{name: RO, country: RO}]
loads: [{name: load, region: RO, p_mw: 50}]
generators: [{name: pv, region: RO, carrier: solar, p_nom_mw: 80, vom_eur_per_mwh: 5}]
markets:
  - {name: EU, region: RO, export_price_eur_per_mwh: 100, import_price_eur_per_mwh: 120, max_export_mw: 20, max_import_mw: 0}
)");
  const auto r = solve(study);
  // pv makes 70 MW (50 load + 20 exported, the export limit): 10 × (70 × 5 − 20 × 100) = −16,500.
  EXPECT_NEAR(r.objective_eur, -16500.0, 1e-6);
  EXPECT_NEAR(r.market_exports_mwh[0], 200.0, 1e-6);
  EXPECT_NEAR(r.export_revenue_eur, 20000.0, 1e-6);
  // Unused solar (10 MW × 10 h) is curtailment.
  EXPECT_NEAR(r.curtailment_mwh(), 100.0, 1e-6);
}

// The LP of a study without extendable assets has capacities only as bounds: its rows are
// the balances and storage levels, nothing else.
TEST(ClosedForm, FixedCapacitiesAreBoundsNotRows) {
  const auto study = study_from(R"(
study: {name: fixed, snapshots: 6}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: AZ}]
loads: [{name: load-B, region: B, p_mw: 10}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 50, vom_eur_per_mwh: 1}]
links: [{name: cable, from: A, to: B, p_nom_mw: 80, efficiency: 0.95}]
storage: [{name: battery, region: B, p_nom_mw: 5, max_hours: 2}]
)");
  const auto built = silkgrid::formulate::build(study);
  EXPECT_EQ(built.lp.num_rows, 2 * 6 + 6);  // balances + storage levels
  // p, f+, f−, c, d, e, u: 1 + 2 + 3 + 2 columns per snapshot (no market).
  EXPECT_EQ(built.lp.num_cols, 6 * (1 + 2 + 3) + 2 * 6);
  const std::size_t p0 = static_cast<std::size_t>(built.column("generator.p", 0, 0));
  EXPECT_EQ(built.lp.col_upper[p0], 50.0);
  const std::size_t e0 = static_cast<std::size_t>(built.column("storage.level", 0, 0));
  EXPECT_EQ(built.lp.col_upper[e0], 10.0);
}

// A renewable share restricted to some carriers counts only those.
TEST(ClosedForm, RenewableShareOfListedCarriersOnly) {
  const auto study = study_from(R"(
study: {name: share, snapshots: 10}
carriers: [{name: gas}, {name: wind, renewable: true}, {name: hydro, renewable: true}]
regions: [{name: A, country: UZ}]
loads: [{name: load-A, region: A, p_mw: 100}]
generators:
  - {name: gas-A, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 30}
  - {name: wind-A, region: A, carrier: wind, p_nom_mw: 100, vom_eur_per_mwh: 40}
  - {name: hydro-A, region: A, carrier: hydro, p_nom_mw: 50, vom_eur_per_mwh: 1}
policies:
  - {kind: min_renewable_share, regions: [A], share: 0.4, carriers: [wind]}
)");
  const auto r = solve(study);
  // Hydro (cheapest) runs flat out, 500 MWh, but does not count: wind must make 400 MWh,
  // gas the remaining 100. 500 × 1 + 400 × 40 + 100 × 30 = 19,500.
  EXPECT_NEAR(r.objective_eur, 19500.0, 1e-6);
  EXPECT_NEAR(r.generator_energy_mwh[1], 400.0, 1e-6);
}

// Averaging profiles into 3-hour blocks keeps the energy; the weights become 3 h.
TEST(ClosedForm, ResolutionAveragesProfilesIntoBlocks) {
  std::string csv = "timestamp,load\n";
  for (int t = 0; t < 7; ++t) csv += fmt::format("2030-01-01T{:02d}:00,{}\n", t, 10 * (t + 1));
  const auto study = study_from(R"(
study: {name: blocks, timeseries: series.csv, resolution_hours: 3}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}]
loads: [{name: load-A, region: A, p_mw: load}]
generators: [{name: gas-A, region: A, carrier: gas, p_nom_mw: 200, vom_eur_per_mwh: 2}]
)",
                                {{"series.csv", csv}});
  // Blocks {10,20,30}, {40,50,60}, {70}: means 20, 50, 70 with weights 3, 3, 1.
  ASSERT_EQ(study.snapshots(), 3u);
  EXPECT_EQ(study.time.weights, (std::vector<double>{3, 3, 1}));
  EXPECT_EQ(study.time.timestamps[1], "2030-01-01T03:00");
  const auto r = solve(study);
  // Energy 280 MWh either way, × 2 EUR.
  EXPECT_NEAR(r.objective_eur, 560.0, 1e-9);
  EXPECT_NEAR(r.generator_p(0, 1), 50.0, 1e-9);
}

// Kirchhoff's voltage law: in a triangle of equal AC lines, power from A to C splits 2:1
// between the direct line and the path through B.
TEST(ClosedForm, LinesSplitFlowByReactance) {
  const std::string base = R"(
study: {name: triangle, snapshots: 2}
carriers: [{name: gas}]
regions: [{name: A, country: GE}, {name: B, country: GE}, {name: C, country: GE}]
loads: [{name: load-C, region: C, p_mw: 90}]
generators:
  - {name: cheap-A, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 10}
  - {name: dear-C, region: C, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 50}
lines:
  - {name: AB, from: A, to: B, x_ohm: 10, v_nom_kv: 380, p_nom_mw: 1000}
  - {name: BC, from: B, to: C, x_ohm: 10, v_nom_kv: 380, p_nom_mw: 1000}
  - {name: AC, from: A, to: C, x_ohm: 10, v_nom_kv: 380, p_nom_mw: CAP}
)";
  auto with_cap = [&](const char* cap) {
    std::string yaml = base;
    yaml.replace(yaml.find("CAP"), 3, cap);
    return solve(study_from(yaml));
  };
  const auto free = with_cap("1000");
  EXPECT_NEAR(free.objective_eur, 2 * 90 * 10.0, 1e-6);
  EXPECT_NEAR(free.line_flow(2, 0), 60.0, 1e-6);  // A → C direct: 2/3
  EXPECT_NEAR(free.line_flow(0, 0), 30.0, 1e-6);  // A → B → C: 1/3
  EXPECT_NEAR(free.line_flow(1, 0), 30.0, 1e-6);

  // With A–C limited to 50 MW, A can deliver only 50 + 25 = 75 MW; C's own plant makes 15.
  // Prices: λ_A = 10, λ_C = 50, and the line's shadow price μ = (50 − 10) / (2/3) = 60, so
  // λ_B = 50 − 60 × 1/3 = 30 (an injection at B loads A–C with 1/3 of itself).
  const auto congested = with_cap("50");
  EXPECT_NEAR(congested.objective_eur, 2 * (75 * 10.0 + 15 * 50.0), 1e-6);
  EXPECT_NEAR(congested.line_flow(2, 0), 50.0, 1e-6);
  EXPECT_NEAR(congested.region_price(0, 0), 10.0, 1e-6);
  EXPECT_NEAR(congested.region_price(1, 0), 30.0, 1e-6);
  EXPECT_NEAR(congested.region_price(2, 0), 50.0, 1e-6);
}

// DC lines follow resistance: parallel lines share flow in inverse proportion to r.
TEST(ClosedForm, DcLinesSplitFlowByResistance) {
  const auto r = solve(study_from(R"(
study: {name: dc, snapshots: 1}
carriers: [{name: gas}]
regions: [{name: D1, country: RO}, {name: D2, country: RO}]
loads: [{name: load, region: D2, p_mw: 40}]
generators: [{name: g, region: D1, carrier: gas, p_nom_mw: 100, vom_eur_per_mwh: 1}]
lines:
  - {name: low, from: D1, to: D2, kind: dc, r_ohm: 1, v_nom_kv: 200, p_nom_mw: 100}
  - {name: high, from: D2, to: D1, kind: dc, r_ohm: 3, v_nom_kv: 200, p_nom_mw: 100}
)"));
  // 3/4 over the low-resistance line; the other is drawn the other way round, so its flow is −10.
  EXPECT_NEAR(r.line_flow(0, 0), 30.0, 1e-6);
  EXPECT_NEAR(r.line_flow(1, 0), -10.0, 1e-6);
}

// An extendable line is built to what it must carry, at its annuity.
TEST(ClosedForm, ExtendableLineBuiltToTheFlow) {
  const auto r = solve(study_from(R"(
study: {name: build-line, snapshots: 1, snapshot_hours: 8760, discount_rate: 0}
carriers: [{name: gas}]
regions: [{name: A, country: KZ}, {name: B, country: KZ}]
loads: [{name: load, region: B, p_mw: 100}]
generators:
  - {name: cheap-A, region: A, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 10}
  - {name: dear-B, region: B, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 20}
lines:
  - {name: AB, from: A, to: B, x_ohm: 5, v_nom_kv: 220, extendable: true, s_max_pu: 0.8,
     capex_eur_per_mw_km: 100, length_km: 200, lifetime_years: 40}
)"));
  // Line annuity 100 × 200 / 40 = 500 EUR per MW-year, against 10 EUR/MWh × 8,760 h = 87,600
  // saved per MW of flow: carry all 100 MW, which needs 100 / 0.8 = 125 MW of line.
  EXPECT_NEAR(r.line_capacity_mw[0], 125.0, 1e-6);
  EXPECT_NEAR(r.objective_eur, 125 * 500.0 + 100 * 8760 * 10.0, 1e-4);
}

// A non-cyclic reservoir starting at 30 MWh with 5 MW of inflow serves a 20 MW load ahead of
// imports at 100 EUR/MWh. It has water enough (30 + 2·5 = 40 MWh) but delivers at most 15 MW,
// so 5 MW are imported each hour (1,000 EUR) and the level ends at 30 + 10 − 2·15 = 10 MWh.
TEST(ClosedForm, ReservoirWithInitialLevelAndInflow) {
  const auto study = study_from(R"(
study: {name: reservoir, snapshots: 2}
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 20}]
storage:
  - {name: dam, region: A, p_nom_mw: 15, max_hours: 4, cyclic: false, initial_mwh: 30, inflow_mw: 5,
     spill_cost_eur_per_mwh: 1}
markets:
  - {name: grid, region: A, import_price_eur_per_mwh: 100, max_import_mw: 1000}
)");
  const auto r = solve(study);
  EXPECT_NEAR(r.objective_eur, 2 * 5 * 100.0, 1e-6);
  EXPECT_NEAR(r.storage_soc(0, 1), 10.0, 1e-6);
  EXPECT_NEAR(r.storage_spill(0, 0) + r.storage_spill(0, 1), 0.0, 1e-9);
}

// A 1 MWh reservoir (15 MW × 1/15 h), empty at the start, 5 MW of inflow and a 2 MW load: of
// the 10 MWh that flow in over two hours, 4 are used and at most 1 can stay, so 5 MWh are
// spilled at 1 EUR/MWh.
TEST(ClosedForm, InflowBeyondTheReservoirIsSpilled) {
  const auto study = study_from(R"(
study: {name: spill, snapshots: 2}
regions: [{name: A, country: AZ}]
loads: [{name: load-A, region: A, p_mw: 2}]
storage:
  - {name: dam, region: A, p_nom_mw: 15, max_hours: 0.0666666666666667, cyclic: false, inflow_mw: 5,
     spill_cost_eur_per_mwh: 1}
)");
  const auto r = solve(study);
  EXPECT_NEAR(r.storage_spill(0, 0) + r.storage_spill(0, 1), 5.0, 1e-6);
  EXPECT_NEAR(r.objective_eur, 5.0, 1e-6);
}

// A 3 × 3 grid of buses has 12 lines and 12 − 9 + 1 = 4 independent cycles: its four square
// faces, four lines each (a spanning tree's fundamental cycles would run up to 8 lines).
// Whatever the basis, Kirchhoff's law splits the flow the same way: by symmetry, 90 MW from a
// corner to the opposite corner leave on the two corner lines 45 MW each.
TEST(ClosedForm, GridCyclesAreItsFacesAndSplitFlowsBySymmetry) {
  std::string yaml = R"(
study: {name: grid, snapshots: 1}
carriers: [{name: gas}]
regions:
)";
  for (int i = 0; i < 9; ++i) yaml += fmt::format("  - {{name: n{}, country: AZ}}\n", i);
  yaml += "loads: [{name: load, region: n8, p_mw: 90}]\ngenerators: [{name: g, region: n0, carrier: gas, p_nom_mw: 200}]\nlines:\n";
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      const int n = 3 * r + c;
      if (c < 2) yaml += fmt::format("  - {{name: h{}, from: n{}, to: n{}, x_ohm: 1, v_nom_kv: 1, p_nom_mw: 1000}}\n", n, n, n + 1);
      if (r < 2) yaml += fmt::format("  - {{name: v{}, from: n{}, to: n{}, x_ohm: 1, v_nom_kv: 1, p_nom_mw: 1000}}\n", n, n, n + 3);
    }
  const auto study = study_from(yaml);
  const auto cycles = silkgrid::formulate::line_cycles(study);
  ASSERT_EQ(cycles.size(), 4u);
  for (const auto& cycle : cycles) EXPECT_EQ(cycle.size(), 4u);
  const auto r = solve(study);
  EXPECT_NEAR(r.line_flow(index_of(study.lines.name, "h0"), 0), 45.0, 1e-6);
  EXPECT_NEAR(r.line_flow(index_of(study.lines.name, "v0"), 0), 45.0, 1e-6);
}
