// What it would take: the break-even reduction of a candidate's annuity, against a hand value,
// on a degenerate optimum (the reduced cost may understate it), verified by solving again.
#include <gtest/gtest.h>

#include "appraise/break_even.hpp"
#include "decompose/benders.hpp"
#include "finance/structure.hpp"
#include "support/builder.hpp"

using namespace silkgrid;

namespace {

// Load 100 MW; 100 MW of gas at 50 EUR/MWh (exactly the load: the balance's dual can be any
// price from 50 up to the wind's break-even, a degenerate optimum); candidate wind, always
// available, at `annuity` EUR/MW-year. A MW of wind saves 50 · 8,760 = 438,000 EUR a year, so it
// enters when its annuity falls below 438,000: the break-even reduction is annuity − 438,000.
model::Study study(double annuity) {
  return test::StudyBuilder(8760)
      .carrier("gas")
      .carrier("wind", 0, true)
      .region("A")
      .load({.name = "l", .region = "A", .p_mw = {100}})
      .generator({.name = "gas", .region = "A", .carrier = "gas", .p_nom = 100, .vom = 50})
      .generator({.name = "wind", .region = "A", .carrier = "wind", .extendable = true, .p_nom_max = 500,
                  .capital_cost = annuity})
      .build();
}

std::vector<model::BreakEven> candidates(const model::Study& s, bool verify) {
  core::Logger log(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  formulate::SolveStudyOptions options;
  const auto results = decompose::solve(s, options, log);
  EXPECT_EQ(results.status, "optimal");
  return appraise::break_even(s, finance::project_finance(s, finance::FinanceMode::none), results, options, verify, log);
}

}  // namespace

TEST(BreakEven, TheSmallestReductionAtWhichACandidateEnters) {
  const double annuity = 600000;
  const auto s = study(annuity);
  const auto c = candidates(s, true);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].name, "wind");
  EXPECT_EQ(c[0].built_mw, 0.0);
  ASSERT_TRUE(c[0].reduction_eur_per_mw_year);
  const double expected = annuity - 50.0 * 8760;
  EXPECT_NEAR(*c[0].reduction_eur_per_mw_year, expected, 1e-6 * expected);
  EXPECT_NEAR(*c[0].share, expected / annuity, 1e-6);
  EXPECT_TRUE(c[0].verified);
  EXPECT_GT(c[0].solves, 1);
  // The reduced cost is a valid dual's: at most the break-even (equal when Clp priced gas).
  EXPECT_LE(c[0].reduced_cost_eur_per_mw_year, expected * (1 + 1e-9));
  EXPECT_GE(c[0].reduced_cost_eur_per_mw_year, -1e-6);
  // It enters at the reported reduction and not just below it.
  core::Logger log(core::LogLevel::error, [](core::LogLevel, const std::string&) {});
  const auto wind_at = [&](double reduction) {
    model::Study t = s;
    t.generators.invest.capital_cost_eur_per_mw_year[1] = annuity - reduction;
    return decompose::solve(t, {}, log).generator_capacity_mw[1];
  };
  EXPECT_GT(wind_at(*c[0].reduction_eur_per_mw_year * (1 + 1e-5)), 1.0);
  EXPECT_LT(wind_at(*c[0].reduction_eur_per_mw_year * (1 - 1e-5)), 1e-3);
  // A candidate with a capital_cost (no capex) has no grant equivalent.
  EXPECT_FALSE(c[0].grant_share);
}

TEST(BreakEven, ABuiltCandidateNeedsNothingAndOneThatNeverPaysHasNoAnswer) {
  auto c = candidates(study(300000), true);  // cheaper than the gas it saves: built to cover the load
  ASSERT_EQ(c.size(), 1u);
  EXPECT_GT(c[0].built_mw, 99.0);
  EXPECT_EQ(*c[0].reduction_eur_per_mw_year, 0.0);
  // Without verification the reduction is the reduced cost (a lower bound of the answer).
  c = candidates(study(600000), false);
  EXPECT_FALSE(c[0].verified);
  EXPECT_NEAR(*c[0].reduction_eur_per_mw_year, std::max(0.0, c[0].reduced_cost_eur_per_mw_year), 1e-9);
  // A candidate that saves nothing (no load to serve) never enters, even free.
  model::Study idle = study(1000);
  idle.loads.p_mw[0] = model::Profile::fixed(0.0);
  c = candidates(idle, true);
  EXPECT_FALSE(c[0].reduction_eur_per_mw_year);
}
