// Finance structures by hand: the blended cost of capital (WACC) and grant share of a
// project's tranches, and the terms under each finance mode.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "finance/structure.hpp"
#include "formulate/build.hpp"
#include "support/studies.hpp"

using namespace silkgrid;
using model::Tranche;
using model::TrancheKind;

namespace {
model::FinanceTerms blended() {
  model::FinanceTerms t;
  t.tranches = {Tranche{TrancheKind::grant, 0.3, 0.0, 0, 0}, Tranche{TrancheKind::concessional_debt, 0.4, 0.03, 25, 5},
                Tranche{TrancheKind::equity, 0.3, 0.10, 0, 0}};
  t.tax_rate = 0.2;
  return t;
}
}  // namespace

TEST(FinanceStructure, WaccOfTheRepayableTranchesAfterTax) {
  // (0.4 · 3 % · (1 − 0.2) + 0.3 · 10 %) / (0.4 + 0.3) = 0.0396 / 0.7.
  EXPECT_NEAR(finance::wacc(blended()), 0.0396 / 0.7, 1e-12);
  EXPECT_NEAR(finance::grant_share(blended()), 0.3, 1e-12);
  // All equity: its own rate; all grant: nothing to repay.
  model::FinanceTerms equity;
  equity.tranches = {Tranche{TrancheKind::equity, 1.0, 0.12, 0, 0}};
  EXPECT_NEAR(finance::wacc(equity), 0.12, 1e-12);
  model::FinanceTerms grant;
  grant.tranches = {Tranche{TrancheKind::grant, 1.0, 0.0, 0, 0}};
  EXPECT_EQ(finance::wacc(grant), 0.0);
  EXPECT_EQ(finance::grant_share(grant), 1.0);
}

TEST(FinanceStructure, CommercialTermsReplaceGrantsAndConcessionalDebt) {
  const auto c = finance::terms_under(blended(), finance::FinanceMode::commercial, 0.09);
  ASSERT_EQ(c.tranches.size(), 3u);
  // The grant becomes commercial debt at 9 % over 15 years without grace; the concessional
  // loan keeps its tenor and grace at 9 %; equity stays.
  EXPECT_EQ(c.tranches[0].kind, TrancheKind::commercial_debt);
  EXPECT_EQ(c.tranches[0].rate, 0.09);
  EXPECT_EQ(c.tranches[0].tenor_years, 15);
  EXPECT_EQ(c.tranches[0].grace_years, 0);
  EXPECT_EQ(c.tranches[1].kind, TrancheKind::commercial_debt);
  EXPECT_EQ(c.tranches[1].tenor_years, 25);
  EXPECT_EQ(c.tranches[1].grace_years, 5);
  EXPECT_EQ(c.tranches[2].kind, TrancheKind::equity);
  // WACC: (0.7 · 9 % · 0.8 + 0.3 · 10 %) / 1 = 0.0804; no grant left.
  EXPECT_NEAR(finance::wacc(c), 0.0804, 1e-12);
  EXPECT_EQ(finance::grant_share(c), 0.0);
  // A project's own commercial tranche sets the rate of what is replaced.
  auto own = blended();
  own.tranches.push_back(Tranche{TrancheKind::commercial_debt, 0.0, 0.07, 12, 1});
  const auto c2 = finance::terms_under(own, finance::FinanceMode::commercial, 0.09);
  EXPECT_EQ(c2.tranches[0].rate, 0.07);
  EXPECT_EQ(c2.tranches[0].tenor_years, 12);
  EXPECT_EQ(c2.tranches[1].rate, 0.07);
  // What replaces public grants and loans comes from a commercial lender: the project's own
  // commercial lender where it has one, else "commercial lender" (a commercial bank, assumed).
  EXPECT_EQ(c.tranches[0].provider, "commercial lender");
  EXPECT_EQ(c.tranches[0].provider_kind, model::ProviderKind::commercial_bank);
  EXPECT_TRUE(c.tranches[0].provider_kind_assumed);
  EXPECT_EQ(c.tranches[2].provider, "sponsor");
  own.tranches.back().provider = "BankX";
  own.tranches.back().provider_kind = model::ProviderKind::commercial_bank;
  const auto c3 = finance::terms_under(own, finance::FinanceMode::commercial, 0.09);
  EXPECT_EQ(c3.tranches[1].provider, "BankX");
  EXPECT_FALSE(c3.tranches[1].provider_kind_assumed);
  // None: no tranches at all; as given: unchanged.
  EXPECT_TRUE(finance::terms_under(blended(), finance::FinanceMode::none, 0.09).tranches.empty());
  EXPECT_EQ(finance::terms_under(blended(), finance::FinanceMode::as_given, 0.09).tranches.size(), 3u);
}

TEST(FinanceStructure, ModesParseAndRefuseOthers) {
  EXPECT_EQ(finance::parse_finance_mode("as-given"), finance::FinanceMode::as_given);
  EXPECT_EQ(finance::parse_finance_mode("commercial"), finance::FinanceMode::commercial);
  EXPECT_EQ(finance::parse_finance_mode("none"), finance::FinanceMode::none);
  EXPECT_THROW(finance::parse_finance_mode("grants"), core::Error);
}

// The projects' finance is an input of the build: each asset of a project at its project's
// WACC and grant share, assets of a project without tranches at the study's rate, others as
// the study gives them; the study itself stays as read.
TEST(FinanceStructure, ProjectFinanceIsABuildInputAndLeavesTheStudyAsRead) {
  const model::Study study = test::study_from(R"(
study: {name: finance, snapshots: 1, snapshot_hours: 8760, discount_rate: 0.07}
carriers: [{name: gas}, {name: solar, renewable: true}]
regions: [{name: A, country: AZ}]
loads: [{name: load, region: A, p_mw: 100}]
generators:
  - {name: gas, region: A, carrier: gas, p_nom_mw: 1000, vom_eur_per_mwh: 60, capex_eur_per_kw: 800, lifetime_years: 30, discount_rate: 0.04}
  - {name: pv, region: A, carrier: solar, extendable: true, p_nom_max_mw: 500, p_max_pu: 0.25, capex_eur_per_kw: 1000, lifetime_years: 25, fom_pct_per_year: 2, discount_rate: 0.12}
  - {name: pv-2, region: A, carrier: solar, p_nom_mw: 10, p_max_pu: 0.25, capex_eur_per_kw: 1000, lifetime_years: 25, discount_rate: 0.12}
projects:
  - {name: p-pv, assets: [pv], finance: {tranches: [{kind: grant, share: 0.3}, {kind: concessional_debt, share: 0.4, rate: 0.03, tenor_years: 25, grace_years: 5}, {kind: equity, share: 0.3, rate: 0.10}], tax_rate: 0.2}}
  - {name: p-pv-2, assets: [pv-2]}
)");
  const std::size_t pv = 1, pv2 = 2;
  const auto given = finance::project_finance(study, finance::FinanceMode::as_given);
  ASSERT_EQ(given.terms.size(), 2u);
  // WACC (0.4 · 3 % · 0.8 + 0.3 · 10 %) / 0.7 and a grant of 30 %.
  const double wacc = 0.0396 / 0.7;
  EXPECT_NEAR(given.assets.of(model::AssetKind::generator, pv).rate, wacc, 1e-12);
  EXPECT_NEAR(given.assets.of(model::AssetKind::generator, pv).grant_share, 0.3, 1e-12);
  // A project without finance (the reader makes it all equity at the study's 7 %): no grant.
  EXPECT_EQ(given.assets.of(model::AssetKind::generator, pv2).rate, 0.07);
  EXPECT_EQ(given.assets.of(model::AssetKind::generator, pv2).grant_share, 0.0);
  ASSERT_EQ(given.terms[1].tranches.size(), 1u);
  EXPECT_EQ(given.terms[1].tranches[0].rate, 0.07);
  // Not in a project: the defaults, i.e. its own 4 %.
  EXPECT_FALSE(model::is_given(given.assets.of(model::AssetKind::generator, 0).rate));
  EXPECT_FALSE(model::is_given(given.assets.of(model::AssetKind::link, 5).rate));  // past the end: defaults
  // The study is as read: its own rates, its own tranches.
  EXPECT_EQ(study.generators.invest.discount_rate[pv], 0.12);
  EXPECT_EQ(study.projects.finance[0].tranches.size(), 3u);
  EXPECT_EQ(study.projects.finance[0].tranches[0].kind, model::TrancheKind::grant);

  // The build prices pv's capacity column under its terms:
  // 1e6 EUR/MW · (0.7 · AF(wacc, 25) + 2 %); without them at its own 12 %: 1e6 · (AF(12 %, 25) + 2 %).
  auto af = [](double r, double n) { return r / (1 - std::pow(1 + r, -n)); };
  formulate::BuildOptions options;
  options.capital = given.assets;
  const auto built = formulate::build(study, options);
  const int column = built.capacity_column({model::AssetKind::generator, static_cast<int>(pv)});
  ASSERT_GE(column, 0);
  EXPECT_NEAR(built.lp.cost[static_cast<std::size_t>(column)], 1e6 * (0.7 * af(wacc, 25) + 0.02), 1e-6);
  const auto plain = formulate::build(study);
  EXPECT_NEAR(plain.lp.cost[static_cast<std::size_t>(column)], 1e6 * (af(0.12, 25) + 0.02), 1e-6);
  // Commercial: the grant and the concessional loan become 9 % debt; WACC (0.7 · 9 % · 0.8 + 0.3 · 10 %).
  const auto commercial = finance::project_finance(study, finance::FinanceMode::commercial);
  EXPECT_NEAR(commercial.assets.of(model::AssetKind::generator, pv).rate, 0.0804, 1e-12);
  EXPECT_EQ(commercial.assets.of(model::AssetKind::generator, pv).grant_share, 0.0);
  // None: every project asset at the study's rate, no grant.
  const auto none = finance::project_finance(study, finance::FinanceMode::none);
  EXPECT_EQ(none.assets.of(model::AssetKind::generator, pv).rate, 0.07);
  EXPECT_EQ(none.assets.of(model::AssetKind::generator, pv).grant_share, 0.0);

  // The results report each asset's annuity as the build priced it.
  const auto results = test::solve(study, given.assets);
  ASSERT_EQ(results.generator_annuity_eur_per_mw_year.size(), 3u);
  EXPECT_NEAR(results.generator_annuity_eur_per_mw_year[pv], 1e6 * (0.7 * af(wacc, 25) + 0.02), 1e-6);
  EXPECT_NEAR(results.generator_annuity_eur_per_mw_year[0], 8e5 * af(0.04, 30), 1e-6);
  EXPECT_NEAR(results.generator_annuity_eur_per_mw_year[pv2], 1e6 * af(0.07, 25), 1e-6);
}
