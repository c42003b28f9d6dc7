// The cooperative games of countries: Shapley values, the core and the least core by hand, and
// a coalition's value from two regions joined by a cable.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <map>

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

TEST(Coalitions, SampledOrdersAreUniformPermutationsFromTheSeedAlone) {
  const auto a = appraise::sample_orders(5, 20000, 7);
  EXPECT_EQ(a, appraise::sample_orders(5, 20000, 7));
  EXPECT_NE(a, appraise::sample_orders(5, 20000, 8));
  // Each player is first in a fifth of the orders: 4,000 expected, σ = √(20000 · 0.2 · 0.8) ≈ 57.
  std::vector<int> first(5, 0);
  for (const auto& o : a) {
    std::vector<int> sorted = o;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted, (std::vector<int>{0, 1, 2, 3, 4}));
    ++first[static_cast<std::size_t>(o[0])];
  }
  for (int f : first) EXPECT_NEAR(f, 4000, 4 * 57);
  // Coalitions needed: the prefixes of two or more, once each.
  const auto masks = appraise::coalitions_of({{2, 0, 1}, {0, 2, 1}});
  EXPECT_EQ(masks, (std::vector<appraise::Mask>{5, 7}));
}

TEST(Coalitions, TheSampledShapleyValueConvergesToTheExactOneWithinItsStandardError) {
  // A random game on 8 players: 10 per member and noise for coalitions of two or more.
  const int n = 8;
  std::vector<double> v(1u << n, 0.0);
  std::uint64_t state = 12345;
  for (std::uint32_t S = 0; S < v.size(); ++S) {
    if (std::popcount(S) < 2) continue;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v[S] = std::popcount(S) * 10.0 + static_cast<double>(state >> 40) / (1u << 24) * 20.0;  // 10 per member + noise in [0, 20)
  }
  const auto exact = appraise::shapley(v, n);
  const auto orders = appraise::sample_orders(n, 4000, 3);
  const auto e = appraise::shapley_sampled([&](appraise::Mask S) { return v[S]; }, n, orders);
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    EXPECT_GT(e.standard_error[static_cast<std::size_t>(i)], 0.0);
    EXPECT_LT(e.standard_error[static_cast<std::size_t>(i)], 1.0);  // marginals spread over ~±20: σ/√4000 ≈ 0.2
    EXPECT_NEAR(e.value[static_cast<std::size_t>(i)], exact[static_cast<std::size_t>(i)], 4 * e.standard_error[static_cast<std::size_t>(i)]);
    sum += e.value[static_cast<std::size_t>(i)];
  }
  EXPECT_NEAR(sum, v.back(), 1e-9 * v.back());  // efficient whatever the sample
  // The standard error is what it claims: over 40 independent estimates of 200 orders each, the
  // spread of player 0's estimate matches the mean reported error (within 30 %).
  std::vector<double> est;
  double reported = 0;
  for (std::uint64_t seed = 100; seed < 140; ++seed) {
    const auto s = appraise::shapley_sampled([&](appraise::Mask S) { return v[S]; }, n, appraise::sample_orders(n, 200, seed));
    est.push_back(s.value[0]);
    reported += s.standard_error[0] / 40;
  }
  double mean = 0, var = 0;
  for (double x : est) mean += x / 40;
  for (double x : est) var += (x - mean) * (x - mean) / 39;
  EXPECT_NEAR(std::sqrt(var) / reported, 1.0, 0.3);
}

TEST(Coalitions, AGameWorthNothingHasNoSamplingError) {
  // Players alone are worth 0 in the engine's games, so a player's marginal depends on where it
  // arrives in every game but the null one: there the estimate and its error are exactly 0.
  const auto e = appraise::shapley_sampled([](appraise::Mask) { return 0.0; }, 4, appraise::sample_orders(4, 50, 1));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(e.value[static_cast<std::size_t>(i)], 0.0);
    EXPECT_EQ(e.standard_error[static_cast<std::size_t>(i)], 0.0);
  }
}

TEST(Coalitions, CoreViolationsAmongTheCoalitionsSolved) {
  // The majority game's pairs, with the Shapley value (1/3 each): each pair gets 2/3 < 1.
  std::map<appraise::Mask, double> v{{3, 1}, {5, 1}, {7, 1}};
  const auto bad = appraise::core_violations(v, 3, {1.0 / 3, 1.0 / 3, 1.0 / 3}, 1.0);
  EXPECT_EQ(bad, (std::vector<appraise::Mask>{3, 5}));  // the grand coalition is not a violation
}
