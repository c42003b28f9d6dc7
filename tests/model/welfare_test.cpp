// Welfare by country on two regions worked out by hand, the identity with binding policies,
// and rent_share_from in the reader.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/welfare.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
// One snapshot of 2 h. A (country AA): 100 MW of load, a cheap plant at 10 EUR/MWh (300 MW).
// B (country BB): 200 MW of load, a plant at 30 (50 MW) and one at 50 (300 MW). A 100 MW link
// A → B, efficiency 0.9: it sends 100 MW, B receives 90 (congested: 0.9 · 50 > 10).
// Prices: A 10 (the cheap plant has room), B 50 (the 50 plant makes 200 − 90 − 50 = 60 MW).
std::string two_regions(const std::string& link_extra = "") {
  return R"(
study: {name: two, snapshots: 1, snapshot_hours: 2}
carriers: [{name: gas}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: la, region: A, p_mw: 100}, {name: lb, region: B, p_mw: 200}]
generators:
  - {name: cheap, region: A, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 10}
  - {name: mid, region: B, carrier: gas, p_nom_mw: 50, vom_eur_per_mwh: 30}
  - {name: dear, region: B, carrier: gas, p_nom_mw: 300, vom_eur_per_mwh: 50}
links:
  - {name: ab, from: A, to: B, efficiency: 0.9, p_nom_mw: )" + std::string(link_extra.find("extendable") == std::string::npos ? "100" : "0") + link_extra + R"(}
)";
}

const model::CountryWelfare& of(const model::Welfare& w, const std::string& country) {
  const int i = w.find(country);
  if (i < 0) throw std::runtime_error("no country " + country);
  return w.countries[static_cast<std::size_t>(i)];
}
}  // namespace

TEST(Welfare, TwoRegionsWithACongestedLinkByHand) {
  const model::Study study = test::study_from(two_regions());
  const model::Results r = test::solve(study);
  ASSERT_EQ(r.status, "optimal");
  ASSERT_NEAR(r.region_price(0, 0), 10.0, 1e-9);
  ASSERT_NEAR(r.region_price(1, 0), 50.0, 1e-9);
  const model::Welfare w = model::welfare_by_country(study, r);
  ASSERT_EQ(w.countries.size(), 2u);
  const auto& a = of(w, "AA");
  const auto& b = of(w, "BB");
  // Consumers: −price · load · 2 h.
  EXPECT_NEAR(a.consumer_surplus_eur, -10.0 * 100 * 2, 1e-6);   // −2,000
  EXPECT_NEAR(b.consumer_surplus_eur, -50.0 * 200 * 2, 1e-6);   // −20,000
  // Producers: the cheap plant sets A's price (0); mid earns (50 − 30) · 50 MW · 2 h; dear sets B's (0).
  EXPECT_NEAR(a.producer_surplus_eur, 0.0, 1e-6);
  EXPECT_NEAR(b.producer_surplus_eur, 20.0 * 50 * 2, 1e-6);     // 2,000
  // The link: (50 · 90 − 10 · 100) · 2 h = 7,000, half each.
  EXPECT_NEAR(a.congestion_rent_eur, 3500.0, 1e-6);
  EXPECT_NEAR(b.congestion_rent_eur, 3500.0, 1e-6);
  EXPECT_NEAR(a.welfare_eur(), -2000.0 + 3500.0, 1e-6);
  EXPECT_NEAR(b.welfare_eur(), -20000.0 + 2000.0 + 3500.0, 1e-6);
  // Objective: (10 · 200 + 30 · 50 + 50 · 60) · 2 h = 13,000 = −(Σ welfare).
  EXPECT_NEAR(r.objective_eur, 13000.0, 1e-6);
  EXPECT_NEAR(w.total_eur(), -13000.0, 1e-6);
  EXPECT_NEAR(w.identity_gap_eur(), 0.0, 1e-6);
}

TEST(Welfare, RentShareFromSplitsTheCongestionRent) {
  const model::Study study = test::study_from(two_regions(", rent_share_from: 0.8"));
  const model::Welfare w = model::welfare_by_country(study, test::solve(study));
  EXPECT_NEAR(of(w, "AA").congestion_rent_eur, 0.8 * 7000.0, 1e-6);
  EXPECT_NEAR(of(w, "BB").congestion_rent_eur, 0.2 * 7000.0, 1e-6);
  EXPECT_NEAR(w.identity_gap_eur(), 0.0, 1e-6);
}

TEST(Welfare, RentShareFromOutsideZeroToOneIsAnErrorNamingTheKey) {
  try {
    test::study_from(two_regions(", rent_share_from: 1.5"));
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("links[0].rent_share_from"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("1.5"), std::string::npos) << e.what();
  }
}

// An extendable link's annuity is deducted from the rent (as the objective counts it), split as
// the rent; markets' trade at another price is rent of the country where they attach.
TEST(Welfare, InvestmentAndMarketRentByHand) {
  std::string yaml = two_regions(", extendable: true, p_nom_max_mw: 100, capital_cost_eur_per_mw_year: 5");
  yaml += R"(markets:
  - {name: eu, region: A, export_price_eur_per_mwh: 12, import_price_eur_per_mwh: 1000, max_export_mw: 20, max_import_mw: 0}
)";
  const model::Study study = test::study_from(yaml);
  const model::Results r = test::solve(study);
  ASSERT_NEAR(r.link_capacity_mw[0], 100.0, 1e-6);  // worth (0.9 · 50 − 10) · 2 = 70 per MW > 5
  const model::Welfare w = model::welfare_by_country(study, r);
  // A exports 20 MW at 12 while its price is 10 (the cheap plant still has room): (12 − 10) · 20 · 2 = 80.
  EXPECT_NEAR(of(w, "AA").market_rent_eur, 80.0, 1e-6);
  EXPECT_NEAR(of(w, "BB").market_rent_eur, 0.0, 1e-9);
  // Rent 7,000 less the annuity 5 · 100 = 500, half each.
  EXPECT_NEAR(of(w, "AA").congestion_rent_eur, 3250.0, 1e-6);
  EXPECT_NEAR(of(w, "BB").congestion_rent_eur, 3250.0, 1e-6);
  EXPECT_NEAR(of(w, "AA").investment_eur, 250.0, 1e-6);
  // Objective: (10 · 220 + 30 · 50 + 50 · 60) · 2 + 500 − 12 · 20 · 2 = 13,400 + 500 − 480.
  EXPECT_NEAR(r.objective_eur, 13420.0, 1e-6);
  EXPECT_NEAR(w.total_eur(), -13420.0, 1e-6);
}

// A binding CO2 cap and a binding renewable share: the policy rents keep the identity exact, and
// the CO2 price on the producers' emissions is what the emitting country collects.
TEST(Welfare, IdentityHoldsWithBindingPolicies) {
  const std::string yaml = R"(
study: {name: policies, snapshots: 1, snapshot_hours: 10}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: AA}, {name: B, country: BB}]
loads: [{name: la, region: A, p_mw: 100}, {name: lb, region: B, p_mw: 100}]
generators:
  - {name: gas-a, region: A, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 10}
  - {name: wind-a, region: A, carrier: wind, p_nom_mw: 300, vom_eur_per_mwh: 40}
  - {name: gas-b, region: B, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 15}
  - {name: wind-b, region: B, carrier: wind, p_nom_mw: 300, vom_eur_per_mwh: 45}
links:
  - {name: ab, from: A, to: B, p_nom_mw: 50, efficiency: 0.95}
policies:
  - {name: cap, kind: co2_cap, regions: [A, B], t_per_year: 400}
  - {name: green-b, kind: min_renewable_share, regions: [B], share: 0.6}
)";
  const model::Study study = test::study_from(yaml);
  const model::Results r = test::solve(study);
  ASSERT_EQ(r.status, "optimal");
  ASSERT_GT(r.policy_shadow_price[0], 1e-6);  // both bind
  ASSERT_GT(r.policy_shadow_price[1], 1e-6);
  const model::Welfare w = model::welfare_by_country(study, r);
  EXPECT_NEAR(w.total_eur(), -r.objective_eur, 1e-6 * r.objective_eur);
  double rent = 0;
  for (const auto& c : w.countries) rent += c.policy_rent_eur;
  // The CO2 rent: the price × the capped 400 t; the share's: −its price × 0.6 · 1,000 MWh of B's demand.
  EXPECT_NEAR(rent, r.policy_shadow_price[0] * 400 - r.policy_shadow_price[1] * 0.6 * 1000, 1e-6 * r.objective_eur);
}

// A store of gas (not cyclic) that empties under a binding CO2 cap: what it depletes counts under
// the cap (0.2 t per MWh of gas), so its owner pays the CO2 price on it. One region, 100 MW for
// 10 h: the store gives 50 MW (free, 0.2 t/MWh), gas at 20 EUR/MWh (0.4 t/MWh), wind at 40. With a
// cap of 200 t the store's 500 MWh emit 100 t, gas may emit 100 t (250 MWh), wind makes the
// remaining 250 MWh: the price is 40 and the CO2 price μ = (40 − 20) / 0.4 = 50 EUR/t.
// Producers: the store 40 · 500 − 50 · 100 = 15,000; gas (40 − 20 − 50 · 0.4) · 250 = 0; wind 0.
// The policy rent: 50 · 200 t = 10,000, all of it (the store's 100 t included).
TEST(Welfare, AStoreOfFuelPaysTheCo2PriceOnWhatItDepletes) {
  const std::string yaml = R"(
study: {name: store, snapshots: 1, snapshot_hours: 10}
carriers: [{name: gas, co2_t_per_mwh_fuel: 0.2}, {name: wind, renewable: true}]
regions: [{name: A, country: AA}]
loads: [{name: la, region: A, p_mw: 100}]
generators:
  - {name: gas-a, region: A, carrier: gas, p_nom_mw: 300, efficiency: 0.5, fuel_eur_per_mwh_fuel: 10}
  - {name: wind-a, region: A, carrier: wind, p_nom_mw: 300, vom_eur_per_mwh: 40}
storage:
  - {name: tank, region: A, carrier: gas, p_nom_mw: 50, max_hours: 20, cyclic: false, initial_mwh: 1000,
     efficiency_store: 1, efficiency_dispatch: 1}
policies:
  - {name: cap, kind: co2_cap, regions: [A], t_per_year: 200}
)";
  const model::Study study = test::study_from(yaml);
  const model::Results r = test::solve(study);
  ASSERT_EQ(r.status, "optimal");
  ASSERT_NEAR(r.storage_discharge(0, 0), 50.0, 1e-6);
  ASSERT_NEAR(r.generator_p(0, 0), 25.0, 1e-6);
  ASSERT_NEAR(r.region_price(0, 0), 40.0, 1e-6);
  ASSERT_NEAR(r.policy_shadow_price[0], 50.0, 1e-6);
  const model::Welfare w = model::welfare_by_country(study, r);
  EXPECT_NEAR(w.total_eur(), -r.objective_eur, 1e-6 * r.objective_eur);
  EXPECT_NEAR(of(w, "AA").policy_rent_eur, 10000.0, 1e-6);
  EXPECT_NEAR(of(w, "AA").producer_surplus_eur, 15000.0, 1e-6);
}
