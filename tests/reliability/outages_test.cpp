// Outages: the two-state Markov chain of a unit, unavailability from failure rates, maintenance
// in the low-demand season, and what a draw does to a study's limits.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "reliability/outages.hpp"
#include "support/builder.hpp"

using namespace silkgrid;

TEST(Outages, TheChainsDownShareAndOutageLengthAreTheGivenOnes) {
  for (const auto& [q, r] : std::vector<std::pair<double, double>>{{0.1, 50}, {0.02, 720}, {0.3, 8}}) {
    const std::size_t hours = 4'000'000;
    const auto up = reliability::draw_unit({q, r}, hours, 42);
    double down = 0, outages = 0;
    for (std::size_t h = 0; h < hours; ++h) {
      down += up[h] == 0;
      if (up[h] == 0 && (h == 0 || up[h - 1] == 1)) outages += 1;
    }
    // About hours·q/r outages, each geometric with mean r: the share's relative standard
    // error is about sqrt(2/outages); allow four of them.
    EXPECT_NEAR(down / hours, q, 4 * q * std::sqrt(2.0 / outages)) << q << ", " << r;
    EXPECT_NEAR(down / outages, r, 4 * r * std::sqrt(1.0 / outages)) << q << ", " << r;
  }
}

TEST(Outages, TheChainStartsFromItsStationaryLaw) {
  // Over many seeds, the first hour is down in a share q of them.
  int down = 0;
  const int seeds = 20000;
  for (int s = 0; s < seeds; ++s) down += reliability::draw_unit({0.25, 100}, 1, static_cast<std::uint64_t>(s))[0] == 0;
  EXPECT_NEAR(down / static_cast<double>(seeds), 0.25, 4 * std::sqrt(0.25 * 0.75 / seeds));
}

TEST(Outages, FailureRatesGiveTheUnavailability) {
  model::OutageSpec cable;
  cable.failures_per_year = 0.1;  // per 100 km
  cable.per_100km = true;
  cable.mean_time_to_repair_h = 1440;
  // 1,155 km: λ = 1.155 a year; q = λr / (8760 + λr) = 1663.2 / 10423.2.
  const auto c = reliability::unit_chain(cable, 1155);
  EXPECT_NEAR(c.unavailability, 1.155 * 1440 / (8760 + 1.155 * 1440), 1e-12);
  EXPECT_EQ(c.repair_h, 1440);
  model::OutageSpec unit;
  unit.forced_outage_rate = 0.07;
  unit.mean_time_to_repair_h = 40;
  EXPECT_EQ(reliability::unit_chain(unit, 0).unavailability, 0.07);
}

TEST(Outages, MaintenanceTakesTheLowestLoadWeeksAndTheDrawScalesTheLimits) {
  // Load low in weeks 20–29 (of a 52-week year), high elsewhere; two units of two weeks each.
  std::vector<double> load(8736);
  for (std::size_t t = 0; t < load.size(); ++t) load[t] = (t / 168 >= 20 && t / 168 < 30) ? 50 + (t / 168) : 100;
  model::Study s = test::StudyBuilder(load.size())
                       .carrier("gas")
                       .region("A")
                       .load({.name = "l", .region = "A", .p_mw = load})
                       .generator({.name = "g", .region = "A", .carrier = "gas", .p_nom = 200, .vom = 10})
                       .build();
  model::OutageSpec spec;
  spec.units = 2;
  spec.maintenance_weeks = 2;
  s.outages.kind.push_back(model::OutageAssetKind::generator);
  s.outages.index.push_back(0);
  s.outages.spec.push_back(spec);
  const auto a = reliability::draw(s, 7);
  ASSERT_EQ(a.share.size(), 1u);
  // Windows of two weeks: weeks 20–21 have the least load (70 + 71 MW), so unit 0 (100 MW)
  // takes them; then 20–21 score 341 and 21–22 243 with it, 22–23 145: unit 1 takes 22–23.
  for (std::size_t t = 0; t < load.size(); ++t) {
    const std::size_t week = t / 168;
    const double expected = week >= 20 && week <= 23 ? 0.5 : 1.0;
    ASSERT_EQ(a.share[0][t], expected) << t;
  }
  reliability::apply(s, a);
  const auto& p = s.generators.p_max_pu[0];
  ASSERT_FALSE(p.is_constant());
  EXPECT_EQ(p.at(s.series, 0), 1.0);
  EXPECT_EQ(p.at(s.series, 20 * 168), 0.5);
  EXPECT_EQ(p.at(s.series, 23 * 168 + 167), 0.5);
  EXPECT_EQ(p.at(s.series, 24 * 168), 1.0);
}

TEST(Outages, ADrawDependsOnTheSeedAndTheAssetOnly) {
  model::Study s = test::StudyBuilder(500)
                       .carrier("gas")
                       .region("A")
                       .load({.name = "l", .region = "A", .p_mw = {10}})
                       .generator({.name = "g1", .region = "A", .carrier = "gas", .p_nom = 20, .vom = 10})
                       .generator({.name = "g2", .region = "A", .carrier = "gas", .p_nom = 20, .vom = 20})
                       .build();
  model::OutageSpec spec;
  spec.units = 3;
  spec.forced_outage_rate = 0.2;
  spec.mean_time_to_repair_h = 10;
  for (int g : {0, 1}) {
    s.outages.kind.push_back(model::OutageAssetKind::generator);
    s.outages.index.push_back(g);
    s.outages.spec.push_back(spec);
  }
  const auto both = reliability::draw(s, 11);
  model::Study second_only = s;
  second_only.outages.kind.erase(second_only.outages.kind.begin());
  second_only.outages.index.erase(second_only.outages.index.begin());
  second_only.outages.spec.erase(second_only.outages.spec.begin());
  EXPECT_EQ(reliability::draw(second_only, 11).share[0], both.share[1]);
  EXPECT_EQ(reliability::draw(s, 11).share, both.share);
  EXPECT_NE(reliability::draw(s, 12).share, both.share);
  EXPECT_NE(both.share[0], both.share[1]);
}

TEST(Outages, ACircuitsConvertersAreInSeriesWithItsCable) {
  // Cable out 10 % of the time (repairs of 20 h), converters 20 % (5 h), independent: the
  // circuit is in service 0.9 · 0.8 = 72 % of the time.
  const std::size_t hours = 200000;
  model::Study s = test::StudyBuilder(hours)
                       .carrier("gas")
                       .region("A")
                       .region("B")
                       .load({.name = "l", .region = "B", .p_mw = {10}})
                       .generator({.name = "g", .region = "A", .carrier = "gas", .p_nom = 20, .vom = 10})
                       .link({.name = "k", .from = "A", .to = "B", .p_nom = 20})
                       .build();
  model::OutageSpec spec;
  spec.forced_outage_rate = 0.1;
  spec.mean_time_to_repair_h = 20;
  spec.converter_forced_outage_rate = 0.2;
  spec.converter_mean_time_to_repair_h = 5;
  s.outages.kind.push_back(model::OutageAssetKind::link);
  s.outages.index.push_back(0);
  s.outages.spec.push_back(spec);
  const auto a = reliability::draw(s, 3);
  const double share = std::accumulate(a.share[0].begin(), a.share[0].end(), 0.0) / hours;
  EXPECT_NEAR(share, 0.72, 0.01);
  EXPECT_NEAR(a.expected[0], 0.72, 1e-12);
  // Without forced outages (--outages off) the circuit is always in service.
  const auto off = reliability::draw(s, 3, false);
  EXPECT_EQ(std::accumulate(off.share[0].begin(), off.share[0].end(), 0.0), static_cast<double>(hours));
}
