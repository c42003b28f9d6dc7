// share: a cable's benefits by country with and without it, worked out by hand, and the
// cross-border cost allocation.
#include <gtest/gtest.h>

#include "appraise/appraise.hpp"
#include "appraise/sharing.hpp"
#include "core/error.hpp"
#include "support/fixtures.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
// One snapshot of 2 h. A (AA): 100 MW of load; a plant at 10 EUR/MWh (150 MW), one at 20 (300 MW).
// B (BB): 200 MW of load; a plant at 30 (150 MW), one at 50 (300 MW). The project: a cable A → B,
// efficiency 0.9, extendable to 100 MW at 5 EUR/MW-year (worth (0.9 · 30 − 20) · 2 h = 14 per MW).
//   without: A 10 (the 10 plant makes 100), B 50 (30: 150, 50: 50);
//   with:    the cable sends 100, B receives 90: A 20 (10: 150, 20: 50), B 30 (30: 110).
const std::string yaml = test::cable_between_two_countries;

const model::CountrySharing& of(const model::Sharing& s, const std::string& country) {
  for (const auto& c : s.countries)
    if (c.country == country) return c;
  throw std::runtime_error("no country " + country);
}
}  // namespace

TEST(Sharing, ACableBetweenTwoCountriesByHand) {
  const model::Study study = test::study_from(yaml);
  const model::Results with = test::solve(study);
  const model::Results without = test::solve(appraise::without_project(study, 0));
  ASSERT_NEAR(with.link_capacity_mw[0], 100.0, 1e-6);
  ASSERT_NEAR(with.region_price(0, 0), 20.0, 1e-9);
  ASSERT_NEAR(with.region_price(1, 0), 30.0, 1e-9);
  ASSERT_NEAR(without.region_price(0, 0), 10.0, 1e-9);
  ASSERT_NEAR(without.region_price(1, 0), 50.0, 1e-9);
  const model::Sharing s = appraise::share_benefits(study, 0, with, without, 0.1);
  EXPECT_EQ(s.project, "cable");
  const auto& a = of(s, "AA");
  const auto& b = of(s, "BB");
  // A: consumers pay 20 instead of 10 on 100 MW for 2 h; the 10 plant earns (20 − 10) · 150 · 2.
  EXPECT_NEAR(a.delta_consumer_surplus_eur, -2000.0, 1e-6);
  EXPECT_NEAR(a.delta_producer_surplus_eur, 3000.0, 1e-6);
  // The rent (30 · 90 − 20 · 100) · 2 = 1,400, half each (before the cable's own annuity).
  EXPECT_NEAR(a.delta_congestion_rent_eur, 700.0, 1e-6);
  EXPECT_NEAR(a.delta_welfare_eur, 1700.0, 1e-6);
  // B: consumers pay 30 instead of 50 on 200 MW; the 30 plant loses (50 − 30) · 150 · 2.
  EXPECT_NEAR(b.delta_consumer_surplus_eur, 8000.0, 1e-6);
  EXPECT_NEAR(b.delta_producer_surplus_eur, -6000.0, 1e-6);
  EXPECT_NEAR(b.delta_congestion_rent_eur, 700.0, 1e-6);
  EXPECT_NEAR(b.delta_welfare_eur, 2700.0, 1e-6);
  // The annuity 5 · 100 = 500 is hosted half and half (the rent's split).
  EXPECT_NEAR(a.hosted_cost_eur, 250.0, 1e-6);
  EXPECT_NEAR(b.hosted_cost_eur, 250.0, 1e-6);
  EXPECT_NEAR(a.net_impact_eur, 1450.0, 1e-6);
  EXPECT_NEAR(b.net_impact_eur, 2450.0, 1e-6);
  // Σ net impact = the system value: without (10 · 100 + 30 · 150 + 50 · 50) · 2 = 16,000 less
  // with (10 · 150 + 20 · 50 + 30 · 110) · 2 + 500 = 12,100.
  EXPECT_NEAR(without.objective_eur - with.objective_eur, 3900.0, 1e-6);
  EXPECT_NEAR(a.net_impact_eur + b.net_impact_eur, 3900.0, 1e-6);
  // Both gain: no compensation.
  EXPECT_EQ(a.compensation_eur, 0.0);
  EXPECT_EQ(b.compensation_eur, 0.0);
}

// rent_share_from: 0 gives B all the rent and all the cost, at 13 EUR/MW-year (still worth 14):
// A keeps its surpluses only.
TEST(Sharing, TheRentAndTheHostedCostFollowRentShareFrom) {
  std::string y = yaml;
  const std::string from = "capital_cost_eur_per_mw_year: 5";
  y.replace(y.find(from), from.size(), "capital_cost_eur_per_mw_year: 13, rent_share_from: 0");
  const model::Study study = test::study_from(y);
  const model::Results with = test::solve(study);
  const model::Results without = test::solve(appraise::without_project(study, 0));
  ASSERT_NEAR(with.link_capacity_mw[0], 100.0, 1e-6);
  const model::Sharing s = appraise::share_benefits(study, 0, with, without, 0.1);
  const auto& a = of(s, "AA");
  const auto& b = of(s, "BB");
  // A: −2,000 + 3,000, no rent, no cost: +1,000. B: 8,000 − 6,000 + 1,400 = 3,400, hosting 1,300: 2,100.
  EXPECT_NEAR(a.net_impact_eur, 1000.0, 1e-6);
  EXPECT_NEAR(b.delta_welfare_eur, 3400.0, 1e-6);
  EXPECT_NEAR(b.hosted_cost_eur, 1300.0, 1e-6);
  EXPECT_NEAR(b.net_impact_eur, 2100.0, 1e-6);
  EXPECT_EQ(b.compensation_eur, 0.0);  // a host that gains is not compensated
}

// The allocation by hand: X +600, Y +300, W +50 (below 10 % of 950), Z a host at −200 and V a
// non-host at −40. Z is made whole by X and Y in proportion 2 : 1; W and V neither pay nor receive.
TEST(Sharing, CompensationInProportionToSignificantNetBenefits) {
  model::Sharing s;
  s.threshold = 0.1;
  const auto add = [&](const char* c, double net, double hosted) {
    model::CountrySharing x;
    x.country = c;
    x.net_impact_eur = net;
    x.hosted_cost_eur = hosted;
    s.countries.push_back(x);
  };
  add("X", 600, 0);
  add("Y", 300, 10);
  add("W", 50, 0);
  add("Z", -200, 500);
  add("V", -40, 0);
  appraise::allocate_compensation(s);
  EXPECT_NEAR(s.countries[0].compensation_eur, -200.0 * 600 / 900, 1e-9);
  EXPECT_NEAR(s.countries[1].compensation_eur, -200.0 * 300 / 900, 1e-9);
  EXPECT_EQ(s.countries[2].compensation_eur, 0.0);
  EXPECT_FALSE(s.countries[2].significant);
  EXPECT_NEAR(s.countries[3].compensation_eur, 200.0, 1e-9);
  EXPECT_EQ(s.countries[4].compensation_eur, 0.0);
  // A threshold of 0.5 (475): X alone pays.
  s.threshold = 0.5;
  appraise::allocate_compensation(s);
  EXPECT_NEAR(s.countries[0].compensation_eur, -200.0, 1e-9);
  EXPECT_EQ(s.countries[1].compensation_eur, 0.0);
  // The hosts lose more than the significant beneficiaries gain: all they gain, to the hosts.
  s.threshold = 0.1;
  s.countries[3].net_impact_eur = -2000;
  appraise::allocate_compensation(s);
  EXPECT_NEAR(s.countries[0].compensation_eur, -600.0, 1e-9);
  EXPECT_NEAR(s.countries[1].compensation_eur, -300.0, 1e-9);
  EXPECT_NEAR(s.countries[3].compensation_eur, 900.0, 1e-9);
}

TEST(Sharing, AnUnknownProjectIsAnInputErrorNamingIt) {
  const model::Study study = test::study_from(yaml);
  try {
    appraise::find_project(study, "cabel");
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), core::ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find("'cabel'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cable"), std::string::npos) << e.what();
  }
}
