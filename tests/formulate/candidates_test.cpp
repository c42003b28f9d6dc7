// The candidate-choice family (formulate/candidates.cpp): binary choices of candidate projects
// under a budget, driven by the scope's `candidates`. Worked out by hand on a tiny study built in
// C++ (tests/support/builder.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "formulate/build.hpp"
#include "support/builder.hpp"

using namespace silkgrid;
using formulate::Candidate;
using formulate::CandidateAsset;
using formulate::Candidates;
using test::StudyBuilder;

namespace {

// One region, 100 MW of load for a year as one 8,760-h snapshot, gas at 60 EUR/MWh (525,600
// EUR per MW-year). Two candidate plants: wind-a, 50 MW at 0.4 for 100,000 EUR/MW-year (saves
// 50 · (0.4 · 525,600 − 100,000) = 5,512,000 a year), and solar-b, 80 MW at 0.25 for 60,000
// EUR/MW-year (saves 80 · (0.25 · 525,600 − 60,000) = 5,712,000 a year).
model::Study two_plants() {
  return StudyBuilder(1, 8760)
      .carrier("gas")
      .carrier("wind", 0, true)
      .carrier("solar", 0, true)
      .region("A")
      .load({.name = "load", .region = "A", .p_mw = {100}})
      .generator({.name = "gas", .region = "A", .carrier = "gas", .p_nom = 1000, .vom = 60})
      .generator({.name = "wind-a", .region = "A", .carrier = "wind", .extendable = true, .p_nom_max = 50,
                  .capital_cost = 100000, .p_max_pu = {0.4}})
      .generator({.name = "solar-b", .region = "A", .carrier = "solar", .extendable = true, .p_nom_max = 80,
                  .capital_cost = 60000, .p_max_pu = {0.25}})
      .build();
}

// Both all or nothing; wind-a needs 30 M of the budget, solar-b 25 M.
Candidates all_or_nothing(double budget) {
  Candidates c;
  c.budget = budget;
  c.candidates.push_back({"wind-a", {{{model::AssetKind::generator, 1}, true, 50.0, 0.0}}, 30e6, std::nullopt});
  c.candidates.push_back({"solar-b", {{{model::AssetKind::generator, 2}, true, 80.0, 0.0}}, 25e6, std::nullopt});
  return c;
}

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}

struct Outcome {
  lp::Solution solution;
  model::Results results;
};

Outcome solve(const model::Study& study, const Candidates& candidates, bool mip, bool names = false,
          lp::LinearProgram* lp_out = nullptr) {
  formulate::BuildOptions options;
  options.names = names;
  options.scope.candidates = candidates;
  const formulate::Built built = formulate::build(study, options);
  auto log = quiet();
  Outcome run;
  run.solution = mip ? lp::solve_mip(built.lp, {}, log) : lp::solve(built.lp, {}, log);
  EXPECT_EQ(run.solution.status, lp::Status::optimal) << run.solution.status_text;
  run.results = formulate::extract(study, built, run.solution);
  if (lp_out) *lp_out = built.lp;
  return run;
}

}  // namespace

// A budget of 40 M affords one plant: solar-b, which saves more. Cost: 80 MW of gas
// (42,048,000) + solar-b's 4,800,000.
TEST(Candidates, BudgetThatAffordsOneChoosesTheBetterPlant) {
  const auto study = two_plants();
  const Outcome run = solve(study, all_or_nothing(40e6), true);
  EXPECT_NEAR(run.solution.objective, 46848000.0, 1e-3);
  ASSERT_EQ(run.results.candidate_chosen.size(), 2u);
  EXPECT_EQ(run.results.candidate_chosen[0], 0);
  EXPECT_EQ(run.results.candidate_chosen[1], 1);
  EXPECT_NEAR(run.results.generator_capacity_mw[1], 0.0, 1e-6);
  EXPECT_NEAR(run.results.generator_capacity_mw[2], 80.0, 1e-6);  // all or nothing: its whole size
  EXPECT_NEAR(run.results.budget_used, 25e6, 1e-3);
  EXPECT_EQ(run.results.budget_shadow_price, 0.0);  // a MIP: no duals

  // 60 M affords both: 60 MW of gas (31,536,000) + 5,000,000 + 4,800,000.
  const Outcome both = solve(study, all_or_nothing(60e6), true);
  EXPECT_NEAR(both.solution.objective, 41336000.0, 1e-3);
  EXPECT_EQ(both.results.candidate_chosen, (std::vector<char>{1, 1}));
  EXPECT_NEAR(both.results.budget_used, 55e6, 1e-3);

  // Nothing affordable: neither, all gas (52,560,000).
  const Outcome none = solve(study, all_or_nothing(20e6), true);
  EXPECT_NEAR(none.solution.objective, 52560000.0, 1e-3);
  EXPECT_EQ(none.results.candidate_chosen, (std::vector<char>{0, 0}));
}

// Fixed choices make an LP (no integer columns) with duals: the re-solves of a portfolio.
// solar-b bounded by 80·z and needing 500,000 per MW: a budget of 30 M builds 60 MW, and one
// more euro saves (0.25 · 525,600 − 60,000) / 500,000 = 0.1428 a year.
TEST(Candidates, FixedChoicesGiveAnLpWithTheBudgetsDual) {
  const auto study = two_plants();
  Candidates c = all_or_nothing(30e6);
  c.candidates[0].fixed = false;
  c.candidates[1].fixed = true;
  c.candidates[1].assets[0].all_or_nothing = false;
  c.candidates[1].assets[0].money_per_mw = 0.5e6;
  c.candidates[1].money_per_choice = 0;
  lp::LinearProgram lp;
  const Outcome run = solve(study, c, false, false, &lp);
  EXPECT_TRUE(std::none_of(lp.integer.begin(), lp.integer.end(), [](char f) { return f != 0; }));
  EXPECT_NEAR(run.results.generator_capacity_mw[1], 0.0, 1e-6);
  EXPECT_NEAR(run.results.generator_capacity_mw[2], 60.0, 1e-6);
  EXPECT_NEAR(run.solution.objective, 85 * 525600.0 + 60 * 60000.0, 1e-3);
  EXPECT_EQ(run.results.candidate_chosen, (std::vector<char>{0, 1}));
  EXPECT_NEAR(run.results.budget_used, 30e6, 1e-3);
  EXPECT_NEAR(run.results.budget_shadow_price, 71400.0 / 500000.0, 1e-9);

  // Left out: wind-a fixed in instead (30 M, all of the budget) and solar-b fixed out.
  Candidates swapped = all_or_nothing(30e6);
  swapped.candidates[0].fixed = true;
  swapped.candidates[1].fixed = false;
  const Outcome other = solve(study, swapped, false);
  EXPECT_NEAR(other.solution.objective, 80 * 525600.0 + 50 * 100000.0, 1e-3);
}

// The family names its columns and rows for MPS files, marks free choices as integers, and
// leaves a study without candidates as it was.
TEST(Candidates, NamesIntegerFlagsAndNoCandidates) {
  const auto study = two_plants();
  lp::LinearProgram lp;
  solve(study, all_or_nothing(40e6), true, true, &lp);
  const auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  EXPECT_TRUE(has(lp.col_names, "z(wind-a)"));
  EXPECT_TRUE(has(lp.col_names, "z(solar-b)"));
  EXPECT_TRUE(has(lp.row_names, "budget"));
  EXPECT_TRUE(has(lp.row_names, "choice(solar-b,solar-b)"));
  EXPECT_EQ(std::count(lp.integer.begin(), lp.integer.end(), 1), 2);

  const formulate::Built plain = formulate::build(study);
  EXPECT_EQ(plain.lp.num_cols + 2, lp.num_cols);  // two z columns
  EXPECT_EQ(plain.lp.num_rows + 3, lp.num_rows);  // two choice rows and the budget
  EXPECT_TRUE(plain.lp.integer.empty());
}

// A candidate's asset needs a capacity column: a fixed plant is refused.
TEST(Candidates, AssetWithoutCapacityColumnIsRefused) {
  const auto study = two_plants();
  Candidates c = all_or_nothing(40e6);
  c.candidates[0].assets[0].asset.index = 0;  // gas: p_nom fixed
  formulate::BuildOptions options;
  options.scope.candidates = c;
  EXPECT_THROW(formulate::build(study, options), core::Error);
}
