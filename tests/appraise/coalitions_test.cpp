// The cooperative games of countries: Shapley values, the core and the least core by hand, and
// a coalition's value from two regions joined by a cable.
#include <gtest/gtest.h>

#include "appraise/coalitions.hpp"
#include "decompose/benders.hpp"
#include "support/builder.hpp"

using namespace silkgrid;

namespace {
core::Logger quiet() { return core::Logger(core::LogLevel::error, [](core::LogLevel, const std::string&) {}); }
}  // namespace

TEST(Coalitions, SymmetricPlayersShareEquallyAndTheShapleyValueIsEfficient) {
  // v(S) = 0 alone, 6 for any pair, 12 for all three.
  std::vector<double> v(8, 0.0);
  for (std::uint32_t S : {3u, 5u, 6u}) v[S] = 6;
  v[7] = 12;
  const auto phi = appraise::shapley(v, 3);
  for (double p : phi) EXPECT_NEAR(p, 4.0, 1e-12);
  EXPECT_TRUE(appraise::core_violations(v, 3, phi).empty());
  auto log = quiet();
  EXPECT_GE(appraise::least_core(v, 3, log).epsilon, 0.0);
}

TEST(Coalitions, AnAsymmetricGameByHand) {
  // Players A (bit 0), B (bit 1), C (bit 2): only coalitions with A create value:
  // v(AB) = 6, v(AC) = 4, v(BC) = 0, v(ABC) = 10.
  // φ_A = 1/3·(6 + 4) /2 ... by the formula: A's marginal contributions: to ∅ 0 (w 1/3), to B 6
  // (w 1/6), to C 4 (w 1/6), to BC 10 (w 1/3): 1 + 2/3 + 10/3 = 5. φ_B: to ∅ 0, to A 6 (1/6), to C 0,
  // to AC 6 (1/3): 1 + 2 = 3. φ_C = 10 − 5 − 3 = 2.
  std::vector<double> v(8, 0.0);
  v[3] = 6;
  v[5] = 4;
  v[6] = 0;
  v[7] = 10;
  const auto phi = appraise::shapley(v, 3);
  EXPECT_NEAR(phi[0], 5.0, 1e-12);
  EXPECT_NEAR(phi[1], 3.0, 1e-12);
  EXPECT_NEAR(phi[2], 2.0, 1e-12);
  EXPECT_TRUE(appraise::core_violations(v, 3, phi).empty());  // AB gets 8 ≥ 6, AC 7 ≥ 4, BC 5 ≥ 0
}

TEST(Coalitions, AnEmptyCoreIsReportedAsSuch) {
  // Majority game: any two players make 1, all three make 1: the core is empty (each pair
  // wants 1 but the three can share only 1); least-core ε = −1/3 at (1/3, 1/3, 1/3).
  std::vector<double> v(8, 0.0);
  for (std::uint32_t S : {3u, 5u, 6u, 7u}) v[S] = 1;
  const auto phi = appraise::shapley(v, 3);
  EXPECT_EQ(appraise::core_violations(v, 3, phi).size(), 3u);
  auto log = quiet();
  const auto lc = appraise::least_core(v, 3, log);
  EXPECT_NEAR(lc.epsilon, -1.0 / 3.0, 1e-9);
  for (double x : lc.allocation) EXPECT_NEAR(x, 1.0 / 3.0, 1e-9);
}

TEST(Coalitions, ACablesValueIsTheCostItSaves) {
  // A: cheap gas (10 EUR/MWh), B: a load of 100 MW and dear gas (50 EUR/MWh), a 60 MW cable: alone B
  // pays 50 · 100 · 24; together 10 · 60 + 50 · 40 an hour: v(AB) = 24 · (5000 − 2600) = 57,600.
  const model::Study s = test::StudyBuilder(24)
                             .carrier("gas")
                             .region("A", "AA")
                             .region("B", "BB")
                             .load({.name = "l", .region = "B", .p_mw = {100}})
                             .generator({.name = "cheap", .region = "A", .carrier = "gas", .p_nom = 500, .vom = 10})
                             .generator({.name = "dear", .region = "B", .carrier = "gas", .p_nom = 500, .vom = 50})
                             .link({.name = "cable", .from = "A", .to = "B", .p_nom = 60})
                             .build();
  auto log = quiet();
  const std::vector<std::string> players{"AA", "BB"};
  const double nobody = decompose::solve(appraise::coalition_study(s, players, 0), {}, log).objective_eur;
  const double both = decompose::solve(appraise::coalition_study(s, players, 3), {}, log).objective_eur;
  EXPECT_NEAR(nobody - both, 57600.0, 1e-6);
  EXPECT_NEAR(nobody, 50.0 * 100 * 24, 1e-6);
}
