// Portfolio selection (Cbc) against brute-force enumeration and values by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "appraise/portfolio.hpp"
#include "core/error.hpp"
#include "finance/structure.hpp"
#include "model/costs.hpp"
#include "support/studies.hpp"

using namespace silkgrid;

namespace {
// One region, a year as one 8,760-h snapshot, 100 MW of load, gas at 60 EUR/MWh. Three
// all-or-nothing candidates, each half concessional (2 %) and half equity (10 %): WACC 6 %.
// Concessional need: wind-1 25 M, solar 20 M, wind-2 24 M.
const char* three_candidates = R"(
study: {name: portfolio, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas}, {name: wind, renewable: true}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 60}
  - {name: wind-1, region: A, carrier: wind, p_nom_mw: 50, p_max_pu: 0.4, capex_eur_per_kw: 1000, lifetime_years: 25}
  - {name: solar, region: A, carrier: solar, p_nom_mw: 80, p_max_pu: 0.25, capex_eur_per_kw: 500, lifetime_years: 25}
  - {name: wind-2, region: A, carrier: wind, p_nom_mw: 40, p_max_pu: 0.35, capex_eur_per_kw: 1200, lifetime_years: 25}
projects:
  - {name: p-wind-1, assets: [wind-1], status: idea, finance: &half {tranches: [{kind: concessional_debt, share: 0.5, rate: 0.02, tenor_years: 20}, {kind: equity, share: 0.5, rate: 0.10}]}}
  - {name: p-solar, assets: [solar], status: idea, finance: *half}
  - {name: p-wind-2, assets: [wind-2], status: feasibility, finance: *half}
)";

model::Study prepared(const std::string& yaml) { return test::study_from(yaml); }

// The projects' own finance, as `run` and `portfolio` use by default.
finance::ProjectFinance as_given(const model::Study& s) { return finance::project_finance(s, finance::FinanceMode::as_given); }

core::Logger quiet() {
  return core::Logger(core::LogLevel::error, [](auto, const std::string&) {});
}
}  // namespace

TEST(Portfolio, ChoiceMatchesBruteForceEnumeration) {
  const auto study = prepared(three_candidates);
  auto log = quiet();
  for (const double budget : {0.0, 20e6, 24e6, 45e6, 44e6, 69e6}) {
    const auto result = appraise::select_portfolio(study, as_given(study), {budget, {}}, {}, log);
    // Brute force: every subset within the budget, each solved as an LP.
    const auto candidates = appraise::candidate_projects(study, {});
    ASSERT_EQ(candidates.size(), 3u);
    const double need[3] = {25e6, 20e6, 24e6};
    double best = model::unlimited;
    int best_mask = -1;
    for (int mask = 0; mask < 8; ++mask) {
      double money = 0;
      std::vector<char> chosen(3);
      for (int k = 0; k < 3; ++k) {
        chosen[static_cast<std::size_t>(k)] = (mask >> k) & 1;
        if (chosen[static_cast<std::size_t>(k)]) money += need[k];
      }
      if (money > budget + 1e-6) continue;
      const double cost = test::solve(appraise::with_choices(study, candidates, chosen), as_given(study).assets).objective_eur;
      if (cost < best) {
        best = cost;
        best_mask = mask;
      }
    }
    EXPECT_NEAR(result.objective_eur, best, 1e-6 * best) << "budget " << budget;
    for (int k = 0; k < 3; ++k)
      EXPECT_EQ(result.projects[static_cast<std::size_t>(k)].chosen, ((best_mask >> k) & 1) != 0) << budget << " " << k;
    EXPECT_LE(result.concessional_used_eur, budget + 1e-6);
  }
}

// With EUR 45 m, wind-1 and solar are chosen (by hand: each saves more than its annuity, and
// wind-2 saves least). The next step, wind-2's EUR 24 m, buys its net saving:
// 40·0.35·8760·60 − 40,000 kW·1,200·AF(6 %, 25).
TEST(Portfolio, ValueOfTheNextStepOfConcessionalFinance) {
  const auto study = prepared(three_candidates);
  auto log = quiet();
  const auto result = appraise::select_portfolio(study, as_given(study), {45e6, {}}, {}, log);
  EXPECT_TRUE(result.projects[0].chosen);
  EXPECT_TRUE(result.projects[1].chosen);
  EXPECT_FALSE(result.projects[2].chosen);
  EXPECT_NEAR(result.concessional_used_eur, 45e6, 1e-3);
  EXPECT_NEAR(result.step_eur, 24e6, 1e-3);
  const double saving = 40 * 0.35 * 8760 * 60.0 - 40 * 1.2e6 * 0.0782267;  // AF(6 %, 25) = 0.0782267 (tables)
  ASSERT_TRUE(result.step_value_eur_per_eur.has_value());
  EXPECT_NEAR(*result.step_value_eur_per_eur, saving / 24e6, 1e-6);
  EXPECT_EQ(result.marginal_value_eur_per_eur, 0.0);  // all-or-nothing choices: no marginal euro
}

// An extendable candidate (up to 200 MW of solar, EUR 500/kW, half concessional): each MW needs
// EUR 250,000 of concessional debt and saves 0.25·8760·60 − 500,000·AF(6 %, 25) a year. With
// EUR 20 m it builds 80 MW, and one more euro is worth that saving over 250,000.
TEST(Portfolio, MarginalValueOfConcessionalFinanceForAnExtendableCandidate) {
  const auto study = prepared(R"(
study: {name: portfolio, snapshots: 1, snapshot_hours: 8760}
carriers: [{name: gas}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 60}
  - {name: solar, region: A, carrier: solar, extendable: true, p_nom_max_mw: 200, p_max_pu: 0.25, capex_eur_per_kw: 500,
     lifetime_years: 25}
projects:
  - {name: p-solar, assets: [solar], finance: {tranches: [{kind: concessional_debt, share: 0.5, rate: 0.02, tenor_years: 20}, {kind: equity, share: 0.5, rate: 0.10}]}}
)");
  auto log = quiet();
  const auto result = appraise::select_portfolio(study, as_given(study), {20e6, {}}, {}, log);
  EXPECT_TRUE(result.projects[0].chosen);
  EXPECT_NEAR(result.projects[0].capacity_mw, 80.0, 1e-6);
  const double saving_per_mw = 0.25 * 8760 * 60.0 - 500000 * 0.0782267;
  EXPECT_NEAR(result.marginal_value_eur_per_eur, saving_per_mw / 250000, 1e-6);
}

TEST(Portfolio, BadInput) {
  const auto study = prepared(three_candidates);
  auto log = quiet();
  EXPECT_THROW(appraise::select_portfolio(study, as_given(study), {-1.0, {}}, {}, log), core::Error);
  try {
    appraise::select_portfolio(study, as_given(study), {1e6, {"p-nope"}}, {}, log);
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no project 'p-nope'"), std::string::npos) << e.what();
  }
}

// Ctrl-C stops both objectives with the interrupted error: the co2 objective's with/without
// runs must not take the interruption for "required without it".
TEST(Portfolio, InterruptedSelectionStopsWithTheInterruptedError) {
  const auto study = prepared(three_candidates);
  auto log = quiet();
  core::Cancel cancel;
  cancel.request();
  formulate::SolveStudyOptions solve;
  solve.solver.cancel = &cancel;
  for (const auto objective : {appraise::PortfolioObjective::cost, appraise::PortfolioObjective::co2}) {
    try {
      appraise::select_portfolio(study, as_given(study), {45e6, {}, objective, 2}, solve, log);
      ADD_FAILURE() << "no error";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), core::ErrorKind::interrupted) << e.what();
    }
  }
}

// What each chosen project adds is its net saving by hand: energy × 60 − annuity at 6 %.
TEST(Portfolio, WhatEachChosenProjectAdds) {
  const auto study = prepared(three_candidates);
  auto log = quiet();
  const auto result = appraise::select_portfolio(study, as_given(study), {45e6, {}}, {}, log);
  const double af = 0.0782267;
  EXPECT_NEAR(*result.projects[0].adds_eur_per_year, 50 * 0.4 * 8760 * 60.0 - 50 * 1e6 * af, 1.0);
  EXPECT_NEAR(*result.projects[1].adds_eur_per_year, 80 * 0.25 * 8760 * 60.0 - 80 * 0.5e6 * af, 1.0);
  EXPECT_FALSE(result.projects[2].adds_eur_per_year.has_value());
}

// Most CO2 per euro: gas emits 0.2 t/MWh, so each candidate avoids its energy × 0.2 (wind-1 and
// solar 20 MW × 8760 h each, wind-2 14 MW), for EUR 25 m, 20 m and 24 m. The best set within
// each budget, by hand and by enumerating the system's CO2 for every affordable subset.
TEST(Portfolio, MostCo2AvoidedWithinTheBudget) {
  std::string yaml = three_candidates;
  yaml.replace(yaml.find("{name: gas}"), 11, "{name: gas, co2_t_per_mwh_fuel: 0.2}");
  const auto study = prepared(yaml);
  auto log = quiet();
  const double t = 8760 * 0.2;
  const double avoided[3] = {20 * t, 20 * t, 14 * t}, need[3] = {25e6, 20e6, 24e6};
  const auto candidates = appraise::candidate_projects(study, {});
  for (const double budget : {0.0, 25e6, 44e6, 45e6, 69e6}) {
    appraise::PortfolioOptions options{budget, {}, appraise::PortfolioObjective::co2, 2};
    const auto result = appraise::select_portfolio(study, as_given(study), options, {}, log);
    EXPECT_EQ(result.objective, "co2");
    // Brute force on the system's CO2 (fewest tonnes; among equals the cheaper set).
    double best_co2 = model::unlimited, best_money = 0;
    int best_mask = 0;
    for (int mask = 0; mask < 8; ++mask) {
      double money = 0;
      std::vector<char> chosen(3);
      for (int k = 0; k < 3; ++k)
        if ((chosen[static_cast<std::size_t>(k)] = (mask >> k) & 1)) money += need[k];
      if (money > budget + 1e-6) continue;
      const double co2 = test::solve(appraise::with_choices(study, candidates, chosen), as_given(study).assets).co2_t();
      if (co2 < best_co2 - 1e-6 || (std::abs(co2 - best_co2) <= 1e-6 && money < best_money)) {
        best_co2 = co2;
        best_money = money;
        best_mask = mask;
      }
    }
    double expected = 0;
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(result.projects[static_cast<std::size_t>(k)].chosen, ((best_mask >> k) & 1) != 0) << budget << " " << k;
      EXPECT_NEAR(*result.projects[static_cast<std::size_t>(k)].co2_avoided_t_per_year, avoided[k], 1e-6);
      if ((best_mask >> k) & 1) expected += avoided[k];
    }
    EXPECT_NEAR(result.co2_avoided_t_per_year, expected, 1e-6) << budget;
  }
  // With EUR 25 m, wind-1 and solar avoid the same; solar is cheaper.
  const auto at25 = appraise::select_portfolio(study, as_given(study), {25e6, {}, appraise::PortfolioObjective::co2, 1}, {}, log);
  EXPECT_TRUE(at25.projects[1].chosen);
  EXPECT_FALSE(at25.projects[0].chosen);
  // With EUR 45 m the next step (wind-2's EUR 24 m) buys 14 MW × 8760 h × 0.2 t.
  const auto at45 = appraise::select_portfolio(study, as_given(study), {45e6, {}, appraise::PortfolioObjective::co2, 1}, {}, log);
  EXPECT_NEAR(*at45.step_value_eur_per_eur, avoided[2] / 24e6, 1e-12);
}

// The same choice with the binary choices in a Benders master (as Antares-Xpansion does): the
// year as 8 snapshots in 4 subperiods, against brute-force enumeration of monolithic LPs.
TEST(Portfolio, BinaryChoicesInTheBendersMasterMatchBruteForce) {
  std::string yaml = three_candidates;
  const std::string one = "study: {name: portfolio, snapshots: 1, snapshot_hours: 8760}";
  yaml.replace(yaml.find(one), one.size(),
               "study: {name: portfolio, snapshots: 8, snapshot_hours: 1095}\n"
               "solver: {decomposition: benders, subperiod_hours: 2190, gap: 1.0e-9}");
  const auto study = prepared(yaml);
  auto log = quiet();
  const auto candidates = appraise::candidate_projects(study, {});
  const double need[3] = {25e6, 20e6, 24e6};
  for (const double budget : {20e6, 24e6, 45e6, 69e6}) {
    const auto result = appraise::select_portfolio(study, as_given(study), {budget, {}}, {}, log);
    ASSERT_TRUE(result.results.decomposition.has_value()) << "solved by Benders";
    double best = model::unlimited;
    int best_mask = -1;
    for (int mask = 0; mask < 8; ++mask) {
      double money = 0;
      std::vector<char> chosen(3);
      for (int k = 0; k < 3; ++k) {
        chosen[static_cast<std::size_t>(k)] = (mask >> k) & 1;
        if (chosen[static_cast<std::size_t>(k)]) money += need[k];
      }
      if (money > budget + 1e-6) continue;
      const double cost = test::solve(appraise::with_choices(study, candidates, chosen), as_given(study).assets).objective_eur;
      if (cost < best) {
        best = cost;
        best_mask = mask;
      }
    }
    EXPECT_NEAR(result.objective_eur, best, 1e-8 * best) << "budget " << budget;
    for (int k = 0; k < 3; ++k)
      EXPECT_EQ(result.projects[static_cast<std::size_t>(k)].chosen, ((best_mask >> k) & 1) != 0) << budget << " " << k;
  }
}
