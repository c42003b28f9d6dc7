// Finance structures by hand: the blended cost of capital (WACC) and grant share of a
// project's tranches, and the terms under each finance mode.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "finance/structure.hpp"

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
