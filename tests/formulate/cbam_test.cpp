// CBAM (README, "CBAM"): the charge on electricity entering the CBAM area, worked out by hand.
#include <gtest/gtest.h>

#include "appraise/appraise.hpp"
#include "core/error.hpp"
#include "finance/structure.hpp"
#include "model/welfare.hpp"
#include "support/expect.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using silkgrid::test::expect_contains;
using silkgrid::test::replace;

namespace {

// G (GE, outside the area): gas at 30 EUR/MWh. R (RO, inside): 100 MW of load, gas at 80. A
// 60 MW cable G → R, efficiency 0.9, over 10 h. CBAM at 100 EUR/t with Georgia's default factor
// 0.4 t/MWh: 40 EUR per MWh received. Delivered, G's power costs 30 / 0.9 + 40 = 73.3 < 80: the
// cable runs full, receives 54 MW, and pays 40 · 54 · 10 = 21,600 EUR.
const std::string yaml = R"(study: {name: cbam, snapshots: 1, snapshot_hours: 10}
carriers: [{name: gas}]
regions: [{name: G, country: GE}, {name: R, country: RO}]
loads: [{name: l, region: R, p_mw: 100}]
generators:
  - {name: gas-G, region: G, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 30}
  - {name: gas-R, region: R, carrier: gas, p_nom_mw: 500, vom_eur_per_mwh: 80}
links:
  - {name: bsc, from: G, to: R, p_nom_mw: 60, efficiency: 0.9}
cbam: {price_eur_per_t: 100, countries: [RO], default_t_per_mwh: {GE: 0.4}}
)";

core::Error error_of(const std::string& y) {
  return test::error_reading(y, {});
}

}  // namespace

TEST(Cbam, TheChargeOnWhatACableBringsInByHand) {
  const model::Study s = test::study_from(yaml);
  const model::Results r = test::solve(s);
  ASSERT_EQ(r.status, "optimal");
  EXPECT_NEAR(r.link_forward(0, 0), 60.0, 1e-6);
  EXPECT_NEAR(r.link_cbam_cost_eur[0], 40.0 * 54 * 10, 1e-6);
  EXPECT_NEAR(r.cbam_cost_eur, 21600.0, 1e-6);
  // Objective: G's gas 30 · 60 · 10 + R's 80 · 46 · 10 + the charge.
  EXPECT_NEAR(r.objective_eur, 18000.0 + 36800.0 + 21600.0, 1e-6);
  // R's price stays 80 (its own gas is marginal), G's 30: the rent (80 · 54 − 30 · 60) · 10 =
  // 25,200, half each, and Georgia, the exporter, bears the charge: 12,600 − 21,600 = −9,000.
  const model::Welfare w = model::welfare_by_country(s, r);
  for (const auto& c : w.countries) {
    if (c.country == "GE") EXPECT_NEAR(c.congestion_rent_eur, 12600.0 - 21600.0, 1e-6);
    if (c.country == "RO") EXPECT_NEAR(c.congestion_rent_eur, 12600.0, 1e-6);
  }
}

TEST(Cbam, AHighFactorStopsTheFlowAndADeclaredActualOneLowersIt) {
  // 0.6 t/MWh: 30 / 0.9 + 60 = 93.3 > 80: nothing flows, nothing is charged.
  model::Results r = test::solve(test::study_from(replace(yaml, "GE: 0.4", "GE: 0.6")));
  EXPECT_NEAR(r.link_forward(0, 0), 0.0, 1e-6);
  EXPECT_NEAR(r.cbam_cost_eur, 0.0, 1e-6);
  // Declared actual emissions (a PPA with a wind farm, capacity booked): 0.05 t/MWh, 5 EUR/MWh.
  r = test::solve(test::study_from(
      replace(replace(yaml, "GE: 0.4", "GE: 0.6"), "efficiency: 0.9}", "efficiency: 0.9, cbam_actual_t_per_mwh: 0.05}")));
  EXPECT_NEAR(r.link_forward(0, 0), 60.0, 1e-6);
  EXPECT_NEAR(r.cbam_cost_eur, 5.0 * 54 * 10, 1e-6);
  // A carbon price paid in Georgia of 50 EUR/t is deducted: 0.6 · (100 − 50) = 30 EUR/MWh, and
  // 30 / 0.9 + 30 = 63.3 < 80: it flows and pays 30 · 54 · 10.
  r = test::solve(test::study_from(replace(replace(yaml, "GE: 0.4", "GE: 0.6"), "default_t_per_mwh: {GE: 0.6}",
                                           "default_t_per_mwh: {GE: 0.6}, carbon_price_paid_eur_per_t: {GE: 50}")));
  EXPECT_NEAR(r.cbam_cost_eur, 30.0 * 54 * 10, 1e-6);
}

TEST(Cbam, FlowsOutOfTheAreaAndInsideItPayNothing) {
  // The cable reversed (R → G, bidirectional by default): R's load is served by G through the
  // backward direction, which enters the area and pays; a flow out of the area would not.
  model::Results r = test::solve(test::study_from(replace(yaml, "from: G, to: R", "from: R, to: G")));
  EXPECT_NEAR(r.link_backward(0, 0), 60.0, 1e-6);
  EXPECT_NEAR(r.cbam_cost_eur, 40.0 * 54 * 10, 1e-6);
  // Both ends inside the area (G moved to Romania's country): no charge.
  r = test::solve(test::study_from(replace(replace(yaml, "{name: G, country: GE}", "{name: G, country: RO}"),
                                           "default_t_per_mwh: {GE: 0.4}", "default_t_per_mwh: {}")));
  EXPECT_NEAR(r.link_forward(0, 0), 60.0, 1e-6);
  EXPECT_EQ(r.cbam_cost_eur, 0.0);
}

TEST(Cbam, AMarketThatStandsForTheAreaChargesTheExports) {
  // An EU market at G paying 90: its exports pay 40 EUR/MWh, so G's gas (30) earns 50 a MWh:
  // it exports its 100 MW limit and pays 40 · 100 · 10.
  const std::string y = replace(yaml, "cbam: {", "markets:\n  - {name: EU, region: G, export_price_eur_per_mwh: 90, "
                                                  "import_price_eur_per_mwh: 95, max_export_mw: 100, cbam: true}\ncbam: {");
  const model::Results r = test::solve(test::study_from(y));
  EXPECT_NEAR(r.market_export(0, 0), 100.0, 1e-6);
  EXPECT_NEAR(r.market_cbam_cost_eur[0], 40000.0, 1e-6);
  EXPECT_NEAR(r.cbam_cost_eur, 40000.0 + 21600.0, 1e-6);
}

TEST(Cbam, BadCbamInputNamesTheKey) {
  expect_contains(error_of(replace(yaml, "default_t_per_mwh: {GE: 0.4}", "default_t_per_mwh: {}")).what(),
                  "cbam.default_t_per_mwh needs a factor for GE");
  expect_contains(error_of(replace(yaml, "countries: [RO]", "countries: [EU]")).what(), "'EU' is not a country");
  expect_contains(error_of(replace(yaml, "countries: [RO]", "countries: [RO, RO]")).what(), "names 'RO' twice");
  expect_contains(error_of(replace(yaml, "GE: 0.4", "GE: 3")).what(), "expected t CO2/MWh in [0, 2]");
  expect_contains(error_of(replace(yaml, "price_eur_per_t: 100, ", "")).what(), "cbam.price_eur_per_t");
  expect_contains(error_of(replace(yaml, "efficiency: 0.9}", "efficiency: 0.9, p_min_pu: -1}")).what(),
                  "negative p_min_pu");
  // A market inside the area, and cbam on a market without the section.
  const std::string market = "markets:\n  - {name: EU, region: R, export_price_eur_per_mwh: 90, import_price_eur_per_mwh: 95, "
                             "max_export_mw: 100, cbam: true}\n";
  expect_contains(error_of(replace(yaml, "cbam: {", market + "cbam: {")).what(), "inside the CBAM area");
  const std::string no_section = yaml.substr(0, yaml.find("cbam: {")) + replace(market, "region: R", "region: G");
  expect_contains(error_of(no_section).what(), "needs the study's cbam section");
}

TEST(Cbam, ACableProjectPaysTheChargeOutOfItsRevenue) {
  // The cable as a project: its appraisal counts the 21,600 EUR of CBAM in its opex, beside the
  // rent (80 · 54 − 30 · 60) · 10 = 25,200 it earns between the two prices.
  const model::Study s = test::study_from(yaml + "projects:\n  - {name: bsc, assets: [bsc], country: GE, lifetime_years: 40}\n");
  const finance::ProjectFinance f = finance::project_finance(s, finance::FinanceMode::as_given);
  const model::Results r = test::solve(s, f.assets);
  const auto projects = appraise::appraise_projects(s, f, r);
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_NEAR(projects[0].cbam_cost_eur_per_year, 21600.0, 1e-6);
  EXPECT_NEAR(projects[0].opex_eur_per_year, 21600.0, 1e-6);  // no fixed or variable cost besides
  EXPECT_NEAR(projects[0].revenue_eur_per_year, 25200.0, 1e-6);
}
